/**
 * A worker process as `npm start` runs one (`node --import tsx workers/main.ts` with
 * WORKER_TASK_QUEUES), started by a bench and ready once Temporal lists it among the pollers of
 * its task queue.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import protos from '@temporalio/proto';
import type { WorkerQueue } from '../../core/config.ts';
import { root } from '../setup.ts';

export interface BenchWorkerProcess {
  name: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the process and resolves when it polls `pollQueue` (a workflow queue for `main`, an
 * activity queue otherwise). Its output is kept and shown only if it ends before it is stopped.
 */
export async function startWorkerProcess(options: {
  name: string;
  queues: WorkerQueue[];
  env: Record<string, string>;
  client: Client;
  pollQueue: { name: string; workflows: boolean };
  timeoutMs?: number;
}): Promise<BenchWorkerProcess> {
  // BENCH_WORKER_NODE_ARGS: node flags for the worker processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles` to profile them
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(root, 'workers', 'main.ts')], {
    cwd: root,
    env: { ...process.env, ...options.env, WORKER_TASK_QUEUES: options.queues.join(',') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid!;
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(chunk.toString()) > 200 && output.shift();
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`[bench] worker process ${options.name} (${pid}) ended on its own (${signal ?? `exit ${code}`}):\n${output.join('')}\n`);
  });

  const identity = `${pid}@${os.hostname()}`;
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`worker process ${options.name} ended before it polled ${options.pollQueue.name}`);
    const { pollers } = await options.client.workflowService.describeTaskQueue({
      namespace: options.client.options.namespace,
      taskQueue: { name: options.pollQueue.name, kind: protos.temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: options.pollQueue.workflows ? protos.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW : protos.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
    });
    if (pollers?.some((poller) => poller.identity === identity)) break;
    if (Date.now() > deadline) {
      await stopChild(child, exited);
      throw new Error(`worker process ${options.name} did not poll ${options.pollQueue.name} in time:\n${output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    name: options.name,
    pid,
    async stop() {
      stopping = true;
      await stopChild(child, exited);
    },
  };
}

/** SIGTERM (the worker finishes its in-flight activities), SIGKILL after 30 s. */
async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  child.kill('SIGTERM');
  await exited;
  clearTimeout(timer);
}
