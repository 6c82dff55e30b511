/**
 * Walks every console route the API registers (collected with an onRoute hook, so a route added
 * later is walked too) with every role and without a session, and checks the answer against
 * api/auth/consoleAccess.ts: anonymous 401, a role below the route's level 403 problem+json, an
 * allowed role neither. Ids in paths are random UUIDs and bodies are empty objects, so nothing
 * changes: an allowed role gets a 400 or a 404, which is fine here.
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

beforeAll(async () => {
  platform = await startTestPlatform({ worker: false, onRoute: collect });
  const { tenantId } = await platform.createTenant();
  for (const role of consoleRoles) {
    const { headers } = await consoleUser(platform, role, role === 'admin' ? {} : { marketplaces: [tenantId] });
    cookies.set(role, headers.cookie);
  }
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
    }
    expect(mismatches).toEqual([]);
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

  it('refuses a state-changing console call without the console Origin, from a foreign one, or not in JSON', async () => {
    const cookie = cookies.get('admin')!;
    const payload = { name: 'Cross-site', slug: `cross-${randomUUID().slice(0, 8)}` };
    const without = await platform.app.inject({ method: 'POST', url: '/admin/v1/marketplaces', headers: { cookie }, payload });
    const foreign = await platform.app.inject({ method: 'POST', url: '/admin/v1/marketplaces', headers: { cookie, origin: 'https://evil.example' }, payload });
    for (const response of [without, foreign]) {
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
