import type { WorkerQueue } from '../core/config.ts';

/**
 * The worker processes `npm start` runs for the queues WORKER_TASK_QUEUES names: bulk work in a
 * process of its own, as in the production topology (docker-compose.yml, `worker-bulk`), so a
 * large batch never shares an event loop, CPU time or a database pool with the process that
 * answers single submissions, case decisions and webhooks.
 */
export function workerProcesses(queues: readonly WorkerQueue[]): { name: string; queues: WorkerQueue[] }[] {
  const interactive = queues.filter((queue) => queue !== 'bulk');
  return [
    ...(interactive.length > 0 ? [{ name: 'worker', queues: interactive }] : []),
    ...(queues.includes('bulk') ? [{ name: 'bulk', queues: ['bulk' as const] }] : []),
  ];
}
