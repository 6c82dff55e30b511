/**
 * Text PostgreSQL cannot store (U+0000, an unpaired UTF-16 surrogate) in any field of any route:
 * a 400 naming the field, never a 500, and nothing stored. Routes and their body fields come from
 * the app itself (an onRoute hook), so a route added later is covered without editing this file.
 */
import { randomUUID } from 'node:crypto';
import type { RouteOptions } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderatorSession } from './support/console.ts';
import { bearer, listing, uploadGalleryImage } from './support/listings.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

const BAD_TEXTS = { nul: 'before\u0000after', 'lone surrogate': 'cut in two \ud83d' } as const;

interface CollectedRoute {
  method: string;
  url: string;
  bodyFields: string[];
  queryFields: string[];
}
const routes: CollectedRoute[] = [];
const collect = (route: RouteOptions) => {
  const schema = route.schema as { body?: { properties?: Record<string, unknown> }; querystring?: { properties?: Record<string, unknown> } } | undefined;
  for (const method of [route.method].flat()) {
    if (method === 'HEAD' || method === 'OPTIONS') continue;
    routes.push({ method, url: route.url, bodyFields: Object.keys(schema?.body?.properties ?? {}), queryFields: Object.keys(schema?.querystring?.properties ?? {}) });
  }
};

let platform: TestPlatform;
let apiKey: string;
let tenantId: string;
let admin: Record<string, string>;

beforeAll(async () => {
  platform = await startTestPlatform({ worker: false, onRoute: collect });
  ({ apiKey, tenantId } = await platform.createTenant());
  admin = await moderatorSession(platform, 'admin');
});
afterAll(async () => platform?.close());

const credentialsFor = (url: string) => (url.startsWith('/admin/') ? admin : bearer(apiKey));
const concrete = (url: string) => url.replace(/:id\b/g, randomUUID()).replace(/:[A-Za-z]+/g, 'nul-test-thing');

function send(method: string, url: string, options: { payload?: string; contentType?: string; query?: string } = {}) {
  return platform.app.inject({
    method: method as 'POST',
    url: `${url}${options.query ?? ''}`,
    headers: {
      ...credentialsFor(url),
      'idempotency-key': randomUUID(),
      ...(options.payload === undefined ? {} : { 'content-type': options.contentType ?? 'application/json' }),
    },
    remoteAddress: '192.0.2.77',
    ...(options.payload === undefined ? {} : { payload: options.payload }),
  });
}

describe('text that cannot be stored', () => {
  it('finds the routes and their body fields', () => {
    expect(routes.filter((route) => route.bodyFields.length > 0).length).toBeGreaterThanOrEqual(15);
  });

  it.each(Object.entries(BAD_TEXTS))('refuses %s in every body field of every route with a 400 naming the field', async (_kind, bad) => {
    const mismatches: string[] = [];
    for (const route of routes.filter((candidate) => candidate.bodyFields.length > 0)) {
      for (const field of route.bodyFields) {
        const response = await send(route.method, concrete(route.url), { payload: JSON.stringify({ [field]: bad }) });
        const fields = response.statusCode === 400 ? (response.json().errors ?? []).map((error: { field: string }) => error.field) : [];
        if (response.statusCode !== 400 || !fields.includes(`body/${field}`)) mismatches.push(`${route.method} ${route.url} ${field}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it.each(Object.entries(BAD_TEXTS))('refuses %s in query strings, list filters and path parameters without a 5xx', async (kind, bad) => {
    // A URL carries a NUL as %00; a lone surrogate only inside JSON (`\ud83d`), or as invalid
    // UTF-8 bytes, which decode to U+FFFD: those must not fail either.
    const inUrl = kind === 'nul' ? '%00' : '%ED%A0%BD';
    const failures: string[] = [];
    for (const route of routes) {
      const url = concrete(route.url);
      const refused = [
        ...(kind === 'nul' ? route.queryFields.map((field) => `?${field}=${inUrl}`) : []),
        ...(route.queryFields.includes('filter') ? [`?filter=${encodeURIComponent(JSON.stringify({ q: bad, id: [bad] }))}`] : []),
      ];
      for (const query of refused) {
        const response = await send(route.method, url, { query });
        if (response.statusCode !== 400) failures.push(`${route.method} ${url}${query}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      }
      const survived = [
        ...(kind === 'nul' ? [] : route.queryFields.map((field) => `${url}?${field}=${inUrl}`)),
        ...(route.url.includes(':') ? [route.url.replace(/:[A-Za-z]+/g, `x${inUrl}`)] : []),
      ];
      for (const target of survived) {
        const response = await send(route.method, target);
        if (response.statusCode >= 500) failures.push(`${route.method} ${target}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses it inside nested fields of a listing, and in the login email before any lookup', async () => {
    const nested = await send('POST', '/v1/listing-screenings', { payload: JSON.stringify(listing({ images: [{ url: 'https://example.test/a.jpg' }], price: { amount: 5, currency: BAD_TEXTS.nul } })) });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().errors.map((error: { field: string }) => error.field)).toContain('body/price/currency');
    const login = await platform.app.inject({ method: 'POST', url: '/admin/v1/session', headers: { origin: admin.origin!, 'content-type': 'application/json' }, payload: JSON.stringify({ email: `a${BAD_TEXTS['lone surrogate']}@example.test`, password: 'x' }), remoteAddress: '192.0.2.78' });
    expect(login.statusCode).toBe(400);
    expect(login.json().errors[0].field).toBe('body/email');
  });

  it('refuses it in the data part of a multipart upload', async () => {
    const image = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#336699' } }).jpeg().toBuffer();
    const response = await uploadGalleryImage(platform, apiKey, image, { label: 'counterfeit', note: BAD_TEXTS.nul });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((error: { field: string }) => error.field)).toContain('multipart/data/note');
  });

  it('refuses the line of a listing batch that carries it, by number and field', async () => {
    const lines = [JSON.stringify(listing({ title: BAD_TEXTS.nul })), JSON.stringify(listing({ sellerId: BAD_TEXTS['lone surrogate'] }))].join('\n');
    const response = await send('POST', '/v1/listing-screening-batches', { payload: lines, contentType: 'application/x-ndjson' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((error: { field: string }) => error.field)).toEqual(['line/1/title', 'line/2/sellerId']);
  });

  it('takes the good lines of a content batch and refuses the one that carries it, answering with the batch id', async () => {
    const post = (overrides: Record<string, unknown>) => JSON.stringify({ postId: `post-${randomUUID()}`, creatorId: 'creator-nul', postedAt: '2026-11-30T10:00:00Z', caption: '#ad my pick', surface: 'image', ...overrides });
    const goodIds = [`post-${randomUUID()}`, `post-${randomUUID()}`];
    const body = [post({ postId: goodIds[0] }), post({ caption: BAD_TEXTS.nul }), post({ postId: goodIds[1] })].join('\n');
    const response = await send('POST', '/v1/content-screenings/batches', { payload: body, contentType: 'application/x-ndjson' });
    expect(response.statusCode).toBe(202);
    const batch = response.json();
    expect(batch).toMatchObject({ lines: 3, accepted: 2, refused: [{ line: 2, code: 'validation-failed', errors: [{ field: 'line/2/caption' }] }] });
    const followed = await send('GET', `/v1/content-screenings/batches/${batch.id}`);
    expect(followed.statusCode).toBe(200);
    expect(followed.json().accepted).toBe(2);
    const stored = await platform.database.prisma.contentScreening.findMany({ where: { tenantId, batchId: batch.id }, select: { externalPostId: true } });
    expect(stored.map((row) => row.externalPostId).sort()).toEqual([...goodIds].sort());
  });
});
