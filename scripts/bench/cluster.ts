/**
 * The Temporal server on PostgreSQL for benches, started as `npm run test:cluster` starts it
 * (scripts/temporalCluster.ts: built once from the Go module proxy, cached outside the clone),
 * in databases of the bench's own so a `test:cluster` run on the same PostgreSQL is not disturbed.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dropDatabase } from '../database.ts';
import { startTemporalCluster, type TemporalCluster } from '../temporalCluster.ts';

export async function withBenchCluster<T>(name: string, run: (cluster: TemporalCluster & { serverPid: number }) => Promise<T>): Promise<T> {
  const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);
  const workDir = await mkdtemp(path.join(os.tmpdir(), `bonafide-bench-${name}-`));
  try {
    const cluster = await startTemporalCluster({
      workDir, log, logLevel: 'warn',
      mainDatabase: `bonafide_bench_${name}_temporal`, visibilityDatabase: `bonafide_bench_${name}_temporal_visibility`,
    });
    try {
      const serverPid = Number((await readFile(path.join(workDir, 'temporal-server.pid'), 'utf8')).trim());
      return await run({ ...cluster, serverPid });
    } finally {
      await cluster.stop();
      // they hold only this run's histories
      for (const url of cluster.databaseUrls) await dropDatabase(url);
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
