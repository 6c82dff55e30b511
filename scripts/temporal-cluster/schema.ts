/**
 * The cluster's PostgreSQL side: the connection target, the two databases (dropped and recreated,
 * they hold test state only) and the schema shipped in the server module, applied with the sql tool.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { goBinary } from '../goToolchain.ts';
import { SERVER_MODULE, TEMPORAL_SERVER_VERSION } from './binaries.ts';
import { describeExit, lastLines, run, type Log } from './process.ts';

export const DEFAULT_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

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

/** A PostgreSQL identifier we are willing to interpolate into DDL. */
export function assertDatabaseName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`database name must match [a-z_][a-z0-9_]* (at most 63 characters): ${JSON.stringify(name)}`);
  }
  return name;
}

/** The server module's source directory in the Go module cache (downloaded if absent). */
export async function temporalServerModuleDir(log: Log): Promise<string> {
  const go = goBinary();
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

export async function recreateDatabases(postgresUrl: string, names: string[], log: Log): Promise<void> {
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

export async function applySchema(
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
