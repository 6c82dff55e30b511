import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../prisma/generated/client.ts';

export type { PrismaClient } from '../prisma/generated/client.ts';
export { describeDatabaseUrl } from './databaseUrl.ts';

export interface Database {
  prisma: PrismaClient;
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string;
  poolSize: number;
  /** Called when an idle pooled connection fails (server restart, network drop). */
  onIdleConnectionError?: (error: Error) => void;
}

/**
 * One pg pool per process, shared by Prisma through the driver adapter. node-postgres emits
 * `error` on the pool when an idle client's connection drops; without a listener that event
 * would crash the process, so one is always attached.
 */
export function createDatabase(options: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', (error) => options.onIdleConnectionError?.(error));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

/** Round-trips one query; resolves with the latency or rejects with the driver's error. */
export async function pingDatabase(pool: pg.Pool): Promise<number> {
  const started = performance.now();
  await pool.query('SELECT 1');
  return Math.round(performance.now() - started);
}
