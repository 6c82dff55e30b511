/**
 * A production-like Temporal cluster for `npm run test:cluster`: the real Temporal server binary
 * (frontend, history, matching and worker services in one process) persisting to PostgreSQL,
 * instead of the SQLite-backed dev server that `npm test` uses. The parts live in temporal-cluster/:
 *
 * - binaries.ts: `ensureTemporalServerBinaries()` builds `server` and the `sql` schema tool from the
 *   Go module proxy once, into a per-version cache directory outside the repository.
 * - schema.ts: the two databases (recreated: they hold test state only) and the schema shipped in
 *   the server module.
 * - config.ts: the block of ports and the config rendered from the templates in temporal-cluster/.
 * - server.ts: the server process (start, stop, leftovers of a previous run, readiness).
 * - cluster.ts: `startTemporalCluster()` puts these together and resolves once the frontend answers
 *   and the namespace is usable.
 * - cli.ts: `npx tsx scripts/temporalCluster.ts up [--port N] [--work-dir DIR]` runs it in the foreground.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './temporal-cluster/cli.ts';

export { ensureTemporalServerBinaries, TEMPORAL_SERVER_VERSION, temporalServerCacheDir } from './temporal-cluster/binaries.ts';
export { parseUpArgs, type UpArgs } from './temporal-cluster/cli.ts';
export { startTemporalCluster, type StartTemporalClusterOptions, type TemporalCluster } from './temporal-cluster/cluster.ts';
export {
  clusterPorts,
  DEFAULT_FRONTEND_PORT,
  dynamicConfigValues,
  renderTemplate,
  serverConfigValues,
  yamlString,
  type ClusterPorts,
  type ServerConfigInput,
} from './temporal-cluster/config.ts';
export { lastLines } from './temporal-cluster/process.ts';
export { assertDatabaseName, parsePostgresUrl, temporalServerModuleDir, type PostgresTarget } from './temporal-cluster/schema.ts';

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runCli(process.argv.slice(2));
