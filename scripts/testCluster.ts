import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startTemporalCluster } from './temporalCluster.ts';

/**
 * `npm run test:cluster`: the integration tests against a Temporal server on PostgreSQL (the
 * topology users run when they outgrow one machine) instead of the SQLite dev server.
 */
export async function runAgainstCluster(runTests: (env: NodeJS.ProcessEnv) => Promise<void>): Promise<void> {
  const log = (line: string) => process.stdout.write(`[cluster] ${line}\n`);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'bonafide-cluster-'));
  // info, not warn: a start that fails must leave enough in the log to tell why (it goes to a file).
  const cluster = await startTemporalCluster({ workDir, log, logLevel: 'info' });
  log(`Temporal on PostgreSQL is up at ${cluster.address}`);
  try {
    await runTests({
      TEMPORAL_ADDRESS: cluster.address,
      TEMPORAL_NAMESPACE: cluster.namespace,
      // the personal-data canary searches the cluster's stored histories here
      TEMPORAL_PERSISTENCE_DATABASE_URLS: cluster.databaseUrls.join(','),
    });
  } finally {
    await cluster.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}
