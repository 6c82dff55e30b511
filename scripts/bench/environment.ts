/**
 * A throwaway platform for benchmarks: a fresh database, a Temporal dev server on free ports,
 * the real API listening on a free port and the real workers in this process.
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
import { createDocumentsWorker, createMainWorker } from '../../workers/createWorker.ts';
import { createRegistryProvider, createWatchlistScreener } from '../../workers/dependencies.ts';
import { createDocumentReader } from '../../workers/documents/readDocument.ts';
import { createListingTextReader } from '../../workers/listingImages/listingTextReader.ts';
import { dropDatabase, ensureDatabaseExists, migrateDatabase } from '../database.ts';
import { unusedPort } from '../ports.ts';
import { ensureTemporalCli } from '../temporalCli.ts';
import { startTemporalDevServer } from '../temporalDevServer.ts';

/** `documents: false` runs the main worker only (no OCR worker to start). */
export async function startBenchPlatform(options: { workers: boolean; documents?: boolean }) {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'bonafide-bench-'));
  const databaseUrl = `postgresql://postgres@127.0.0.1:5432/bonafide_bench_${randomBytes(3).toString('hex')}`;
  await ensureDatabaseExists(databaseUrl);
  await migrateDatabase(databaseUrl);
  const temporalServer = await startTemporalDevServer(await ensureTemporalCli(console.log), workDir);
  const port = await unusedPort();
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalServer.address,
    DATA_ENCRYPTION_KEY: generateDataKey(),
    API_PORT: String(port),
    LOG_LEVEL: 'silent',
    OUTBOUND_ALLOW_PRIVATE_NETWORK: 'true',
    // the per-key limits stay on (their upsert is part of the cost measured) but do not bind
    API_KEY_REQUESTS_PER_MINUTE: '1000000',
    API_KEY_VETTINGS_PER_MINUTE: '1000000',
    DOCUMENT_SPECIMEN_CODES: 'UTO',
  });
  const database = createDatabase({ url: config.DATABASE_URL, poolSize: 10 });
  const protector = createDataProtector(Buffer.from(config.DATA_ENCRYPTION_KEY, 'base64'));
  const temporal = new Client({ connection: await Connection.connect({ address: config.TEMPORAL_ADDRESS }) });
  const app = await buildApp({ config, prisma: database.prisma, pool: database.pool, temporal, protector, logger: false });
  await app.listen({ host: '127.0.0.1', port });

  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const reader = options.workers && options.documents !== false ? createDocumentReader({ maxPixels: config.DOCUMENT_MAX_PIXELS }) : undefined;
  const listingTextReader = reader ? createListingTextReader() : undefined;
  const workers = options.workers
    ? [
        await createMainWorker({
          connection, namespace: 'default', taskQueue: config.TEMPORAL_TASK_QUEUE, identity: 'bench', prisma: database.prisma, protector,
          registry: await createRegistryProvider(config), watchlist: await createWatchlistScreener(config), webhook: { timeoutMs: 5_000, allowPrivateNetwork: true },
        }),
        ...(reader && listingTextReader
          ? [await createDocumentsWorker({ connection, namespace: 'default', taskQueue: config.TEMPORAL_DOCUMENTS_TASK_QUEUE, identity: 'bench', prisma: database.prisma, protector, reader, listingTextReader, acceptedSpecimenCodes: config.DOCUMENT_SPECIMEN_CODES })]
          : []),
      ]
    : [];
  const running = Promise.all(workers.map((worker) => worker.run()));

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
    async close() {
      for (const worker of workers) worker.shutdown();
      await running;
      await reader?.close();
      await listingTextReader?.close();
      await connection.close();
      await app.close();
      await temporal.connection.close();
      await database.close();
      await temporalServer.stop();
      await dropDatabase(databaseUrl);
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
