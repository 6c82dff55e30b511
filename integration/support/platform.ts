/**
 * Per-test-file harness: the real API (driven with app.inject), real workers on task queues of
 * its own (main and bulk, and documents when asked for), the shared test database and Temporal
 * server from globalSetup. Nothing is mocked.
 */
import { randomBytes } from 'node:crypto';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp, type AppDependencies } from '../../api/app.ts';
import { listenForAnswers } from '../../api/answerNotifications.ts';
import { issueApiKey } from '../../api/auth/apiKeys.ts';
import { loadConfig, type Config } from '../../core/config.ts';
import { createDatabase, type Database } from '../../core/database.ts';
import { createDataProtector, type DataProtector } from '../../core/dataProtection.ts';
import { createActivities, createBulkActivities, type WatchlistRefreshSettings } from '../../workers/activities/index.ts';
import type { WatchlistScreener } from '../../workers/activities/sellerVetting.ts';
import { createBulkWorker, createDocumentsWorker, createMainWorker, workflowsPath } from '../../workers/createWorker.ts';
import { createRegistryProvider, createWatchlistScreener } from '../../workers/dependencies.ts';
import { createDocumentReader } from '../../workers/documents/readDocument.ts';
import { createListingTextReader } from '../../workers/listingImages/listingTextReader.ts';
import type { BusinessRegistryProvider } from '../../workers/registry/index.ts';
import { ensureWebhookDispatch } from '../../workers/schedules.ts';
import { webhookDispatchWorkflowId } from '../../workflows/webhookDispatch.ts';
import { webhookRetrySettings } from '../../core/webhookRetry.ts';

export const uniqueSuffix = () => randomBytes(4).toString('hex');

let runtimeInstalled = false;
const workerLogLines: string[] = [];
/** What the Temporal runtime logged in this test file, when captureWorkerLogs was asked for. */
export const capturedWorkerLogs = (): string[] => workerLogLines;

function installRuntime(capture: boolean): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const logger = capture
    ? new DefaultLogger('TRACE', (entry) => workerLogLines.push(`${entry.level} ${entry.message} ${JSON.stringify(entry.meta ?? {})}`))
    : new DefaultLogger('WARN');
  try {
    Runtime.install({ logger });
  } catch {
    // already installed in this process by an earlier file
  }
}

let bundle: ReturnType<typeof bundleWorkflowCode> | undefined;
/** The workflow bundle, built once per test file (webpack takes seconds). */
export const workflowBundle = () => (bundle ??= bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') }));

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_URL: inject('databaseUrl'),
    DATABASE_POOL_SIZE: '4',
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_NAMESPACE: inject('temporalNamespace'),
    TEMPORAL_TASK_QUEUE: `test-${uniqueSuffix()}`,
    LOG_LEVEL: 'silent',
    DATA_ENCRYPTION_KEY: inject('dataEncryptionKey'),
    TEMPORAL_DOCUMENTS_TASK_QUEUE: `test-documents-${uniqueSuffix()}`,
    TEMPORAL_BULK_TASK_QUEUE: `test-bulk-${uniqueSuffix()}`,
    OUTBOUND_ALLOW_PRIVATE_NETWORK: 'true',
    // Tests poll their own tenants' resources; the limits themselves are tested with overrides.
    API_KEY_REQUESTS_PER_MINUTE: '100000',
    API_KEY_VETTINGS_PER_MINUTE: '100000',
    // every file's requests come from 127.0.0.1 and count in the one test database
    API_KEY_FAILURES_PER_MINUTE: '100000',
    // The document fixtures come from UTO, ICAO's specimen state.
    DOCUMENT_SPECIMEN_CODES: 'UTO',
    ...overrides,
  });
}

export interface TestPlatform {
  config: Config;
  app: FastifyInstance;
  database: Database;
  temporal: Client;
  protector: DataProtector;
  worker: Worker | undefined;
  /** a new marketplace with an active API key */
  createTenant(): Promise<{ tenantId: string; apiKey: string; slug: string }>;
  /**
   * The handle of a submission's workflow once it is started: a 202 answers at commit, and the
   * start follows from the outbox (core/workflowStarts.ts) moments later.
   */
  startedWorkflow(workflowId: string): Promise<WorkflowHandle>;
  close(): Promise<void>;
}

export interface PlatformOptions {
  /** run no in-process worker (a test that starts worker processes itself) */
  worker?: false;
  /** also run the heavy (OCR) worker */
  documents?: boolean;
  /** a registry provider other than the configured one (e.g. HTTP against nock) */
  registry?: BusinessRegistryProvider;
  config?: Record<string, string>;
  /** keep every worker log line (for tests that search logs) */
  captureWorkerLogs?: boolean;
  /** told of every route the API adds */
  onRoute?: AppDependencies['onRoute'];
  /** where the watchlist refresh downloads lists from and swaps them in */
  watchlistRefresh?: WatchlistRefreshSettings;
  /** how often a `?wait` reads its row besides the answer notifications (default: the API's own) */
  waitReadIntervalMs?: number;
  /**
   * Activities replaced by name on the main and bulk workers, each given the real one to call
   * (a test that makes one fail for good or stall for chosen subjects). Everything else is real.
   */
  activityOverrides?: Record<string, (real: TestActivity) => TestActivity>;
}

export type TestActivity = (input: Record<string, unknown>) => Promise<unknown>;

function withOverrides<T extends object>(activities: T, overrides: PlatformOptions['activityOverrides']): T {
  if (!overrides) return activities;
  const replaced = { ...activities } as Record<string, unknown>;
  for (const [name, wrap] of Object.entries(overrides)) {
    if (typeof replaced[name] === 'function') replaced[name] = wrap(replaced[name] as TestActivity);
  }
  return replaced as T;
}

let watchlist: Promise<WatchlistScreener> | undefined;
/** The watchlist index takes a moment to build: once per test file. */
const sharedWatchlist = (config: Config) => (watchlist ??= createWatchlistScreener(config));

export async function startTestPlatform(options: PlatformOptions = {}): Promise<TestPlatform> {
  installRuntime(options.captureWorkerLogs ?? false);
  const config = testConfig(options.config);
  const database = createDatabase({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
  const workerConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const protector = createDataProtector(Buffer.from(config.DATA_ENCRYPTION_KEY, 'base64'));
  const identity = `test-worker-${uniqueSuffix()}`;
  const mainOptions = options.worker === false ? undefined : {
    connection: workerConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    prisma: database.prisma,
    pool: database.pool,
    protector,
    identity,
    registry: options.registry ?? (await createRegistryProvider(config)),
    watchlist: await sharedWatchlist(config),
    webhook: { timeoutMs: config.WEBHOOK_TIMEOUT_MS, allowPrivateNetwork: true },
    watchlistRefresh: options.watchlistRefresh,
    workflowBundle: await workflowBundle(),
  };
  const worker = !mainOptions
    ? undefined
    : options.activityOverrides
      ? await Worker.create({
          connection: mainOptions.connection,
          namespace: mainOptions.namespace,
          taskQueue: mainOptions.taskQueue,
          identity,
          workflowBundle: mainOptions.workflowBundle,
          activities: withOverrides(createActivities({ ...mainOptions, workerIdentity: identity }), options.activityOverrides),
        })
      : await createMainWorker(mainOptions);
  const reader = options.documents ? createDocumentReader({ maxPixels: config.DOCUMENT_MAX_PIXELS }) : undefined;
  const listingTextReader = options.documents ? createListingTextReader() : undefined;
  const documentsWorker = reader
    ? await createDocumentsWorker({ connection: workerConnection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_DOCUMENTS_TASK_QUEUE, prisma: database.prisma, pool: database.pool, protector, identity, reader, listingTextReader: listingTextReader!, acceptedSpecimenCodes: config.DOCUMENT_SPECIMEN_CODES })
    : undefined;
  // batches, backfills and re-screenings run their bulk steps here, with task slots and database
  // connections of its own, as in production where it is a process of its own
  const bulkDatabase = options.worker === false ? undefined : createDatabase({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
  const bulkWorker = !bulkDatabase
    ? undefined
    : options.activityOverrides
      ? await Worker.create({
          connection: workerConnection,
          namespace: config.TEMPORAL_NAMESPACE,
          taskQueue: config.TEMPORAL_BULK_TASK_QUEUE,
          identity,
          maxConcurrentActivityTaskExecutions: config.BULK_WORKER_MAX_ACTIVITIES,
          activities: withOverrides(createBulkActivities({ prisma: bulkDatabase.prisma, pool: bulkDatabase.pool, allowPrivateNetwork: true }), options.activityOverrides),
        })
      : await createBulkWorker({
          connection: workerConnection,
          namespace: config.TEMPORAL_NAMESPACE,
          taskQueue: config.TEMPORAL_BULK_TASK_QUEUE,
          prisma: bulkDatabase.prisma,
          pool: bulkDatabase.pool,
          protector,
          identity,
          allowPrivateNetwork: true,
          maxConcurrentActivities: config.BULK_WORKER_MAX_ACTIVITIES,
        });
  const running = Promise.all([worker?.run(), documentsWorker?.run(), bulkWorker?.run()]);
  const temporal = new Client({
    connection: await Connection.connect({ address: config.TEMPORAL_ADDRESS }),
    namespace: config.TEMPORAL_NAMESPACE,
  });
  // events answered at intake are delivered by the queue's dispatcher, as every main worker starts it
  const dispatchId = mainOptions ? webhookDispatchWorkflowId(config.TEMPORAL_TASK_QUEUE) : undefined;
  if (mainOptions) await ensureWebhookDispatch(temporal, { taskQueue: config.TEMPORAL_TASK_QUEUE, input: { webhook: webhookRetrySettings(config) } });
  const answers = options.waitReadIntervalMs === undefined ? undefined : listenForAnswers({ databaseUrl: config.DATABASE_URL, fallbackMs: options.waitReadIntervalMs });
  const app = await buildApp({ config, prisma: database.prisma, pool: database.pool, temporal, protector, logger: false, onRoute: options.onRoute, answers });
  if (answers) app.addHook('onClose', async () => answers.close());

  return {
    config,
    app,
    database,
    temporal,
    protector,
    worker,
    async startedWorkflow(workflowId: string) {
      const deadline = Date.now() + 30_000;
      while ((await database.prisma.workflowStart.count({ where: { workflowId } })) > 0) {
        if (Date.now() > deadline) throw new Error(`workflow ${workflowId} still waits in the outbox`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return temporal.workflow.getHandle(workflowId);
    },
    async createTenant() {
      const slug = `tenant-${uniqueSuffix()}`;
      const tenant = await database.prisma.tenant.create({ data: { slug, name: `Test ${slug}` } });
      const { key } = await issueApiKey(database.prisma, tenant.id, 'test');
      return { tenantId: tenant.id, apiKey: key, slug };
    },
    async close() {
      await app.close();
      worker?.shutdown();
      documentsWorker?.shutdown();
      bulkWorker?.shutdown();
      await running;
      // after the workers: the dispatcher's activity, cancelled by the shutdown, has reported back
      if (dispatchId) await temporal.workflow.getHandle(dispatchId).terminate('the test platform closes').catch(() => undefined);
      await reader?.close();
      await listingTextReader?.close();
      await workerConnection.close();
      await temporal.connection.close();
      await bulkDatabase?.close();
      await database.close();
    },
  };
}
