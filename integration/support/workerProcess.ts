/**
 * A worker as its own process (`workers/main.ts`), for crash-safety tests: started against the test
 * platform's database and Temporal server, killed with SIGKILL mid-work and started again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../core/config.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export function startWorkerProcess(config: Config, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DATABASE_URL: config.DATABASE_URL,
      TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
      TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
      TEMPORAL_DOCUMENTS_TASK_QUEUE: config.TEMPORAL_DOCUMENTS_TASK_QUEUE,
      TEMPORAL_BULK_TASK_QUEUE: config.TEMPORAL_BULK_TASK_QUEUE,
      DATA_ENCRYPTION_KEY: config.DATA_ENCRYPTION_KEY,
      OUTBOUND_ALLOW_PRIVATE_NETWORK: 'true',
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function killWorkerProcess(worker: ChildProcess | undefined): Promise<void> {
  if (!worker || worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  worker.kill('SIGKILL');
  await exited;
}

/**
 * Starts a worker and kills it with SIGKILL `kills` times, each a little later than the one before
 * (2.5 s, 3.5 s, …) so crashes land at different points of the work; `during(kill)` runs while
 * that worker is up. Returns a last worker, left running for the test to finish its work.
 */
export async function crashWorkerRepeatedly(start: () => ChildProcess, kills: number, during?: (kill: number) => Promise<void>): Promise<ChildProcess> {
  for (let kill = 0; kill < kills; kill++) {
    const worker = start();
    await new Promise((resolve) => setTimeout(resolve, 2_500 + kill * 1_000));
    await during?.(kill);
    await killWorkerProcess(worker);
  }
  return start();
}
