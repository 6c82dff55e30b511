import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

describe('a PostgreSQL connection dropping under the pool', () => {
  it('is reported, does not crash the process, and the next request gets a fresh connection', async () => {
    const { pool } = platform.database;
    // Warm the pool so idle connections exist, then have the server kill them.
    await Promise.all([pool.query('SELECT pg_sleep(0.05)'), pool.query('SELECT pg_sleep(0.05)')]);
    expect(pool.idleCount).toBeGreaterThan(0);
    const idleErrors: Error[] = [];
    pool.on('error', (error) => idleErrors.push(error));

    const admin = new pg.Client({ connectionString: platform.config.DATABASE_URL });
    await admin.connect();
    const pids = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = ''`,
    );
    await admin.end();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(idleErrors.length).toBeGreaterThan(0);
    expect(pids.rows[0]?.pid).toBeTypeOf('number');

    const health = await platform.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(await platform.database.prisma.tenant.count()).toBeGreaterThanOrEqual(0);
  });
});
