/**
 * Worker process for the task queues WORKER_TASK_QUEUES names (main, documents, bulk). Waits (with
 * a log line per attempt) for PostgreSQL and Temporal, then polls until SIGINT/SIGTERM, when it
 * finishes in-flight tasks and exits.
 */
import os from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, makeTelemetryFilterString, type Worker } from '@temporalio/worker';
import pino from 'pino';
import { loadConfigOrExit } from '../core/config.ts';
import { createDatabase, describeDatabaseUrl, pingDatabase } from '../core/database.ts';
import { exitWithStartupError, waitForDependency } from '../core/startup.ts';
import { loadDotEnv } from '../core/dotenv.ts';
import { createBulkWorker, createDocumentsWorker, createMainWorker } from './createWorker.ts';
import { createListingTextReader } from './listingImages/listingTextReader.ts';
import { ConfigError } from '../core/config.ts';
import { createProtector, createRegistryProvider, createWatchlistScreener, refuseFixtureDataInProduction, watchlistDir } from './dependencies.ts';
import { ensureWatchlistRefreshSchedule } from './watchlists/schedule.ts';
import { webhookRetrySettings } from '../core/webhookRetry.ts';
import { capabilities } from '../core/capabilities.ts';
import { ensureFailureSweepSchedule, ensureRequestRecordsPurgeSchedule, ensureStatementExportSchedule, ensureWebhookDispatch } from './schedules.ts';
import { createDocumentReader } from './documents/readDocument.ts';

loadDotEnv();
const config = loadConfigOrExit();
if (config.WORKER_TASK_QUEUES.includes('main')) {
  try {
    refuseFixtureDataInProduction(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG, as loadConfigOrExit
  }
}
const logger = pino({ level: config.LOG_LEVEL, base: { service: 'worker' } });
Runtime.install({
  logger: {
    log: (level, message, meta) => logger[level.toLowerCase() as 'info'](meta ?? {}, message),
    trace: (message, meta) => logger.trace(meta ?? {}, message),
    debug: (message, meta) => logger.debug(meta ?? {}, message),
    info: (message, meta) => logger.info(meta ?? {}, message),
    warn: (message, meta) => logger.warn(meta ?? {}, message),
    error: (message, meta) => logger.error(meta ?? {}, message),
  },
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
});

const onIdleConnectionError = (error: Error) => logger.warn({ err: error }, 'idle PostgreSQL connection failed; the pool will reconnect');
const database = createDatabase({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, onIdleConnectionError });
// Bulk work gets a pool of its own when it shares the process with other queues: its activities
// hold connections for whole chunks, and would otherwise leave interactive work waiting for one.
const sharesProcess = config.WORKER_TASK_QUEUES.some((queue) => queue !== 'bulk');
const bulkDatabase = !config.WORKER_TASK_QUEUES.includes('bulk')
  ? undefined
  : sharesProcess ? createDatabase({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, onIdleConnectionError }) : database;

async function main(): Promise<void> {
  const log = (line: string) => logger.warn(line);
  await waitForDependency(() => pingDatabase(database.pool), {
    name: `PostgreSQL at ${describeDatabaseUrl(config.DATABASE_URL)}`,
    attempts: config.STARTUP_RETRY_ATTEMPTS,
    intervalMs: config.STARTUP_RETRY_INTERVAL_MS,
    hint: 'Check DATABASE_URL and that PostgreSQL is running (npm run setup creates the database).',
    log,
  });
  const connection = await waitForDependency(() => NativeConnection.connect({ address: config.TEMPORAL_ADDRESS }), {
    name: `Temporal at ${config.TEMPORAL_ADDRESS}`,
    attempts: config.STARTUP_RETRY_ATTEMPTS * 2,
    intervalMs: config.STARTUP_RETRY_INTERVAL_MS,
    hint: 'Check TEMPORAL_ADDRESS and that the Temporal server is running (npm start runs a dev server).',
    log,
  });
  const protector = createProtector(config);
  const identity = `${process.pid}@${os.hostname()}`;
  const workers: Worker[] = [];
  if (config.WORKER_TASK_QUEUES.includes('main')) {
    workers.push(
      await createMainWorker({
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        identity,
        prisma: database.prisma,
        pool: database.pool,
        protector,
        registry: await createRegistryProvider(config),
        watchlist: await createWatchlistScreener(config),
        webhook: { timeoutMs: config.WEBHOOK_TIMEOUT_MS, allowPrivateNetwork: config.OUTBOUND_ALLOW_PRIVATE_NETWORK },
        watchlistRefresh: {
          liveDir: watchlistDir(config),
          sources: config.WATCHLIST_SOURCES,
          maxBytes: config.WATCHLIST_DOWNLOAD_MAX_BYTES,
          timeoutMs: config.WATCHLIST_DOWNLOAD_TIMEOUT_MS,
          allowPrivateNetwork: config.OUTBOUND_ALLOW_PRIVATE_NETWORK,
        },
      }),
    );
    if (config.WATCHLIST_SOURCES.length > 0) await scheduleWatchlistRefresh();
  }
  if (config.WORKER_TASK_QUEUES.includes('main')) {
    // The purge runs on this queue; creating its schedule here (idempotently) means no separate setup step.
    const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
    const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
    await ensureRequestRecordsPurgeSchedule(client, {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      intervalMinutes: config.IDEMPOTENCY_PURGE_INTERVAL_MINUTES,
    });
    await ensureFailureSweepSchedule(client, {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      intervalMinutes: config.FAILURE_SWEEP_INTERVAL_MINUTES,
      sweep: {
        subjectTypes: capabilities.map((capability) => capability.cases.subjectType),
        untouchedForSeconds: config.FAILURE_SWEEP_UNTOUCHED_MINUTES * 60,
        batchSize: 100,
        maxBatches: 20,
        webhook: webhookRetrySettings(config),
      },
    });
    await ensureWebhookDispatch(client, { taskQueue: config.TEMPORAL_TASK_QUEUE, input: { webhook: webhookRetrySettings(config) } });
    await ensureStatementExportSchedule(client, { taskQueue: config.TEMPORAL_TASK_QUEUE, intervalMinutes: config.STATEMENT_EXPORT_INTERVAL_MINUTES });
    await clientConnection.close();
  }
  const reader = config.WORKER_TASK_QUEUES.includes('documents') ? createDocumentReader({ maxPixels: config.DOCUMENT_MAX_PIXELS, ocrWorkers: config.OCR_THREADS }) : undefined;
  const listingTextReader = reader ? createListingTextReader({ threads: config.OCR_THREADS }) : undefined;
  if (reader) {
    workers.push(
      await createDocumentsWorker({
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: config.TEMPORAL_DOCUMENTS_TASK_QUEUE,
        identity,
        prisma: database.prisma,
        pool: database.pool,
        protector,
        reader,
        listingTextReader: listingTextReader!,
        acceptedSpecimenCodes: config.DOCUMENT_SPECIMEN_CODES,
        ocrThreads: config.OCR_THREADS,
      }),
    );
  }
  if (bulkDatabase) {
    workers.push(
      await createBulkWorker({
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: config.TEMPORAL_BULK_TASK_QUEUE,
        identity,
        prisma: bulkDatabase.prisma,
        pool: bulkDatabase.pool,
        protector,
        allowPrivateNetwork: config.OUTBOUND_ALLOW_PRIVATE_NETWORK,
        maxConcurrentActivities: config.BULK_WORKER_MAX_ACTIVITIES,
      }),
    );
  }
  logger.info({ queues: config.WORKER_TASK_QUEUES, namespace: config.TEMPORAL_NAMESPACE }, 'worker polling');
  // The SDK's Runtime already turns SIGINT/SIGTERM into worker.shutdown(): run() resolves after
  // in-flight activities finish.
  await Promise.all(workers.map((worker) => worker.run()));
  await reader?.close();
  await listingTextReader?.close();
  await connection.close();
  if (bulkDatabase !== database) await bulkDatabase?.close();
  await database.close();
  logger.info('worker stopped');
}

/** The lists are downloaded by a Temporal Schedule, so exactly one refresh runs however many workers there are. */
async function scheduleWatchlistRefresh(): Promise<void> {
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
    const result = await ensureWatchlistRefreshSchedule(client, { taskQueue: config.TEMPORAL_TASK_QUEUE, intervalSeconds: config.WATCHLIST_REFRESH_INTERVAL_SECONDS });
    logger.info({ schedule: result, intervalSeconds: config.WATCHLIST_REFRESH_INTERVAL_SECONDS, lists: config.WATCHLIST_SOURCES.map((source) => source.file) }, 'watchlist refresh scheduled');
  } finally {
    await clientConnection.close();
  }
}

main().catch(async (error) => {
  // the start-up error is the one to report: a close failing on the way out would only hide it
  if (bulkDatabase !== database) await bulkDatabase?.close().catch(() => undefined);
  await database.close().catch(() => undefined);
  exitWithStartupError('worker', error);
});
