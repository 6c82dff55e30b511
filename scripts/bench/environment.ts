/**
 * A throwaway platform for benchmarks: a fresh database, a Temporal dev server on free ports with
 * its state in memory (`BENCH_TEMPORAL_STATE=file`: in a SQLite file, as `npm start` keeps it; or
 * the Temporal server given), the real API listening on a free port and the real workers in this
 * process (or none, for benches that run worker processes of their own with `workerEnv`).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { buildApp } from '../../api/app.ts';
import { issueApiKey } from '../../api/auth/apiKeys.ts';
import { loadConfig } from '../../core/config.ts';
import { createDatabase } from '../../core/database.ts';
import { createDataProtector, generateDataKey } from '../../core/dataProtection.ts';
import { createBulkWorker, createDocumentsWorker, createMainWorker } from '../../workers/createWorker.ts';
import { ensureWebhookDispatch } from '../../workers/schedules.ts';
import { webhookDispatchWorkflowId } from '../../workflows/webhookDispatch.ts';
import { webhookRetrySettings } from '../../core/webhookRetry.ts';
import { createRegistryProvider, createWatchlistScreener } from '../../workers/dependencies.ts';
import { createDocumentReader } from '../../workers/documents/readDocument.ts';
import { createListingTextReader } from '../../workers/listingImages/listingTextReader.ts';
import { dropDatabase, ensureDatabaseExists, migrateDatabase } from '../database.ts';
import { unusedPort } from '../ports.ts';
import { ensureTemporalCli } from '../temporalCli.ts';
import { startTemporalDevServer } from '../temporalDevServer.ts';

const BATCH_SETTINGS = ['LISTING_BATCH_CHUNK_SIZE', 'LISTING_BATCH_CHUNKS_IN_FLIGHT', 'CONTENT_BATCH_CHUNK_SIZE', 'BULK_WORKER_MAX_ACTIVITIES'];

export interface BenchPlatformOptions {
  workers: boolean;
  /** `false` runs the main worker only (no OCR worker to start). */
  documents?: boolean;
  /** A Temporal server already running (the PostgreSQL-backed cluster); default: a dev server of its own. */
  temporal?: { address: string; namespace: string };
  /** Settings beside the bench's own (LISTING_BATCH_CHUNKS_IN_FLIGHT...), for the API and `workerEnv`. */
  settings?: Record<string, string>;
}

export async function startBenchPlatform(options: BenchPlatformOptions) {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'bonafide-bench-'));
  const databaseUrl = `postgresql://postgres@127.0.0.1:5432/bonafide_bench_${randomBytes(3).toString('hex')}`;
  await ensureDatabaseExists(databaseUrl);
  await migrateDatabase(databaseUrl);
  // the throwaway dev server keeps its state in memory unless BENCH_TEMPORAL_STATE=file: on a
  // machine running everything, its SQLite writes are the disk's cost, not the orchestration's
  const temporalServer = options.temporal ? undefined : await startTemporalDevServer(await ensureTemporalCli(console.log), workDir, { state: process.env.BENCH_TEMPORAL_STATE === 'file' ? 'file' : 'memory' });
  const namespace = options.temporal?.namespace ?? 'default';
  const port = await unusedPort();
  // What a worker process started by a bench needs too (the same database, Temporal and key).
  const workerEnv: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: options.temporal?.address ?? temporalServer!.address,
    TEMPORAL_NAMESPACE: namespace,
    DATA_ENCRYPTION_KEY: generateDataKey(),
    LOG_LEVEL: 'silent',
    OUTBOUND_ALLOW_PRIVATE_NETWORK: 'true',
    DOCUMENT_SPECIMEN_CODES: 'UTO',
    // the batch settings as the environment gives them, so a bench can compare them
    ...Object.fromEntries(BATCH_SETTINGS.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : []))),
    ...options.settings,
  };
  const config = loadConfig({
    ...workerEnv,
    API_PORT: String(port),
    // the per-key limits stay on (their upsert is part of the cost measured) but do not bind
    API_KEY_REQUESTS_PER_MINUTE: '1000000',
    API_KEY_VETTINGS_PER_MINUTE: '1000000',
  });
  const database = createDatabase({ url: config.DATABASE_URL, poolSize: 10 });
  const protector = createDataProtector(Buffer.from(config.DATA_ENCRYPTION_KEY, 'base64'));
  const temporal = new Client({ connection: await Connection.connect({ address: config.TEMPORAL_ADDRESS }), namespace });
  const app = await buildApp({ config, prisma: database.prisma, pool: database.pool, temporal, protector, logger: false });
  await app.listen({ host: '127.0.0.1', port });

  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const reader = options.workers && options.documents !== false ? createDocumentReader({ maxPixels: config.DOCUMENT_MAX_PIXELS, ocrWorkers: config.OCR_THREADS }) : undefined;
  const listingTextReader = reader ? createListingTextReader({ threads: config.OCR_THREADS }) : undefined;
  const workers = options.workers
    ? [
        await createMainWorker({
          connection, namespace, taskQueue: config.TEMPORAL_TASK_QUEUE, identity: 'bench', prisma: database.prisma, pool: database.pool, protector,
          registry: await createRegistryProvider(config), watchlist: await createWatchlistScreener(config), webhook: { timeoutMs: 5_000, allowPrivateNetwork: true },
        }),
        await createBulkWorker({
          connection, namespace, taskQueue: config.TEMPORAL_BULK_TASK_QUEUE, identity: 'bench', prisma: database.prisma, pool: database.pool, protector,
          allowPrivateNetwork: true, maxConcurrentActivities: config.BULK_WORKER_MAX_ACTIVITIES,
        }),
        ...(reader && listingTextReader
          ? [await createDocumentsWorker({ connection, namespace, taskQueue: config.TEMPORAL_DOCUMENTS_TASK_QUEUE, identity: 'bench', prisma: database.prisma, pool: database.pool, protector, reader, listingTextReader, acceptedSpecimenCodes: config.DOCUMENT_SPECIMEN_CODES, ocrThreads: config.OCR_THREADS })]
          : []),
      ]
    : [];
  const running = Promise.all(workers.map((worker) => worker.run()));
  // events answered at intake go out through the queue's dispatcher, as every main worker starts it
  if (options.workers) await ensureWebhookDispatch(temporal, { taskQueue: config.TEMPORAL_TASK_QUEUE, input: { webhook: webhookRetrySettings(config) } });

  const tenant = await database.prisma.tenant.create({ data: { slug: 'bench', name: 'Bench' } });
  const { key } = await issueApiKey(database.prisma, tenant.id, 'bench');
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey: key,
    tenantId: tenant.id,
    workers,
    config,
    prisma: database.prisma,
    temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workerEnv,
    async close() {
      for (const worker of workers) worker.shutdown();
      await running;
      // after the workers: the dispatcher's activity, cancelled by the shutdown, has reported back
      if (options.workers) await temporal.workflow.getHandle(webhookDispatchWorkflowId(config.TEMPORAL_TASK_QUEUE)).terminate('the bench ends').catch(() => undefined);
      await reader?.close();
      await listingTextReader?.close();
      await connection.close();
      await app.close();
      await temporal.connection.close();
      await database.close();
      await temporalServer?.stop();
      await dropDatabase(databaseUrl);
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

/** The platform a bench runs against. */
export type BenchPlatform = Awaited<ReturnType<typeof startBenchPlatform>>;
