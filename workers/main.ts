/**
 * Worker process for the main task queue. Waits (with a log line per attempt) for PostgreSQL and
 * Temporal, then polls until SIGINT/SIGTERM, when it finishes in-flight tasks and exits.
 */
import os from 'node:os';
import { NativeConnection, Runtime, makeTelemetryFilterString, type Worker } from '@temporalio/worker';
import pino from 'pino';
import { loadConfigOrExit } from '../core/config.ts';
import { createDatabase, describeDatabaseUrl, pingDatabase } from '../core/database.ts';
import { exitWithStartupError, waitForDependency } from '../core/startup.ts';
import { loadDotEnv } from '../core/dotenv.ts';
import { createDocumentsWorker, createMainWorker } from './createWorker.ts';
import { createProtector, createRegistryProvider, createWatchlistScreener } from './dependencies.ts';
import { createDocumentReader } from './documents/readDocument.ts';

loadDotEnv();
const config = loadConfigOrExit();
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

const database = createDatabase({
  url: config.DATABASE_URL,
  poolSize: config.DATABASE_POOL_SIZE,
  onIdleConnectionError: (error) => logger.warn({ err: error }, 'idle PostgreSQL connection failed; the pool will reconnect'),
});

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
        protector,
        registry: await createRegistryProvider(config),
        watchlist: await createWatchlistScreener(config),
        webhook: { timeoutMs: config.WEBHOOK_TIMEOUT_MS, allowPrivateNetwork: config.OUTBOUND_ALLOW_PRIVATE_NETWORK },
      }),
    );
  }
  const reader = config.WORKER_TASK_QUEUES.includes('documents') ? createDocumentReader({ maxPixels: config.DOCUMENT_MAX_PIXELS }) : undefined;
  if (reader) {
    workers.push(
      await createDocumentsWorker({
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: config.TEMPORAL_DOCUMENTS_TASK_QUEUE,
        identity,
        prisma: database.prisma,
        protector,
        reader,
        acceptedSpecimenCodes: config.DOCUMENT_SPECIMEN_CODES,
      }),
    );
  }
  if (workers.length === 0) throw new Error('WORKER_TASK_QUEUES names no known queue (main, documents)');
  logger.info({ queues: config.WORKER_TASK_QUEUES, namespace: config.TEMPORAL_NAMESPACE }, 'worker polling');
  // The SDK's Runtime already turns SIGINT/SIGTERM into worker.shutdown(): run() resolves after
  // in-flight activities finish.
  await Promise.all(workers.map((worker) => worker.run()));
  await reader?.close();
  await connection.close();
  await database.close();
  logger.info('worker stopped');
}

main().catch(async (error) => {
  await database.close().catch(() => undefined);
  exitWithStartupError('worker', error);
});
