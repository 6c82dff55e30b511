import path from 'node:path';
import pg from 'pg';
import { capture } from './processes.ts';

const root = path.join(import.meta.dirname, '..');
const prismaCli = path.join(root, 'node_modules', '.bin', 'prisma');
const prismaConfig = path.join(root, 'prisma', 'prisma.config.ts');

/** The same server's maintenance database, for CREATE/DROP DATABASE. */
function maintenanceUrl(url: string): { admin: string; database: string } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.slice(1));
  parsed.pathname = '/postgres';
  return { admin: parsed.toString(), database };
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function ensureDatabaseExists(url: string): Promise<boolean> {
  const { admin, database } = maintenanceUrl(url);
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE ${quoteIdentifier(database)}`);
    return true;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const { admin, database } = maintenanceUrl(url);
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Applies committed migrations (`prisma migrate deploy`); returns the CLI's summary. */
export async function migrateDatabase(url: string): Promise<string> {
  return await capture(prismaCli, ['migrate', 'deploy', '--config', prismaConfig], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
}

/** Generates the Prisma client into prisma/generated (git-ignored). */
export async function generatePrismaClient(): Promise<void> {
  await capture(prismaCli, ['generate', '--config', prismaConfig], {
    cwd: root,
    // generate only validates the URL's syntax; it connects to nothing
    env: { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/bonafide', ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
}
