/**
 * A production-like Temporal cluster for `npm run test:cluster`: the real Temporal server binary
 * (frontend, history, matching and worker services in one process) persisting to PostgreSQL,
 * instead of the SQLite-backed dev server that `npm test` uses.
 *
 * - `ensureTemporalServerBinaries()` builds `server` and the `sql` schema tool from the Go module
 *   proxy once, into a per-version cache directory outside the repository.
 * - `startTemporalCluster()` recreates the two databases (they hold test state only), applies the
 *   schema shipped in the server module, renders the config from scripts/temporal-cluster/, starts
 *   the server and resolves once the frontend answers and the namespace is usable.
 * - `npx tsx scripts/temporalCluster.ts up [--port N] [--work-dir DIR]` runs it in the foreground.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { access, chmod, constants as fsConstants, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import pg from 'pg';

export const TEMPORAL_SERVER_VERSION = '1.29.1';
const SERVER_MODULE = 'go.temporal.io/server';
const DEFAULT_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
/** First frontend port tried when none is given; far from the dev server's 7233. */
export const DEFAULT_FRONTEND_PORT = 17233;
const TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'temporal-cluster');

type Log = (line: string) => void;
type Env = Record<string, string | undefined>;

// ---------------------------------------------------------------------------------------------
// Pure helpers (unit-tested in temporalCluster.test.ts)
// ---------------------------------------------------------------------------------------------

/** `${XDG_CACHE_HOME:-$HOME/.cache}/bonafide/temporal-server-<version>`. */
export function temporalServerCacheDir(env: Env = process.env, home: string = homedir()): string {
  const cacheHome = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.trim() !== '' ? env.XDG_CACHE_HOME : join(home, '.cache');
  return join(cacheHome, 'bonafide', `temporal-server-${TEMPORAL_SERVER_VERSION}`);
}

export interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The database named in the URL (used for administrative connections only). */
  database: string;
}

/** Splits a `postgres://` / `postgresql://` URL into what the sql tool and the server config need. */
export function parsePostgresUrl(url: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`not a PostgreSQL URL: ${url}`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`not a PostgreSQL URL (protocol ${parsed.protocol}): ${url}`);
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const port = parsed.port === '' ? 5432 : Number(parsed.port);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres';
  return {
    host,
    port,
    user: decodeURIComponent(parsed.username) || 'postgres',
    password: decodeURIComponent(parsed.password),
    database,
  };
}

export interface ClusterPorts {
  frontend: number;
  frontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  frontendMembership: number;
  historyMembership: number;
  matchingMembership: number;
  workerMembership: number;
}

/**
 * The port block derived from the frontend gRPC port P: services at P, P+1, P+2, P+6 (like the
 * stock 7233/7234/7235/7239), the frontend HTTP API at P+10, membership (ringpop) at P+100 + the
 * same offsets.
 */
export function clusterPorts(frontendPort: number): ClusterPorts {
  if (!Number.isInteger(frontendPort) || frontendPort < 1024 || frontendPort + 106 > 65535) {
    throw new Error(`frontend port must be an integer in 1024..65429, got ${frontendPort}`);
  }
  const p = frontendPort;
  return {
    frontend: p,
    history: p + 1,
    matching: p + 2,
    worker: p + 6,
    frontendHttp: p + 10,
    frontendMembership: p + 100,
    historyMembership: p + 101,
    matchingMembership: p + 102,
    workerMembership: p + 106,
  };
}

/** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
export function yamlString(value: string): string {
  return JSON.stringify(value);
}

/** Replaces `{{NAME}}` placeholders; every placeholder must have a value and every value a use. */
export function renderTemplate(template: string, values: Record<string, string | number>): string {
  const used = new Set<string>();
  const out = template.replace(/\{\{([A-Z][A-Z0-9_]*)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template placeholder {{${name}}} has no value`);
    used.add(name);
    return String(value);
  });
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`template has no placeholder for: ${unused.join(', ')}`);
  return out;
}

export interface ServerConfigInput {
  postgres: PostgresTarget;
  mainDatabase: string;
  visibilityDatabase: string;
  ports: ClusterPorts;
  logLevel?: string;
  historyShards?: number;
}

/** Values for scripts/temporal-cluster/development.yaml.tmpl. */
export function serverConfigValues(input: ServerConfigInput): Record<string, string | number> {
  const { postgres, ports } = input;
  const dbHost = postgres.host.includes(':') ? `[${postgres.host}]` : postgres.host;
  return {
    LOG_LEVEL: yamlString(input.logLevel ?? 'info'),
    HISTORY_SHARDS: input.historyShards ?? 4,
    DB_MAIN: yamlString(input.mainDatabase),
    DB_VISIBILITY: yamlString(input.visibilityDatabase),
    DB_ADDRESS: yamlString(`${dbHost}:${postgres.port}`),
    DB_USER: yamlString(postgres.user),
    DB_PASSWORD: yamlString(postgres.password),
    FRONTEND_PORT: ports.frontend,
    FRONTEND_HTTP_PORT: ports.frontendHttp,
    FRONTEND_MEMBERSHIP_PORT: ports.frontendMembership,
    HISTORY_PORT: ports.history,
    HISTORY_MEMBERSHIP_PORT: ports.historyMembership,
    MATCHING_PORT: ports.matching,
    MATCHING_MEMBERSHIP_PORT: ports.matchingMembership,
    WORKER_PORT: ports.worker,
    WORKER_MEMBERSHIP_PORT: ports.workerMembership,
    FRONTEND_ADDRESS: yamlString(`127.0.0.1:${ports.frontend}`),
  };
}

/** Values for scripts/temporal-cluster/dynamicconfig.yaml.tmpl. */
export function dynamicConfigValues(ports: ClusterPorts): Record<string, string> {
  return {
    NEXUS_CALLBACK_TEMPLATE: yamlString(
      `http://127.0.0.1:${ports.frontendHttp}/namespaces/{{.NamespaceName}}/nexus/callback`,
    ),
  };
}

/** A PostgreSQL identifier we are willing to interpolate into DDL. */
export function assertDatabaseName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`database name must match [a-z_][a-z0-9_]* (at most 63 characters): ${JSON.stringify(name)}`);
  }
  return name;
}

/** The last `count` non-empty lines of `text`. */
export function lastLines(text: string, count: number): string[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.slice(Math.max(0, lines.length - count));
}

export interface UpArgs {
  port?: number;
  workDir?: string;
  postgresUrl?: string;
  logLevel?: string;
}

/** Arguments of `temporalCluster.ts up`. */
export function parseUpArgs(argv: string[]): UpArgs {
  const args: UpArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const raw = value();
        const port = Number(raw);
        if (!Number.isInteger(port)) throw new Error(`--port must be an integer, got ${raw}`);
        args.port = port;
        break;
      }
      case '--work-dir':
        args.workDir = value();
        break;
      case '--postgres-url':
        args.postgresUrl = value();
        break;
      case '--log-level':
        args.logLevel = value();
        break;
      default:
        throw new Error(`unknown argument: ${arg}`);
    }
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  output: string[];
}

/** Runs a command to completion; stdout is collected, and each output line goes to `onLine`. */
async function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Env; onLine?: (line: string) => void } = {},
): Promise<RunResult> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env as NodeJS.ProcessEnv | undefined,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  const output: string[] = [];
  const lineSplitter = () => {
    let pending = '';
    return {
      push(chunk: string) {
        pending += chunk;
        const parts = pending.split('\n');
        pending = parts.pop() ?? '';
        for (const part of parts) emit(part);
      },
      flush() {
        if (pending !== '') emit(pending);
        pending = '';
      },
    };
  };
  const emit = (line: string) => {
    output.push(line);
    if (output.length > 200) output.shift();
    options.onLine?.(line);
  };
  const outLines = lineSplitter();
  const errLines = lineSplitter();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    outLines.push(chunk);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => errLines.push(chunk));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('close', (c, s) => resolvePromise([c, s]));
  });
  outLines.flush();
  errLines.flush();
  return { code, signal, stdout, output };
}

function describeExit(result: { code: number | null; signal: NodeJS.Signals | null }): string {
  return result.signal ? `signal ${result.signal}` : `exit code ${result.code}`;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, fsConstants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `$GO`, else `go` on PATH, else the standard /usr/local/go install. */
export async function findGo(env: Env = process.env): Promise<string> {
  const candidates: string[] = [];
  if (env.GO) candidates.push(env.GO);
  for (const dir of (env.PATH ?? '').split(delimiter)) if (dir) candidates.push(join(dir, 'go'));
  if (env.GOROOT) candidates.push(join(env.GOROOT, 'bin', 'go'));
  candidates.push('/usr/local/go/bin/go');
  for (const candidate of candidates) if (await isExecutable(candidate)) return candidate;
  throw new Error(
    'Go toolchain not found (looked at $GO, PATH, $GOROOT/bin and /usr/local/go/bin). ' +
      `It is needed once to build the Temporal server ${TEMPORAL_SERVER_VERSION} and to locate its schema files.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Binaries and schema
// ---------------------------------------------------------------------------------------------

/**
 * Returns the `server` and `sql` binaries of Temporal server TEMPORAL_SERVER_VERSION, building them
 * with `go install` when the cache directory does not hold both. The build goes to a sibling
 * temporary directory that is renamed into place only when complete.
 */
export async function ensureTemporalServerBinaries(log: Log): Promise<{ server: string; sql: string }> {
  const cacheDir = temporalServerCacheDir();
  const binaries = { server: join(cacheDir, 'server'), sql: join(cacheDir, 'sql') };
  if ((await isExecutable(binaries.server)) && (await isExecutable(binaries.sql))) return binaries;

  const go = await findGo();
  await mkdir(dirname(cacheDir), { recursive: true });
  await removeAbandonedBuilds(cacheDir);
  const partial = `${cacheDir}.partial-${process.pid}-${Date.now()}`;
  await mkdir(partial, { recursive: true });
  const started = Date.now();
  log(`building Temporal server ${TEMPORAL_SERVER_VERSION} into ${cacheDir} (go install; several minutes the first time)`);
  try {
    const result = await run(
      go,
      ['install', `${SERVER_MODULE}/cmd/server@v${TEMPORAL_SERVER_VERSION}`, `${SERVER_MODULE}/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`],
      // Run outside any Go module so a go.mod or go.work around the caller cannot interfere.
      { cwd: partial, env: { ...process.env, GOBIN: partial, GOWORK: 'off' }, onLine: (line) => log(`go: ${line}`) },
    );
    if (result.code !== 0) {
      throw new Error(
        `go install of Temporal server ${TEMPORAL_SERVER_VERSION} failed (${describeExit(result)}):\n` +
          lastLines(result.output.join('\n'), 30).join('\n'),
      );
    }
    for (const name of ['server', 'sql'] as const) {
      if (!(await isExecutable(join(partial, name)))) throw new Error(`go install finished but ${name} is missing in ${partial}`);
    }
    try {
      await rename(partial, cacheDir);
    } catch (error) {
      // Someone else finished first, or an incomplete directory is in the way.
      if ((await isExecutable(binaries.server)) && (await isExecutable(binaries.sql))) {
        await rm(partial, { recursive: true, force: true });
      } else {
        await rm(cacheDir, { recursive: true, force: true });
        await rename(partial, cacheDir).catch((retryError: unknown) => {
          throw new Error(`could not move ${partial} to ${cacheDir}: ${String(retryError)} (first attempt: ${String(error)})`);
        });
      }
    }
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
  log(`built Temporal server ${TEMPORAL_SERVER_VERSION} in ${Math.round((Date.now() - started) / 1000)} s`);
  return binaries;
}

/** Deletes `<cacheDir>.partial-<pid>-…` folders whose build process is gone (an interrupted build). */
async function removeAbandonedBuilds(cacheDir: string): Promise<void> {
  const prefix = `${basename(cacheDir)}.partial-`;
  for (const entry of await readdir(dirname(cacheDir))) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    if (pid === process.pid || (Number.isInteger(pid) && pid > 0 && processExists(pid))) continue;
    await rm(join(dirname(cacheDir), entry), { recursive: true, force: true });
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The server module's source directory in the Go module cache (downloaded if absent). */
export async function temporalServerModuleDir(log: Log): Promise<string> {
  const go = await findGo();
  const scratch = tmpdir();
  const result = await run(go, ['mod', 'download', '-json', `${SERVER_MODULE}@v${TEMPORAL_SERVER_VERSION}`], {
    cwd: scratch,
    env: { ...process.env, GOWORK: 'off' },
  });
  let info: { Dir?: string; Error?: string } = {};
  try {
    info = JSON.parse(result.stdout) as typeof info;
  } catch {
    // Reported below.
  }
  if (result.code !== 0 || !info.Dir) {
    throw new Error(
      `go mod download ${SERVER_MODULE}@v${TEMPORAL_SERVER_VERSION} failed (${describeExit(result)}): ` +
        (info.Error ?? lastLines(result.output.join('\n'), 20).join('\n')),
    );
  }
  if (!existsSync(join(info.Dir, 'schema', 'postgresql', 'v12'))) {
    throw new Error(`${info.Dir} has no schema/postgresql/v12 folder`);
  }
  log(`schema files from ${info.Dir}`);
  return info.Dir;
}

// ---------------------------------------------------------------------------------------------
// Databases
// ---------------------------------------------------------------------------------------------

async function recreateDatabases(postgresUrl: string, names: string[], log: Log): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot connect to PostgreSQL at ${redactUrl(postgresUrl)}: ${String(error)}`);
  }
  try {
    for (const name of names) {
      // WITH (FORCE) ends sessions left over from a server that did not stop (PostgreSQL 13+).
      await client.query(`DROP DATABASE IF EXISTS "${assertDatabaseName(name)}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${name}"`);
      log(`database ${name} recreated`);
    }
  } finally {
    await client.end();
  }
}

async function applySchema(
  sqlTool: string,
  postgres: PostgresTarget,
  database: string,
  schemaDir: string,
  log: Log,
): Promise<void> {
  const env = { ...process.env, SQL_PASSWORD: postgres.password };
  const common = ['--plugin', 'postgres12', '--ep', postgres.host, '-p', String(postgres.port), '-u', postgres.user, '--db', database];
  for (const step of [
    ['setup-schema', '-v', '0.0'],
    ['update-schema', '-d', schemaDir],
  ]) {
    const result = await run(sqlTool, [...common, ...step], { env });
    if (result.code !== 0) {
      throw new Error(
        `sql ${step[0]} on ${database} failed (${describeExit(result)}):\n${lastLines(result.output.join('\n'), 20).join('\n')}`,
      );
    }
  }
  log(`schema applied to ${database}`);
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparsable URL>';
  }
}

// ---------------------------------------------------------------------------------------------
// Ports
// ---------------------------------------------------------------------------------------------

async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  try {
    await new Promise<void>((resolvePromise, reject) => {
      server.once('error', reject);
      server.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolvePromise());
    });
    return true;
  } catch {
    return false;
  } finally {
    if (server.listening) await new Promise<void>((r) => server.close(() => r()));
  }
}

async function busyPorts(ports: ClusterPorts): Promise<number[]> {
  const busy: number[] = [];
  for (const port of Object.values(ports)) if (!(await portIsFree(port))) busy.push(port);
  return busy;
}

/** The given frontend port (all of its block must be free), or the first free block from 17233 in steps of 200. */
async function choosePorts(requested: number | undefined, log: Log): Promise<ClusterPorts> {
  if (requested !== undefined) {
    const ports = clusterPorts(requested);
    const busy = await busyPorts(ports);
    if (busy.length > 0) throw new Error(`ports in use for a Temporal cluster on ${requested}: ${busy.join(', ')}`);
    return ports;
  }
  for (let base = DEFAULT_FRONTEND_PORT; base + 106 <= 65535 && base < DEFAULT_FRONTEND_PORT + 20 * 200; base += 200) {
    const ports = clusterPorts(base);
    const busy = await busyPorts(ports);
    if (busy.length === 0) return ports;
    log(`ports ${busy.join(', ')} in use; trying frontend port ${base + 200}`);
  }
  throw new Error(`no free port block for the Temporal cluster from ${DEFAULT_FRONTEND_PORT} on`);
}

// ---------------------------------------------------------------------------------------------
// Cluster
// ---------------------------------------------------------------------------------------------

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
  /** How long the server may take to answer and have the namespace ready. Default 120 s. */
  startTimeoutMs?: number;
}

export interface TemporalCluster {
  /** host:port of the frontend. */
  address: string;
  namespace: string;
  /** The server's combined stdout/stderr. */
  logFile: string;
  ports: ClusterPorts;
  /** Resolves when the server process ends (after stop(), or if it dies on its own). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

const SERVER_PID_FILE = 'temporal-server.pid';
const SERVER_LOG_FILE = 'temporal-server.log';

/**
 * If a previous run in this work directory left its server running (its pid file is there and the
 * process with that id is our server binary), stop it so it releases its ports and databases.
 */
async function stopLeftoverServer(workDir: string, serverBinary: string, log: Log): Promise<void> {
  const pidFile = join(workDir, SERVER_PID_FILE);
  let pid: number;
  try {
    pid = Number((await readFile(pidFile, 'utf8')).trim());
  } catch {
    return;
  }
  await rm(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 1) return;
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return; // not running (or no /proc: leave it alone)
  }
  if (!cmdline.split('\0').includes(serverBinary) || !cmdline.includes(workDir)) return;
  log(`stopping Temporal server ${pid} left over from a previous run in ${workDir}`);
  const alive = () => processExists(pid);
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let waited = 0; waited < 20_000 && alive(); waited += 200) await sleep(200);
  if (alive()) process.kill(pid, 'SIGKILL');
}

function readTail(path: string, count: number): string {
  try {
    return lastLines(readFileSync(path, 'utf8'), count).join('\n');
  } catch {
    return '(no server log)';
  }
}

function grpcCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

const GRPC_ALREADY_EXISTS = 6;

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
  const timeoutMs = options.startTimeoutMs ?? 120_000;
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

  const [serverTemplate, dynamicTemplate] = await Promise.all([
    readFile(join(TEMPLATE_DIR, 'development.yaml.tmpl'), 'utf8'),
    readFile(join(TEMPLATE_DIR, 'dynamicconfig.yaml.tmpl'), 'utf8'),
  ]);
  const configFile = join(workDir, 'config', 'development.yaml');
  await writeFile(
    configFile,
    renderTemplate(serverTemplate, serverConfigValues({ postgres, mainDatabase, visibilityDatabase, ports, logLevel: options.logLevel })),
  );
  // The password may be in it.
  await chmod(configFile, 0o600);
  await writeFile(join(workDir, 'config', 'dynamicconfig', 'development-sql.yaml'), renderTemplate(dynamicTemplate, dynamicConfigValues(ports)));

  const logFile = join(workDir, SERVER_LOG_FILE);
  const logFd = openSync(logFile, 'w');
  let child: ChildProcess;
  try {
    child = spawn(binaries.server, ['--root', workDir, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'], {
      cwd: workDir, // the dynamic config path in the config is relative to the working directory
      stdio: ['ignore', logFd, logFd],
    });
  } finally {
    closeSync(logFd);
  }
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolvePromise) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolvePromise();
    });
    child.once('error', (error) => {
      exited ??= { code: null, signal: null };
      log(`Temporal server process error: ${String(error)}`);
      resolvePromise();
    });
  });
  if (child.pid !== undefined) await writeFile(join(workDir, SERVER_PID_FILE), `${child.pid}\n`);
  // A normal exit of this process must not leave the server behind.
  const onProcessExit = () => {
    if (!exited) child.kill('SIGTERM');
  };
  process.once('exit', onProcessExit);

  const address = `127.0.0.1:${ports.frontend}`;
  log(`Temporal server ${TEMPORAL_SERVER_VERSION} starting (pid ${child.pid}, frontend ${address}, log ${logFile})`);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', onProcessExit);
      if (!exited) {
        child.kill('SIGTERM');
        // A cancelled timer: a pending one would keep the caller's event loop alive.
        const graceTimer = new AbortController();
        const killed = await Promise.race([
          exitPromise.then(() => false),
          sleep(30_000, true, { signal: graceTimer.signal }).catch(() => false),
        ]);
        graceTimer.abort();
        if (killed && !exited) {
          log('Temporal server did not stop within 30 s of SIGTERM; sending SIGKILL');
          child.kill('SIGKILL');
          await exitPromise;
        }
      }
      await rm(join(workDir, SERVER_PID_FILE), { force: true });
    })();
    return stopping;
  };

  try {
    await waitUntilReady({ address, namespace, deadline: startedAt + timeoutMs, hasExited: () => exited, log });
  } catch (error) {
    // Read the log before stopping: the shutdown would bury the cause under its own lines.
    const tail = readTail(logFile, 40);
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Temporal cluster did not come up: ${reason}\nlast lines of ${logFile}:\n${tail}`);
  }
  log(`Temporal cluster ready at ${address}, namespace ${namespace} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  const exitedInfo = exitPromise.then(() => exited ?? { code: null, signal: null });
  return { address, namespace, logFile, ports, exited: exitedInfo, stop };
}

async function waitUntilReady(input: {
  address: string;
  namespace: string;
  deadline: number;
  hasExited: () => { code: number | null; signal: NodeJS.Signals | null } | undefined;
  log: Log;
}): Promise<void> {
  const { address, namespace, deadline } = input;
  let lastError: unknown;
  let connection: Connection | undefined;
  let registered = false;
  let phase = 'waiting for the frontend';
  try {
    while (Date.now() < deadline) {
      const exit = input.hasExited();
      if (exit) throw new Error(`the server exited (${describeExit(exit)}) while ${phase}`);
      try {
        connection ??= await Connection.connect({ address, connectTimeout: Math.max(200, Math.min(2_000, deadline - Date.now())) });
        const callDeadline = Math.min(deadline, Date.now() + 5_000);
        if (!registered) {
          phase = `registering namespace ${namespace}`;
          try {
            await connection.withDeadline(callDeadline, () =>
              connection!.workflowService.registerNamespace({
                namespace,
                workflowExecutionRetentionPeriod: msToTs('1 day'),
              }),
            );
          } catch (error) {
            if (grpcCode(error) !== GRPC_ALREADY_EXISTS) throw error;
          }
          registered = true;
          input.log(`namespace ${namespace} registered`);
        }
        // describeNamespace reads the database; listing goes through the services' namespace
        // caches, so success there means workers and clients can use the namespace.
        phase = `waiting for namespace ${namespace} to propagate`;
        await connection.withDeadline(callDeadline, () => connection!.workflowService.describeNamespace({ namespace }));
        await connection.withDeadline(callDeadline, () =>
          connection!.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 }),
        );
        return;
      } catch (error) {
        lastError = error;
        await sleep(500);
      }
    }
    const detail = lastError instanceof Error ? lastError.message : String(lastError);
    throw new Error(`timed out ${phase} at ${address}${lastError ? ` (last error: ${detail})` : ''}`);
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// CLI: npx tsx scripts/temporalCluster.ts up [--port N] [--work-dir DIR] [--postgres-url URL] [--log-level L]
// ---------------------------------------------------------------------------------------------

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'up') {
    process.stderr.write(
      'usage: npx tsx scripts/temporalCluster.ts up [--port N] [--work-dir DIR] [--postgres-url URL] [--log-level LEVEL]\n' +
        '  Starts Temporal on PostgreSQL in the foreground (databases bonafide_temporal*, recreated); Ctrl-C stops it.\n',
    );
    return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
  }
  const args = parseUpArgs(rest);
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const log: Log = (line) => process.stderr.write(`[temporal-cluster] ${line}\n`);
  const cluster = await startTemporalCluster({
    workDir: args.workDir ?? join(repoRoot, '.data', 'temporal-cluster'),
    frontendPort: args.port,
    postgresUrl: args.postgresUrl ?? process.env.TEMPORAL_CLUSTER_POSTGRES_URL,
    logLevel: args.logLevel,
    log,
  });
  process.stdout.write(`TEMPORAL_ADDRESS=${cluster.address}\nTEMPORAL_NAMESPACE=${cluster.namespace}\n`);
  log(`server log: ${cluster.logFile}; press Ctrl-C to stop`);
  const outcome = await Promise.race([
    new Promise<NodeJS.Signals>((resolvePromise) => {
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(s, () => resolvePromise(s));
    }),
    cluster.exited,
  ]);
  if (typeof outcome !== 'string') {
    log(`Temporal server exited on its own (${describeExit(outcome)}); see ${cluster.logFile}`);
    return 1;
  }
  log(`${outcome}: stopping`);
  await cluster.stop();
  log('stopped');
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
