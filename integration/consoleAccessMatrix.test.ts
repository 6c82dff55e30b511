/**
 * Walks every console route the API registers (collected with an onRoute hook, so a route added
 * later is walked too) with every role and without a session, and checks the answer against
 * api/auth/consoleAccess.ts: anonymous 401, a role below the route's level 403 problem+json, an
 * allowed role neither. Ids in paths are random UUIDs and bodies are empty objects, so nothing
 * changes: an allowed role gets a 400 or a 404, which is fine here. An admin limited to one
 * marketplace passes the same role checks, and is refused (403, a code of its own) only what
 * reaches beyond its marketplaces.
 */
import { randomUUID } from 'node:crypto';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleAccessMatrix, consoleRoles, rolesFor } from '../api/auth/consoleAccess.ts';
import { SESSION_COOKIE } from '../api/auth/sessions.ts';
import type { UserRole } from '../prisma/generated/client.ts';
import { CONSOLE_ORIGIN, consoleUser } from './support/console.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const routes: { method: string; url: string }[] = [];
const collect = (route: RouteOptions) => {
  if (!route.url.startsWith('/admin/')) return;
  for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
};

let platform: TestPlatform;
const cookies = new Map<UserRole, string>();
let marketplaceId: string;
let scopedAdminCookie: string;
/** What an admin limited to some marketplaces is refused with when a change reaches beyond them. */
const SCOPE_REFUSALS = ['platform-admin-required', 'queue-outside-scope'];

beforeAll(async () => {
  platform = await startTestPlatform({ worker: false, onRoute: collect });
  marketplaceId = (await platform.createTenant()).tenantId;
  for (const role of consoleRoles) {
    const { headers } = await consoleUser(platform, role, role === 'admin' ? {} : { marketplaces: [marketplaceId] });
    cookies.set(role, headers.cookie);
  }
  scopedAdminCookie = (await consoleUser(platform, 'admin', { marketplaces: [marketplaceId] })).headers.cookie;
});
afterAll(async () => platform?.close());

/** A path with every parameter filled with something that names no object. */
const concrete = (url: string) => url.replace(/:id\b/g, randomUUID()).replace(/:[A-Za-z]+/g, 'no-such-thing');

function call(route: { method: string; url: string }, cookie?: string) {
  const changes = !SAFE.has(route.method);
  const withBody = changes && route.method !== 'DELETE';
  return platform.app.inject({
    method: route.method as 'GET',
    url: concrete(route.url),
    headers: { ...(cookie ? { cookie } : {}), ...(changes ? { origin: CONSOLE_ORIGIN } : {}), ...(withBody ? { 'content-type': 'application/json' } : {}) },
    ...(withBody ? { payload: '{}' } : {}),
  });
}

describe('console access matrix', () => {
  it('finds the console routes, each with an entry in the matrix', () => {
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes.filter((route) => consoleAccessMatrix[`${route.method} ${route.url}`] === undefined);
    expect(missing).toEqual([]);
  });

  it('answers every route × role × anonymous as the matrix says', async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const access = consoleAccessMatrix[`${route.method} ${route.url}`]!;
      const label = `${route.method} ${route.url}`;
      if (access === 'public') continue;
      const anonymous = await call(route);
      if (anonymous.statusCode !== 401) mismatches.push(`${label} anonymous: ${anonymous.statusCode}, expected 401`);
      const allowed = rolesFor(access);
      for (const role of consoleRoles) {
        const response = await call(route, cookies.get(role));
        if (allowed.includes(role)) {
          if (response.statusCode === 401 || response.statusCode === 403) mismatches.push(`${label} ${role}: ${response.statusCode}, expected neither 401 nor 403`);
          if (response.statusCode >= 500) mismatches.push(`${label} ${role}: ${response.statusCode} ${response.body}`);
        } else if (response.statusCode !== 403 || !String(response.headers['content-type']).startsWith('application/problem+json')) {
          mismatches.push(`${label} ${role}: ${response.statusCode} ${response.headers['content-type']}, expected 403 problem+json`);
        }
      }
      // the role check admits a marketplace admin wherever it admits admins; only a scope check may refuse it
      const scoped = await call(route, scopedAdminCookie);
      const scopeRefusal = scoped.statusCode === 403 && SCOPE_REFUSALS.includes(scoped.json().code);
      if (scoped.statusCode === 401 || (scoped.statusCode === 403 && !scopeRefusal) || scoped.statusCode >= 500) mismatches.push(`${label} marketplace admin: ${scoped.statusCode} ${scoped.body}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses a marketplace admin every change that reaches beyond its marketplaces', async () => {
    const other = (await platform.createTenant()).tenantId;
    const wide = await platform.database.prisma.caseQueue.create({ data: { name: `wide ${randomUUID()}` } });
    const shared = await platform.database.prisma.caseQueue.create({ data: { name: `shared ${randomUUID()}`, tenantIds: [marketplaceId, other] } });
    const queue = (tenantIds: string[]) => ({ name: `queue ${randomUUID()}`, tenantIds });
    const changes: [method: 'POST' | 'PUT' | 'DELETE', url: string, payload: object | undefined, code: string][] = [
      ['POST', '/admin/v1/marketplaces', { name: 'Scoped', slug: `scoped-${randomUUID().slice(0, 8)}` }, 'platform-admin-required'],
      ['POST', '/admin/v1/users', { email: `u-${randomUUID().slice(0, 8)}@example.test`, displayName: 'U', role: 'admin', password: 'a-long-enough-password', allMarketplaces: true }, 'platform-admin-required'],
      ['POST', '/admin/v1/queues', queue([]), 'platform-admin-required'],
      ['POST', '/admin/v1/queues', queue([other]), 'queue-outside-scope'],
      ['PUT', `/admin/v1/queues/${wide.id}`, queue([marketplaceId]), 'platform-admin-required'],
      ['DELETE', `/admin/v1/queues/${wide.id}`, undefined, 'platform-admin-required'],
      ['PUT', `/admin/v1/queues/${shared.id}`, queue([marketplaceId]), 'queue-outside-scope'],
      ['DELETE', `/admin/v1/queues/${shared.id}`, undefined, 'queue-outside-scope'],
    ];
    for (const [method, url, payload, code] of changes) {
      const response = await platform.app.inject({ method, url, headers: { cookie: scopedAdminCookie, origin: CONSOLE_ORIGIN }, ...(payload ? { payload } : {}) });
      expect(`${response.statusCode} ${response.json().code}`, `${method} ${url}: ${response.body}`).toBe(`403 ${code}`);
    }
    // a queue of its own marketplace is the marketplace admin's to define
    const own = await platform.app.inject({ method: 'POST', url: '/admin/v1/queues', headers: { cookie: scopedAdminCookie, origin: CONSOLE_ORIGIN }, payload: queue([marketplaceId]) });
    expect(own.statusCode, own.body).toBe(201);
  });

  it('refuses a forged session cookie', async () => {
    const response = await platform.app.inject({ method: 'GET', url: '/admin/v1/marketplaces', headers: { cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` } });
    expect(response.statusCode).toBe(401);
  });

  it('refuses an expired session', async () => {
    const { user, headers } = await consoleUser(platform, 'admin');
    expect((await platform.app.inject({ method: 'GET', url: '/admin/v1/session', headers })).statusCode).toBe(200);
    await platform.database.prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await platform.app.inject({ method: 'GET', url: '/admin/v1/session', headers })).statusCode).toBe(401);
  });

  it('refuses the session of a user an admin disabled', async () => {
    const moderator = await consoleUser(platform, 'moderator');
    expect((await platform.app.inject({ method: 'GET', url: '/admin/v1/session', headers: moderator.headers })).statusCode).toBe(200);
    const disable = await platform.app.inject({ method: 'PUT', url: `/admin/v1/users/${moderator.user.id}`, headers: { cookie: cookies.get('admin')!, origin: CONSOLE_ORIGIN }, payload: { disabled: true } });
    expect(disable.statusCode).toBe(200);
    expect((await platform.app.inject({ method: 'GET', url: '/admin/v1/session', headers: moderator.headers })).statusCode).toBe(401);
  });

  it('refuses a state-changing console call without the console Origin, from a foreign one (even one matching the Host), or not in JSON', async () => {
    const cookie = cookies.get('admin')!;
    const payload = { name: 'Cross-site', slug: `cross-${randomUUID().slice(0, 8)}` };
    const without = await platform.app.inject({ method: 'POST', url: '/admin/v1/marketplaces', headers: { cookie }, payload });
    const foreign = await platform.app.inject({ method: 'POST', url: '/admin/v1/marketplaces', headers: { cookie, origin: 'https://evil.example' }, payload });
    // a page of a name rebound to the API's address sends a Host and an Origin that agree
    const rebound = await platform.app.inject({ method: 'POST', url: '/admin/v1/marketplaces', headers: { cookie, host: 'rebound.example:3000', origin: 'http://rebound.example:3000' }, payload });
    const reboundLogin = await platform.app.inject({ method: 'POST', url: '/admin/v1/session', headers: { host: 'rebound.example', origin: 'http://rebound.example' }, payload: { email: 'nobody@example.test', password: 'guess' } });
    for (const response of [without, foreign, rebound, reboundLogin]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('origin-refused');
    }
    const form = await platform.app.inject({
      method: 'POST',
      url: '/admin/v1/marketplaces',
      headers: { cookie, origin: CONSOLE_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `name=Form&slug=${payload.slug}`,
    });
    expect(form.statusCode).toBe(415);
    expect(await platform.database.prisma.tenant.count({ where: { slug: payload.slug } })).toBe(0);
  });
});
