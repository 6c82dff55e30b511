/**
 * Registering and deleting webhook endpoints: destinations delivery would refuse are refused at
 * registration (in production settings, where private networks are not allowed), and a
 * marketplace can delete its own endpoints, never another's.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/app.ts';
import { startTestPlatform, testConfig, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
let production: FastifyInstance;
beforeAll(async () => {
  platform = await startTestPlatform({ worker: false });
  const { database, temporal, protector } = platform;
  production = await buildApp({ config: testConfig({ OUTBOUND_ALLOW_PRIVATE_NETWORK: 'false' }), prisma: database.prisma, pool: database.pool, temporal, protector, logger: false });
});
afterAll(async () => {
  await production?.close();
  await platform?.close();
});

const register = (app: FastifyInstance, apiKey: string, url: string) =>
  app.inject({ method: 'POST', url: '/v1/webhook-endpoints', headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': randomUUID() }, payload: { url } });

describe('registering a webhook endpoint', () => {
  it('refuses private, loopback and metadata addresses in any spelling, and URLs with credentials', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    for (const url of [
      'https://127.0.0.1/hook', 'https://0x7f.1/hook', 'https://2130706433/hook', 'https://[::ffff:127.0.0.1]/hook', 'https://localhost/hook',
      'https://169.254.169.254/latest/meta-data/', 'https://[fd00::1]/hook', 'https://10.0.0.1/hook', 'https://user:pw@hooks.example.test/hook', 'http://hooks.example.test/hook',
    ]) {
      const response = await register(production, apiKey, url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json()).toMatchObject({ code: 'webhook-url-refused', errors: [{ field: 'body/url' }] });
    }
    expect(await platform.database.prisma.webhookEndpoint.count({ where: { tenantId } })).toBe(0);
  });

  it('accepts a public https URL', async () => {
    const { apiKey } = await platform.createTenant();
    const response = await register(production, apiKey, 'https://93.184.215.14/hooks/bonafide');
    expect(response.statusCode, response.body).toBe(201);
  });
});

describe('deleting a webhook endpoint', () => {
  it('deletes its own endpoint: no longer listed, disabled, secret erased; another tenant gets 404', async () => {
    const owner = await platform.createTenant();
    const stranger = await platform.createTenant();
    const created = (await register(platform.app, owner.apiKey, 'https://hooks.example.test/one')).json();
    const remove = (apiKey: string) => platform.app.inject({ method: 'DELETE', url: `/v1/webhook-endpoints/${created.id}`, headers: { authorization: `Bearer ${apiKey}` } });

    const foreign = await remove(stranger.apiKey);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('not-found');
    expect((await platform.database.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } })).deletedAt).toBeNull();

    expect((await remove(owner.apiKey)).statusCode).toBe(204);
    const row = await platform.database.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ enabled: false, disabledReason: 'deleted' });
    expect(row.secretCiphertext.length).toBe(0);
    const listed = await platform.app.inject({ method: 'GET', url: '/v1/webhook-endpoints', headers: { authorization: `Bearer ${owner.apiKey}` } });
    expect(listed.json().items).toEqual([]);
    expect((await remove(owner.apiKey)).statusCode).toBe(404);
    expect((await platform.app.inject({ method: 'DELETE', url: '/v1/webhook-endpoints/not-a-uuid', headers: { authorization: `Bearer ${owner.apiKey}` } })).statusCode).toBe(400);
  });
});
