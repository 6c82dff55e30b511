import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type CompiledWorkerOptions, type Logger, type WorkflowBundleOption } from '@temporalio/worker';
import type pg from 'pg';
import type { PrismaClient } from '../core/database.ts';
import type { DataProtector } from '../core/dataProtection.ts';
import { createActivities, createBulkActivities, type WatchlistRefreshSettings } from './activities/index.ts';
import { createDocumentActivities, type DocumentReaderPort } from './activities/documents.ts';
import type { WatchlistScreener } from './activities/sellerVetting.ts';
import { createListingImageTextActivities } from './activities/listingImageText.ts';
import { createAuthenticityLabelTextActivities } from './activities/authenticityLabelText.ts';
import { mergeActivities } from './activities/mergeActivities.ts';
import type { ListingTextReader } from './listingImages/listingTextReader.ts';
import type { BusinessRegistryProvider } from './registry/index.ts';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

interface WorkerBase {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  identity: string;
  prisma: PrismaClient;
  /** the pg pool under `prisma` */
  pool: pg.Pool;
  protector: DataProtector;
  clock?: () => Date;
}

export interface MainWorkerOptions extends WorkerBase {
  registry: BusinessRegistryProvider;
  watchlist: WatchlistScreener;
  webhook: { timeoutMs: number; allowPrivateNetwork: boolean };
  watchlistRefresh?: WatchlistRefreshSettings;
  /** a prebuilt bundle (tests build one per file); when absent the worker bundles workflowsPath */
  workflowBundle?: WorkflowBundleOption;
}

type WorkflowBundleWithSourceMap = Parameters<(typeof Worker)['createWorkflowCreator']>[0];

/**
 * The SDK's worker, entering workflow code without Node's watchdog. The SDK bounds every entry
 * into a workflow's V8 context (several per workflow task) with `vm`'s `timeout`, and Node
 * enforces that by creating a thread with an event loop of its own for each call and joining it
 * afterwards (nodejs/node#47739, open): about 0.1 ms a call on an idle 2-core machine and far more
 * on a busy one. Profiled on the main worker while it settled 200 counterfeit authenticity checks
 * (`npm run bench -- authenticity` with every other code revoked), the workflow thread was busy
 * 31 s, 19 s of them in `runInContext` itself; without the watchdog, 11 s, and the worker
 * process's CPU per check went from 113 to 89 ms.
 *
 * The cost of going without: a workflow caught in an endless loop holds the workflow thread
 * instead of failing its task after `isolateExecutionTimeout`. The workflows are this project's
 * own, deterministic and replay-tested; a stuck thread would show as workflow tasks timing out on
 * this queue in the Temporal UI.
 */
class WorkerWithoutWatchdog extends Worker {
  protected static override async createWorkflowCreator(bundle: WorkflowBundleWithSourceMap, compiledOptions: CompiledWorkerOptions, logger: Logger) {
    // undefined reaches `vm`'s `timeout` as no timeout at all
    return await super.createWorkflowCreator(bundle, { ...compiledOptions, isolateExecutionTimeoutMs: undefined as unknown as number }, logger);
  }
}

/** The worker of the main task queue: orchestration workflows and light (database, HTTP) activities. */
export async function createMainWorker(options: MainWorkerOptions): Promise<Worker> {
  return await WorkerWithoutWatchdog.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    identity: options.identity,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath }),
    activities: createActivities({
      prisma: options.prisma,
      pool: options.pool,
      protector: options.protector,
      workerIdentity: options.identity,
      registry: options.registry,
      watchlist: options.watchlist,
      webhook: options.webhook,
      watchlistRefresh: options.watchlistRefresh,
      clock: options.clock,
    }),
  });
}

/** The worker of the heavy queue: OCR and image decoding only, scaled apart from the main one. */
export async function createDocumentsWorker(
  options: WorkerBase & {
    reader: DocumentReaderPort;
    listingTextReader: ListingTextReader;
    /** the readers' OCR threads (OCR_THREADS) */
    ocrThreads?: number;
    acceptedSpecimenCodes?: readonly string[];
  },
): Promise<Worker> {
  return await Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    identity: options.identity,
    // One activity per OCR thread, and one more loaded and waiting its turn, so a thread that
    // finishes does not idle through the next task's poll and its read from the database (50
    // vettings through the API, `npm run bench -- documents`: 0.68 of the OCR ceiling without it,
    // 0.71 with). OCR is CPU-bound: more than that only adds memory and latency.
    maxConcurrentActivityTaskExecutions: (options.ocrThreads ?? 2) + 1,
    activities: mergeActivities({
      documents: createDocumentActivities({ prisma: options.prisma, protector: options.protector, reader: options.reader, clock: options.clock ?? (() => new Date()), acceptedSpecimenCodes: options.acceptedSpecimenCodes }),
      // listing pictures' text (OCR); the reader starts its Tesseract worker on first use
      listingImageText: createListingImageTextActivities({ prisma: options.prisma, reader: options.listingTextReader }),
      // the words on buyers' label and packaging photos, read by the same reader
      authenticityLabelText: createAuthenticityLabelTextActivities({ prisma: options.prisma, reader: options.listingTextReader }),
    }),
  });
}

/**
 * The worker of the bulk queue: activities only (the workflows stay on the main queue), and a slot
 * count of its own, so bulk work can fill these slots and never the main worker's.
 */
export async function createBulkWorker(options: WorkerBase & { allowPrivateNetwork: boolean; maxConcurrentActivities: number }): Promise<Worker> {
  return await Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    identity: options.identity,
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivities,
    activities: createBulkActivities({ prisma: options.prisma, pool: options.pool, allowPrivateNetwork: options.allowPrivateNetwork, clock: options.clock }),
  });
}
