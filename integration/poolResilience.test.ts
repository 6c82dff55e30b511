import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { buildApp } from '../api/app.ts';
import { createDatabase, type Database } from '../core/database.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
let database: Database;
// Its own pool with its own application_name, so only its connections are killed: other test
// files share this database and must not lose theirs.
const applicationName = `pool-resilience-${uniqueSuffix()}`;
beforeAll(async () => {
  platform = await startTestPlatform();
  const url = new URL(platform.config.DATABASE_URL);
  url.searchParams.set('application_name', applicationName);
  database = createDatabase({ url: url.toString(), poolSize: 2 });
});
afterAll(async () => {
  await database?.close();
  await platform?.close();
});

describe('a PostgreSQL connection dropping under the pool', () => {
  it('is reported, does not crash the process, and the next request gets a fresh connection', async () => {
    const { pool } = database;
    // Warm the pool so idle connections exist, then have the server kill them.
    await Promise.all([pool.query('SELECT pg_sleep(0.05)'), pool.query('SELECT pg_sleep(0.05)')]);
    expect(pool.idleCount).toBeGreaterThan(0);
    const idleErrors: Error[] = [];
    pool.on('error', (error) => idleErrors.push(error));

    const admin = new pg.Client({ connectionString: platform.config.DATABASE_URL });
    await admin.connect();
    const killed = await admin.query<{ pid: number }>('SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    await admin.end();
    expect(killed.rowCount).toBeGreaterThan(0);
    const killedPids = killed.rows.map((row) => row.pid);
    // the pool hears of its idle connections' end
    await expect.poll(() => idleErrors.length, { timeout: 5_000 }).toBeGreaterThan(0);

    const app = await buildApp({ config: platform.config, prisma: database.prisma, pool, temporal: platform.temporal, protector: platform.protector, logger: false });
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    await app.close();
    expect(health.statusCode).toBe(200);
    // the pool answers again, over a connection that is not one of those killed
    const after = await pool.query<{ pid: number; answer: number }>('SELECT pg_backend_pid() AS pid, 1 + 1 AS answer');
    expect(after.rows[0]?.answer).toBe(2);
    expect(killedPids).not.toContain(after.rows[0]?.pid);
    const { tenantId } = await platform.createTenant();
    expect(await database.prisma.tenant.count({ where: { id: tenantId } })).toBe(1);
  });
});
