/**
 * startTemporalCluster(): the Temporal server on PostgreSQL, from the cached binaries to a frontend
 * whose namespace clients can use.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ensureTemporalServerBinaries, TEMPORAL_SERVER_VERSION } from './binaries.ts';
import { choosePorts, writeServerConfig, type ClusterPorts } from './config.ts';
import type { Log } from './process.ts';
import { applySchema, assertDatabaseName, DEFAULT_POSTGRES_URL, parsePostgresUrl, recreateDatabases, temporalServerModuleDir } from './schema.ts';
import { launchServer, readTail, stopLeftoverServer, waitUntilReady, type ServerExit } from './server.ts';

export interface StartTemporalClusterOptions {
  /** Administrative URL (needs CREATEDB). Default postgresql://postgres@127.0.0.1:5432/postgres. */
  postgresUrl?: string;
  /** Config, pid file and the server log (temporal-server.log) go here. */
  workDir: string;
  /** Frontend gRPC port; the other services take a block from it (see clusterPorts). Default: first free block from 17233, or $TEMPORAL_CLUSTER_PORT. */
  frontendPort?: number;
  log: Log;
  /** Default `default`. */
  namespace?: string;
  /** Defaults bonafide_temporal / bonafide_temporal_visibility. They are dropped and recreated. */
  mainDatabase?: string;
  visibilityDatabase?: string;
  /** Server log level (debug, info, warn, error). Default info. */
  logLevel?: string;
  /** How long the started server may take to answer and have the namespace ready (counted from its launch). Default 180 s. */
  startTimeoutMs?: number;
}

export interface TemporalCluster {
  /** host:port of the frontend. */
  address: string;
  namespace: string;
  /** The server's combined stdout/stderr. */
  logFile: string;
  ports: ClusterPorts;
  /** The server's PostgreSQL databases (main and visibility), for tests that search stored histories. */
  databaseUrls: string[];
  /** Resolves when the server process ends (after stop(), or if it dies on its own). */
  exited: Promise<ServerExit>;
  stop(): Promise<void>;
}

/**
 * Recreates the databases, renders the config into `workDir/config`, starts the Temporal server
 * with its output in `workDir/temporal-server.log`, registers the namespace and resolves when a
 * client can use it.
 */
export async function startTemporalCluster(options: StartTemporalClusterOptions): Promise<TemporalCluster> {
  const log = options.log;
  const startedAt = Date.now();
  const workDir = resolve(options.workDir);
  const namespace = options.namespace ?? 'default';
  const mainDatabase = assertDatabaseName(options.mainDatabase ?? 'bonafide_temporal');
  const visibilityDatabase = assertDatabaseName(options.visibilityDatabase ?? 'bonafide_temporal_visibility');
  if (mainDatabase === visibilityDatabase) throw new Error('main and visibility databases must differ');
  const postgresUrl = options.postgresUrl ?? DEFAULT_POSTGRES_URL;
  const postgres = parsePostgresUrl(postgresUrl);
  const timeoutMs = options.startTimeoutMs ?? 180_000;
  const envPort = process.env.TEMPORAL_CLUSTER_PORT ? Number(process.env.TEMPORAL_CLUSTER_PORT) : undefined;

  const binaries = await ensureTemporalServerBinaries(log);
  const moduleDir = await temporalServerModuleDir(log);
  const schemaRoot = join(moduleDir, 'schema', 'postgresql', 'v12');

  await mkdir(join(workDir, 'config', 'dynamicconfig'), { recursive: true });
  await stopLeftoverServer(workDir, binaries.server, log);
  const ports = await choosePorts(options.frontendPort ?? envPort, log);

  await recreateDatabases(postgresUrl, [mainDatabase, visibilityDatabase], log);
  await applySchema(binaries.sql, postgres, mainDatabase, join(schemaRoot, 'temporal', 'versioned'), log);
  await applySchema(binaries.sql, postgres, visibilityDatabase, join(schemaRoot, 'visibility', 'versioned'), log);

  await writeServerConfig(workDir, { postgres, mainDatabase, visibilityDatabase, ports, logLevel: options.logLevel });

  const server = await launchServer(binaries.server, workDir, log);
  const address = `127.0.0.1:${ports.frontend}`;
  log(`Temporal server ${TEMPORAL_SERVER_VERSION} starting (pid ${server.pid}, frontend ${address}, log ${server.logFile})`);

  try {
    await waitUntilReady({ address, namespace, timeoutMs, hasExited: server.exit, log });
  } catch (error) {
    // Read the log before stopping: the shutdown would bury the cause under its own lines.
    const tail = readTail(server.logFile, 40);
    await server.stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Temporal cluster did not come up: ${reason}\nlast lines of ${server.logFile}:\n${tail}`);
  }
  log(`Temporal cluster ready at ${address}, namespace ${namespace} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  const databaseUrls = [mainDatabase, visibilityDatabase].map((name) => {
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    return url.toString();
  });
  return { address, namespace, logFile: server.logFile, ports, databaseUrls, exited: server.exited, stop: server.stop };
}
