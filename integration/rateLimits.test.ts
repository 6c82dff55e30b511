/**
 * Per-key request limits, the limit of failed API keys per client address and the console login
 * limit, counted in PostgreSQL: two API replicas (two apps over one database) share one budget.
 * The login limit is per client address, and behind a proxy that is the forwarded address,
 * believed only from a proxy in TRUST_PROXY: checked over real sockets from a trusted
 * (127.0.0.1) and an untrusted (127.0.0.2) peer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { CONSOLE_ORIGIN } from './support/console.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/app.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';

const PER_KEY = 5;
const VETTINGS_PER_KEY = 2;
const LOGINS = 3;
const KEY_FAILURES = 12;
let platform: TestPlatform;
let replica: FastifyInstance;
let port: number;
beforeAll(async () => {
  platform = await startTestPlatform({
    worker: false,
    config: {
      API_KEY_REQUESTS_PER_MINUTE: String(PER_KEY),
      API_KEY_VETTINGS_PER_MINUTE: String(VETTINGS_PER_KEY),
      API_KEY_FAILURES_PER_MINUTE: String(KEY_FAILURES),
      LOGIN_ATTEMPTS_PER_MINUTE: String(LOGINS),
      TRUST_PROXY: '127.0.0.1',
    },
  });
  const { config, database, temporal, protector } = platform;
  replica = await buildApp({ config, prisma: database.prisma, pool: database.pool, temporal, protector, logger: false });
  await platform.app.listen({ host: '127.0.0.1', port: 0 });
  port = (platform.app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await replica?.close();
  await platform?.close();
});

/** Windows are whole minutes: start a sequence early enough in one that it cannot straddle two. */
async function freshWindow() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
}

const apps = () => [platform.app, replica];

/** A client address of its own (failures are counted per address, in the database every test file shares). */
const clientAddress = () => `198.18.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;

describe('per API key', () => {
  it('answers 429 rate-limited with Retry-After past the limit, counted across replicas; another key is untouched', { timeout: 30_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    const other = await platform.createTenant();
    await freshWindow();
    const statuses: number[] = [];
    for (let request = 0; request < PER_KEY + 1; request++) {
      const app = apps()[request % 2]!;
      const response = await app.inject({ method: 'GET', url: '/v1/webhook-endpoints', headers: { authorization: `Bearer ${apiKey}` } });
      statuses.push(response.statusCode);
      // every answer says how much of the key's budget is left
      expect(response.headers['x-ratelimit-limit']).toBe(String(PER_KEY));
      expect(response.headers['x-ratelimit-remaining']).toBe(String(Math.max(0, PER_KEY - request - 1)));
      if (response.statusCode === 429) {
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json().code).toBe('rate-limited');
        expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(60);
      }
    }
    expect(statuses).toEqual([...Array(PER_KEY).fill(200), 429]);
    const unaffected = await replica.inject({ method: 'GET', url: '/v1/webhook-endpoints', headers: { authorization: `Bearer ${other.apiKey}` } });
    expect(unaffected.statusCode).toBe(200);
  });

  it('limits vetting submissions on their own, tighter budget, before the body is read', { timeout: 30_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    await freshWindow();
    const statuses: number[] = [];
    for (let request = 0; request < VETTINGS_PER_KEY + 1; request++) {
      const response = await apps()[request % 2]!.inject({ method: 'POST', url: '/v1/seller-vettings', headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': `k-${request}` }, payload: {} });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([...Array(VETTINGS_PER_KEY).fill(400), 429]);
    // reads keep their own budget
    expect((await platform.app.inject({ method: 'GET', url: '/v1/webhook-endpoints', headers: { authorization: `Bearer ${apiKey}` } })).statusCode).toBe(200);
  });

  it('keeps its counters in an unlogged table, so one key\'s requests do not each wait for the disk', async () => {
    const { rows } = await platform.database.pool.query<{ persistence: string }>("SELECT relpersistence AS persistence FROM pg_class WHERE relname = 'rate_limit_counters'");
    expect(rows).toEqual([{ persistence: 'u' }]);
  });

  it('does not let unauthenticated requests spend a key budget', async () => {
    const { apiKey } = await platform.createTenant();
    const remoteAddress = clientAddress();
    await freshWindow();
    for (let request = 0; request < PER_KEY * 2; request++) {
      expect((await platform.app.inject({ method: 'GET', url: '/v1/webhook-endpoints', headers: { authorization: 'Bearer bf_wrong' }, remoteAddress })).statusCode).toBe(401);
    }
    expect((await platform.app.inject({ method: 'GET', url: '/v1/webhook-endpoints', headers: { authorization: `Bearer ${apiKey}` } })).statusCode).toBe(200);
  });
});

describe('failed API keys per client address', () => {
  const call = (app: FastifyInstance, key: string, remoteAddress: string) =>
    app.inject({ method: 'GET', url: '/v1/webhook-endpoints', headers: { authorization: `Bearer ${key}` }, remoteAddress });
  const unknownKey = () => `bf_${uniqueSuffix()}${uniqueSuffix()}`;

  it('answers 429 rate-limited with Retry-After past the limit, counted across replicas, then refuses before the key is looked up', { timeout: 30_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    const prober = clientAddress();
    await freshWindow();
    const statuses: number[] = [];
    for (let request = 0; request < KEY_FAILURES + 2; request++) statuses.push((await call(apps()[request % 2]!, unknownKey(), prober)).statusCode);
    expect(statuses).toEqual([...Array(KEY_FAILURES).fill(401), 429, 429]);
    for (const app of apps()) {
      const refused = await call(app, unknownKey(), prober);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.json().code).toBe('rate-limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      // refused before the lookup: not even a valid key gets through from that address
      expect((await call(app, apiKey, prober)).statusCode).toBe(429);
    }
    // the same key from another address works, and that address's failures count on their own
    const other = clientAddress();
    expect((await call(platform.app, apiKey, other)).statusCode).toBe(200);
    expect((await call(replica, unknownKey(), other)).statusCode).toBe(401);
  });

  it('does not count keys that cannot be ours (no lookup is made for them)', async () => {
    const remoteAddress = clientAddress();
    await freshWindow();
    for (let request = 0; request < KEY_FAILURES + 2; request++) expect((await call(platform.app, 'not-a-bonafide-key', remoteAddress)).statusCode).toBe(401);
    expect((await call(platform.app, unknownKey(), remoteAddress)).statusCode).toBe(401);
  });
});

function login(body: string, headers: Record<string, string>, localAddress: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, localAddress, method: 'POST', path: '/admin/v1/session', agent: false, headers: { 'content-type': 'application/json', origin: CONSOLE_ORIGIN, ...headers } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe('console login behind a proxy', () => {
  const attempt = async (forwardedFor: string, peer: string) => {
    const email = `mod-${uniqueSuffix()}@example.test`;
    return await login(JSON.stringify({ email, password: 'wrong' }), { 'x-forwarded-for': forwardedFor }, peer);
  };

  it('from the trusted proxy, counts each forwarded client address on its own', { timeout: 30_000 }, async () => {
    await freshWindow();
    // an address range no other test file uses: the counts live in the database they all share
    const first = `100.64.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
    const statuses = [];
    for (let request = 0; request < LOGINS + 1; request++) statuses.push(await attempt(first, '127.0.0.1'));
    expect(statuses).toEqual([...Array(LOGINS).fill(401), 429]);
    // another moderator behind the same proxy is not locked out
    expect(await attempt(`100.65.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`, '127.0.0.1')).toBe(401);
  });

  it('from an untrusted peer, ignores X-Forwarded-For: changing it does not escape the limit', { timeout: 30_000 }, async () => {
    await freshWindow();
    const statuses = [];
    for (let request = 0; request < LOGINS + 1; request++) statuses.push(await attempt(`192.0.2.${request + 1}`, '127.0.0.2'));
    expect(statuses).toEqual([...Array(LOGINS).fill(401), 429]);
  });
});
