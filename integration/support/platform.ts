/**
 * Per-test-file harness: the real API (driven with app.inject), a real worker on its own task
 * queue, the shared test database and Temporal server from globalSetup. Nothing is mocked.
 */
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../api/app.ts';
import { issueApiKey } from '../../api/auth/apiKeys.ts';
import { loadConfig, type Config } from '../../core/config.ts';
import { createDatabase, type Database } from '../../core/database.ts';
import { createMainWorker, workflowsPath } from '../../workers/createWorker.ts';

export const uniqueSuffix = () => randomBytes(4).toString('hex');

let runtimeInstalled = false;
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
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
    ...overrides,
  });
}

export interface TestPlatform {
  config: Config;
  app: FastifyInstance;
  database: Database;
  temporal: Client;
  worker: Worker;
  /** a new marketplace with an active API key */
  createTenant(): Promise<{ tenantId: string; apiKey: string; slug: string }>;
  close(): Promise<void>;
}

export async function startTestPlatform(): Promise<TestPlatform> {
  quietRuntime();
  const config = testConfig();
  const database = createDatabase({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
  const workerConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createMainWorker({
    connection: workerConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    prisma: database.prisma,
    identity: `test-worker-${uniqueSuffix()}`,
    workflowBundle: await workflowBundle(),
  });
  const running = worker.run();
  const temporal = new Client({
    connection: await Connection.connect({ address: config.TEMPORAL_ADDRESS }),
    namespace: config.TEMPORAL_NAMESPACE,
  });
  const app = await buildApp({ config, prisma: database.prisma, pool: database.pool, temporal, logger: false });

  return {
    config,
    app,
    database,
    temporal,
    worker,
    async createTenant() {
      const slug = `tenant-${uniqueSuffix()}`;
      const tenant = await database.prisma.tenant.create({ data: { slug, name: `Test ${slug}` } });
      const { key } = await issueApiKey(database.prisma, tenant.id, 'test');
      return { tenantId: tenant.id, apiKey: key, slug };
    },
    async close() {
      await app.close();
      worker.shutdown();
      await running;
      await workerConnection.close();
      await temporal.connection.close();
      await database.close();
    },
  };
}
