import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import type { PrismaClient } from '../core/database.ts';
import { createActivities } from './activities/index.ts';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface MainWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  prisma: PrismaClient;
  identity: string;
  /** a prebuilt bundle (tests build one per file); when absent the worker bundles workflowsPath */
  workflowBundle?: WorkflowBundleOption;
}

/** The worker of the main task queue: orchestration workflows and light (database) activities. */
export async function createMainWorker(options: MainWorkerOptions): Promise<Worker> {
  return await Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    identity: options.identity,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath }),
    activities: createActivities({ prisma: options.prisma, workerIdentity: options.identity }),
  });
}
