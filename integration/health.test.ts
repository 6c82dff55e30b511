import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/app.ts';
import { createDatabase } from '../core/database.ts';
import { unusedPort } from '../scripts/ports.ts';
import { startTestPlatform, testConfig, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
let closedPort: number;
beforeAll(async () => {
  platform = await startTestPlatform();
  closedPort = await unusedPort();
});
afterAll(async () => platform?.close());

describe('GET /healthz', () => {
  it('is 200 with both dependencies up', async () => {
    const response = await platform.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', checks: { postgres: { status: 'up' }, temporal: { status: 'up' } } });
  });

  it('is 503 naming Temporal when Temporal is unreachable', async () => {
    const config = testConfig({ TEMPORAL_ADDRESS: `127.0.0.1:${closedPort}` });
    const temporal = new Client({ connection: Connection.lazy({ address: config.TEMPORAL_ADDRESS, connectTimeout: '1s' }) });
    const app = await buildApp({ config, prisma: platform.database.prisma, pool: platform.database.pool, temporal, protector: platform.protector, logger: false });
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    await app.close();
    expect(response.statusCode).toBe(503);
    const body = response.json();
    expect(body.status).toBe('degraded');
    expect(body.checks.postgres.status).toBe('up');
    expect(body.checks.temporal.status).toBe('down');
    expect(body.checks.temporal.error).toBeTruthy();
  });

  it('is 503 naming PostgreSQL when the database is unreachable', async () => {
    const config = testConfig({ DATABASE_URL: `postgresql://postgres@127.0.0.1:${closedPort}/nowhere` });
    const database = createDatabase({ url: config.DATABASE_URL, poolSize: 1 });
    const app = await buildApp({ config, prisma: database.prisma, pool: database.pool, temporal: platform.temporal, protector: platform.protector, logger: false });
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    await app.close();
    await database.close();
    expect(response.statusCode).toBe(503);
    expect(response.json().checks).toMatchObject({ postgres: { status: 'down' }, temporal: { status: 'up' } });
    expect(response.json().checks.postgres.error).toMatch(/ECONNREFUSED/);
  });

  it('a probe while Temporal is down is a 503 temporal-unavailable and is recorded as failed', async () => {
    const config = testConfig({ TEMPORAL_ADDRESS: `127.0.0.1:${closedPort}` });
    const temporal = new Client({ connection: Connection.lazy({ address: config.TEMPORAL_ADDRESS, connectTimeout: '1s' }) });
    const app = await buildApp({ config, prisma: platform.database.prisma, pool: platform.database.pool, temporal, protector: platform.protector, logger: false });
    const { apiKey, tenantId } = await platform.createTenant();
    const response = await app.inject({ method: 'POST', url: '/v1/system-probes', headers: { authorization: `Bearer ${apiKey}` } });
    await app.close();
    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe('temporal-unavailable');
    expect(response.headers['retry-after']).toBe('5');
    const rows = await platform.database.prisma.systemProbe.findMany({ where: { tenantId } });
    expect(rows.map((row) => row.status)).toEqual(['failed']);
  });
});
