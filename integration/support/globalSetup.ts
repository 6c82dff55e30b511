/**
 * Starts what integration tests talk to, for this run only: a fresh PostgreSQL database with
 * the committed migrations applied, and a Temporal dev server on free ports (unless
 * TEMPORAL_ADDRESS names a server to use instead, as `npm run test:cluster` does). Both are
 * removed when the run ends.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { generateDataKey } from '../../core/dataProtection.ts';
import { dropDatabase, ensureDatabaseExists, migrateDatabase } from '../../scripts/database.ts';
import { ensureTemporalCli } from '../../scripts/temporalCli.ts';
import { startTemporalDevServer, type RunningTemporal } from '../../scripts/temporalDevServer.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
    temporalNamespace: string;
    /** the dev server's SQLite file, for tests that inspect stored histories; '' against a cluster */
    temporalDatabaseFile: string;
    /** against a cluster: its PostgreSQL databases (comma-separated URLs, from TEMPORAL_PERSISTENCE_DATABASE_URLS) */
    temporalDatabaseUrls: string;
    /** base64 master key for personal data, shared by every process of the run */
    dataEncryptionKey: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const base = new URL(process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/bonafide_test_${process.pid}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = base.toString();
  await ensureDatabaseExists(databaseUrl);
  await migrateDatabase(databaseUrl);

  const workDir = await mkdtemp(path.join(os.tmpdir(), 'bonafide-test-'));
  let temporal: RunningTemporal | undefined;
  const external = process.env.TEMPORAL_ADDRESS;
  if (!external) {
    const binary = process.env.BONAFIDE_TEMPORAL_CLI ?? (await ensureTemporalCli((line) => console.log(`[test] ${line}`)));
    temporal = await startTemporalDevServer(binary, workDir);
  }
  project.provide('databaseUrl', databaseUrl);
  project.provide('temporalAddress', external ?? temporal!.address);
  project.provide('temporalNamespace', process.env.TEMPORAL_NAMESPACE ?? 'default');
  project.provide('temporalDatabaseFile', temporal?.databaseFile ?? '');
  project.provide('temporalDatabaseUrls', external ? (process.env.TEMPORAL_PERSISTENCE_DATABASE_URLS ?? '') : '');
  project.provide('dataEncryptionKey', generateDataKey());

  return async () => {
    await temporal?.stop();
    await dropDatabase(databaseUrl);
    await rm(workDir, { recursive: true, force: true });
  };
}
