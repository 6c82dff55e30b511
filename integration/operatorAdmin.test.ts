/**
 * The operator's admin through the real API: marketplaces, keys, users and policy versions in the
 * ra-data-simple-rest dialect, each change audited in the same transaction, and what a change
 * means for the public API (a revoked key or a disabled marketplace's key is refused at once).
 */
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../core/audit.ts';
import shippedPolicy from '../workers/policy/sellerVettingPolicy.v1.json' with { type: 'json' };
import { SESSION_COOKIE } from '../api/auth/sessions.ts';
import { CONSOLE_ORIGIN, consoleUser } from './support/console.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
let headers: Record<string, string>;

beforeAll(async () => {
  platform = await startTestPlatform({ worker: false, config: { LOGIN_ATTEMPTS_PER_MINUTE: '10000' } });
  headers = (await consoleUser(platform, 'admin')).headers;
});

/** Logs in through the login route; the session's cookie header. */
async function loginCookie(credentials: { email: string; password: string }): Promise<string> {
  const response = await platform.app.inject({ method: 'POST', url: '/admin/v1/session', headers: { origin: CONSOLE_ORIGIN }, payload: credentials });
  const cookie = response.cookies.find((entry) => entry.name === SESSION_COOKIE);
  if (response.statusCode !== 200 || !cookie) throw new Error(`login failed: ${response.statusCode}`);
  return `${SESSION_COOKIE}=${cookie.value}`;
}
afterAll(async () => platform?.close());

const admin = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, extra: Record<string, string> = headers) =>
  platform.app.inject({ method, url, headers: extra, ...(payload ? { payload } : {}) });
const publicCall = (key: string) => platform.app.inject({ method: 'GET', url: '/v1/webhook-endpoints', headers: { authorization: `Bearer ${key}` } });

async function createMarketplace() {
  const slug = `shop-${uniqueSuffix()}`;
  const response = await admin('POST', '/admin/v1/marketplaces', { name: `Shop <b>${slug}</b>`, slug });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; slug: string; name: string };
}

describe('marketplaces', () => {
  it('creates, lists with Content-Range, renames and refuses a taken slug', async () => {
    const market = await createMarketplace();
    expect(market.name).toContain('<b>'); // stored as given; the console renders it as text
    const list = await admin('GET', `/admin/v1/marketplaces?range=[0,0]&sort=["createdAt","DESC"]&filter=${encodeURIComponent(JSON.stringify({ q: market.slug }))}`);
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-range']).toBe('marketplaces 0-0/1');
    expect(list.json()).toEqual([expect.objectContaining({ id: market.id, disabled: false })]);
    const many = await admin('GET', `/admin/v1/marketplaces?filter=${encodeURIComponent(JSON.stringify({ id: [market.id, randomUUID()] }))}`);
    expect(many.json().map((row: { id: string }) => row.id)).toEqual([market.id]);

    const renamed = await admin('PUT', `/admin/v1/marketplaces/${market.id}`, { name: 'Renamed Shop' });
    expect(renamed.json()).toMatchObject({ name: 'Renamed Shop', slug: market.slug });
    const taken = await admin('POST', '/admin/v1/marketplaces', { name: 'Again', slug: market.slug });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('slug-taken');
  });

  it('answers bad list queries, unknown ids and unknown fields with 4xx problem+json', async () => {
    for (const query of ['range=null', 'range=1', 'range=[5,2]', 'range=[-1,3]', 'sort=null', 'sort=["secret","ASC"]', 'filter=null', 'filter={"nope":1}', 'filter={"id":"not-a-uuid"}', 'range=[0', 'extra=1']) {
      const response = await admin('GET', `/admin/v1/marketplaces?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type'], query).toMatch(/^application\/problem\+json/);
    }
    expect((await admin('GET', `/admin/v1/marketplaces/${randomUUID()}`)).statusCode).toBe(404);
    expect((await admin('GET', '/admin/v1/marketplaces/not-a-uuid')).statusCode).toBe(400);
    const unknownField = await admin('POST', '/admin/v1/marketplaces', { name: 'X', slug: `x-${uniqueSuffix()}`, disabledAt: null });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().errors).toEqual([expect.objectContaining({ field: 'body/disabledAt' })]);
  });
});

describe('API keys', () => {
  it('issues a key shown once, which works on the public API until revoked; rotation keeps two active', async () => {
    const market = await createMarketplace();
    const first = await admin('POST', '/admin/v1/api-keys', { marketplaceId: market.id, name: 'primary' });
    expect(first.statusCode).toBe(201);
    const issued = first.json() as { id: string; key: string; prefix: string };
    expect(issued.key.startsWith(issued.prefix)).toBe(true);
    expect((await publicCall(issued.key)).statusCode).toBe(200);

    const second = (await admin('POST', '/admin/v1/api-keys', { marketplaceId: market.id, name: 'rotation' })).json() as { id: string; key: string };
    const listed = await admin('GET', `/admin/v1/api-keys?filter=${encodeURIComponent(JSON.stringify({ marketplaceId: market.id }))}&sort=["createdAt","ASC"]&range=[0,9]`);
    expect(listed.headers['content-range']).toBe('api-keys 0-1/2');
    const rows = listed.json() as Record<string, unknown>[];
    expect(rows.map((row) => row.name)).toEqual(['primary', 'rotation']);
    expect(rows[0]!.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(rows)).not.toContain(issued.key); // the secret is never listed
    expect((await admin('GET', `/admin/v1/api-keys/${issued.id}`)).json()).not.toHaveProperty('key');

    const revoked = await admin('DELETE', `/admin/v1/api-keys/${issued.id}`);
    expect(revoked.json()).toMatchObject({ id: issued.id, active: false });
    expect((await publicCall(issued.key)).statusCode).toBe(401);
    expect((await publicCall(second.key)).statusCode).toBe(200);
    expect((await admin('PUT', `/admin/v1/api-keys/${second.id}`, { name: 'primary now' })).json().name).toBe('primary now');
    expect((await admin('POST', '/admin/v1/api-keys', { marketplaceId: randomUUID(), name: 'x' })).statusCode).toBe(404);
  });

  it('stops every key of a disabled marketplace at once, and enabling brings them back', async () => {
    const market = await createMarketplace();
    const { key } = (await admin('POST', '/admin/v1/api-keys', { marketplaceId: market.id, name: 'k' })).json() as { key: string };
    expect((await publicCall(key)).statusCode).toBe(200);
    expect((await admin('PUT', `/admin/v1/marketplaces/${market.id}`, { disabled: true })).json().disabled).toBe(true);
    expect((await publicCall(key)).statusCode).toBe(401);
    await admin('PUT', `/admin/v1/marketplaces/${market.id}`, { disabled: false });
    expect((await publicCall(key)).statusCode).toBe(200);
  });

  it('limits an admin who works for some marketplaces to those marketplaces', async () => {
    const mine = await createMarketplace();
    const theirs = await createMarketplace();
    const theirKey = (await admin('POST', '/admin/v1/api-keys', { marketplaceId: theirs.id, name: 'theirs' })).json() as { id: string };
    const scopedHeaders = (await consoleUser(platform, 'admin', { marketplaces: [mine.id] })).headers;
    expect((await admin('POST', '/admin/v1/api-keys', { marketplaceId: mine.id, name: 'ok' }, scopedHeaders)).statusCode).toBe(201);
    expect((await admin('GET', `/admin/v1/api-keys/${theirKey.id}`, undefined, scopedHeaders)).statusCode).toBe(404);
    expect((await admin('DELETE', `/admin/v1/api-keys/${theirKey.id}`, undefined, scopedHeaders)).statusCode).toBe(404);
    const listed = (await admin('GET', '/admin/v1/marketplaces?range=[0,199]', undefined, scopedHeaders)).json() as { id: string }[];
    expect(listed.map((row) => row.id)).toEqual([mine.id]);
    const create = await admin('POST', '/admin/v1/marketplaces', { name: 'N', slug: `n-${uniqueSuffix()}` }, scopedHeaders);
    expect(create.statusCode).toBe(403);
    expect(create.json().code).toBe('platform-admin-required');
  });
});

describe('console users', () => {
  it('creates a moderator for some marketplaces, resets the password (sessions end) and refuses unknown marketplaces', async () => {
    const market = await createMarketplace();
    const email = `new-${uniqueSuffix()}@example.test`;
    const created = await admin('POST', '/admin/v1/users', { email, displayName: 'New Mod', role: 'moderator', password: 'first-password-1', marketplaceIds: [market.id] });
    expect(created.statusCode).toBe(201);
    const user = created.json() as { id: string };
    expect(created.json()).toMatchObject({ email, role: 'moderator', allMarketplaces: false, marketplaceIds: [market.id], disabled: false });
    expect(created.json()).not.toHaveProperty('passwordHash');
    const cookie = await loginCookie({ email, password: 'first-password-1' });

    expect((await admin('PUT', `/admin/v1/users/${user.id}`, { password: 'second-password-2' })).statusCode).toBe(200);
    expect((await platform.app.inject({ method: 'GET', url: '/admin/v1/session', headers: { cookie } })).statusCode).toBe(401);
    await expect(loginCookie({ email, password: 'first-password-1' })).rejects.toThrow(/401/);
    await loginCookie({ email, password: 'second-password-2' });

    expect((await admin('POST', '/admin/v1/users', { email, displayName: 'Dup', role: 'moderator', password: 'another-password' })).statusCode).toBe(409);
    const unknown = await admin('POST', '/admin/v1/users', { email: `u-${uniqueSuffix()}@example.test`, displayName: 'U', role: 'moderator', password: 'another-password', marketplaceIds: [randomUUID()] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('unknown-marketplace');
    expect((await admin('POST', '/admin/v1/users', { email: `s-${uniqueSuffix()}@example.test`, displayName: 'S', role: 'moderator', password: 'short' })).statusCode).toBe(400);
  });
});

describe('policies', () => {
  it('creates the next version from valid rules, refuses invalid ones and unknown keys, and never edits a version', async () => {
    // A key of this test's own, registered as a capability registers its key (its parameters'
    // shape included), so versions written here change no other test's verdicts.
    const key = `test-policy-${uniqueSuffix()}`;
    platform.app.policyKeys.register({ key, parameters: Type.Object({ lateAfterSeconds: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }) });
    const rules = { ...shippedPolicy, parameters: { lateAfterSeconds: 259200 } };
    const first = await admin('POST', '/admin/v1/policies', { key, rules, note: 'initial' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ key, version: 1, createdBy: expect.stringContaining('@example.test') });
    const stricter = { ...rules, rules: [{ code: 'document.expired', action: 'reject' }] };
    expect((await admin('POST', '/admin/v1/policies', { key, rules: stricter })).json().version).toBe(2);

    const badShape = await admin('POST', '/admin/v1/policies', { key, rules: { ...rules, rules: [{ code: 'document.expired', action: 'Delete seller' }] } });
    expect(badShape.statusCode).toBe(400);
    expect(badShape.json().errors[0].field).toMatch(/^body\/rules/);
    const notAVerdict = await admin('POST', '/admin/v1/policies', { key, rules: { ...rules, rules: [{ code: 'document.expired', action: 'delete_seller' }] } });
    expect(notAVerdict.statusCode).toBe(400);
    expect(notAVerdict.json()).toMatchObject({ code: 'invalid-policy', errors: [{ field: 'rules/rules/0/action', message: expect.stringContaining('delete_seller') }] });
    const badParameters = await admin('POST', '/admin/v1/policies', { key, rules: { ...rules, parameters: { lateAfterSeconds: 0 } } });
    expect(badParameters.json()).toMatchObject({ code: 'invalid-policy', errors: [{ field: 'rules/parameters/lateAfterSeconds' }] });
    const noParameters = await admin('POST', '/admin/v1/policies', { key: 'seller-vetting', rules: { ...shippedPolicy, parameters: { lateAfterSeconds: 3 } } });
    expect(noParameters.json()).toMatchObject({ code: 'invalid-policy', errors: [{ field: 'rules/parameters' }] });
    const unknown = await admin('POST', '/admin/v1/policies', { key: `unknown-${uniqueSuffix()}`, rules: shippedPolicy });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('unknown-policy-key');

    const versions = await admin('GET', `/admin/v1/policies?filter=${encodeURIComponent(JSON.stringify({ key }))}&sort=["version","DESC"]`);
    expect(versions.json().map((row: { version: number }) => row.version)).toEqual([2, 1]);
    expect((await admin('GET', `/admin/v1/policies/${first.json().id}`)).json().rules).toEqual(rules);
    expect((await admin('PUT', `/admin/v1/policies/${first.json().id}`, { note: 'edited' })).statusCode).toBe(404);
  });
});

describe('audit', () => {
  it('records each change with who made it, in an unbroken chain', async () => {
    const market = await createMarketplace();
    const { id } = (await admin('POST', '/admin/v1/api-keys', { marketplaceId: market.id, name: 'audited' })).json() as { id: string };
    await admin('DELETE', `/admin/v1/api-keys/${id}`);
    const entries = await platform.database.prisma.auditEntry.findMany({ where: { tenantId: market.id }, orderBy: { seq: 'asc' } });
    expect(entries.map((entry) => entry.action)).toEqual(['marketplace.created', 'api_key.issued', 'api_key.revoked']);
    expect(entries[1]).toMatchObject({ actorType: 'user', objectType: 'api_key', objectId: id, actorLabel: expect.stringContaining('@example.test') });
    expect(JSON.stringify(entries.map((entry) => entry.detail))).not.toMatch(/bf_[A-Za-z0-9_-]{20}/); // never the key itself
    expect((await verifyAuditChain(platform.database.prisma)).brokenAt).toBeNull();
  });
});
