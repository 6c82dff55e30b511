/**
 * Every route the app registers, fed seeded random requests: malformed paths, query strings,
 * headers, content types and bodies (JSON, text, broken multipart), with and without
 * credentials. No answer may be a 5xx, and every refusal must be problem+json. The route list
 * comes from the app itself (printRoutes), so a route added later is fuzzed too.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { multipartBody, vettingParts } from './support/multipart.ts';
import { routesFromTree } from './support/routes.ts';
import { applicantFor, moderatorSession } from './support/vettings.ts';

const SEED = 20261130;
const RUNS = 600;

let platform: TestPlatform;
let apiKey: string;
let cookie: string;
let routes: { path: string; method: string }[];

beforeAll(async () => {
  platform = await startTestPlatform({ worker: false });
  apiKey = (await platform.createTenant()).apiKey;
  cookie = (await moderatorSession(platform, 'admin')).cookie;
  await platform.app.ready();
  routes = routesFromTree(platform.app.printRoutes({ commonPrefix: false }));
});
afterAll(async () => platform?.close());

const nasty = fc.constantFrom('null', '1', '-1', '1e309', '', '[', '{', '[0,1]', '[5,1]', '["slaDueAt","ASC"]', '{"status":"open"}', '%', '%zz', '../..', '\u0000', 'a\u0000b', '\ud800', 'cut \ud83d', '\udfff', 'x'.repeat(300), '🙂', 'true', '[]', '{}');
/** encodeURIComponent, except that a lone surrogate becomes the bytes a careless client sends for it (WTF-8) instead of a URIError */
const encodeAny = (text: string) =>
  [...text].map((char) => {
    const unit = char.charCodeAt(0);
    if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    return encodeURIComponent(char);
  }).join('');
const pathValue = fc.oneof(
  fc.uuid(),
  nasty.map(encodeAny),
  fc.string({ maxLength: 40 }).map(encodeAny),
  fc.constantFrom('%zz', '%', 'a'.repeat(129), 'a'.repeat(500)),
);
const queryString = fc.oneof(
  fc.constant(''),
  fc
    .array(fc.tuple(fc.constantFrom('range', 'sort', 'filter', 'limit', 'sellerId', 'api_key', 'x'), fc.oneof(nasty, fc.string({ maxLength: 20 }))), { maxLength: 4 })
    .map((pairs) => `?${pairs.map(([key, value]) => `${key}=${encodeAny(value)}`).join('&')}`),
  fc.constantFrom('?range=null', '?range=1', '?sort=null', '?filter=null', '?limit=5', '?limit=abc', '?%zz', '?a=%', '?limit=5&limit=6'),
);
const contentType = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'multipart/form-data',
  'multipart/form-data; boundary=fuzzboundary',
  'multipart/form-data; boundary=other',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  'image/jpeg',
  ';;;',
);

const unstorable = fc.constantFrom('\u0000', 'name\u0000', '\ud800', 'emoji cut \ud83d', '\ude42 low half');

function bodies() {
  const submission = applicantFor('td3-valid-01.jpg');
  const multipart = multipartBody(vettingParts(submission), 'fuzzboundary');
  const json = JSON.stringify(submission);
  return fc.oneof(
    fc.constant(undefined),
    fc.constant(''),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.string({ maxLength: 200 }),
    fc.constant(json),
    fc.nat(json.length).map((cut) => json.slice(0, cut)),
    fc.record({ field: fc.constantFrom(...Object.keys(submission)), value: fc.jsonValue() }).map(({ field, value }) => JSON.stringify({ ...submission, [field]: value })),
    // text PostgreSQL cannot store, in a field of an otherwise plausible body
    fc.record({ field: fc.constantFrom(...Object.keys(submission)), value: unstorable }).map(({ field, value }) => JSON.stringify({ ...submission, [field]: value })),
    fc.record({ field: fc.string({ maxLength: 12 }), value: unstorable }).map(({ field, value }) => JSON.stringify({ [field]: value })),
    fc.constant(multipart.toString('latin1')),
    fc.nat(multipart.length).map((cut) => multipart.subarray(0, cut).toString('latin1')),
    fc.constant('--fuzzboundary\r\nContent-Disposition: form-data; name="data"\r\n\r\n{}\r\n'),
  );
}

const credentials = () =>
  fc.constantFrom<Record<string, string>>({}, { authorization: `Bearer ${apiKey}` }, { authorization: 'Bearer bf_not-a-key' }, { authorization: 'Basic x' }, { cookie }, { cookie: 'bonafide_session=forged' });

describe('fuzzing every route', () => {
  it('derives the routes from the app', () => {
    const paths = routes.map((route) => `${route.method} ${route.path}`);
    expect(paths).toEqual(expect.arrayContaining(['POST /v1/seller-vettings', 'DELETE /v1/sellers/:sellerId/personal-data', 'GET /admin/v1/cases', 'POST /admin/v1/cases/:id/decision']));
  });

  it(`answers ${RUNS} seeded random requests without a 5xx, refusals as problem+json`, { timeout: 240_000 }, async () => {
    const statuses = new Map<number, number>();
    const request = fc.record({
      route: fc.nat(routes.length - 1),
      params: fc.array(pathValue, { minLength: 4, maxLength: 4 }),
      query: queryString,
      contentType,
      body: bodies(),
      credentials: credentials(),
      idempotencyKey: fc.constantFrom(undefined, '', 'x'.repeat(300), 'fixed-key', randomUUID()),
    });
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const route = routes[input.route]!;
        let index = 0;
        const path = route.path.replace(/:[A-Za-z]+|\*/g, () => input.params[index++] ?? 'x');
        const headers: Record<string, string> = { ...input.credentials };
        if (input.contentType) headers['content-type'] = input.contentType;
        if (input.idempotencyKey !== undefined) headers['idempotency-key'] = input.idempotencyKey;
        const response = await platform.app.inject({
          method: route.method as 'GET',
          url: `${path}${input.query}`,
          headers,
          // its own client address: console logins are limited per address in the shared database
          remoteAddress: '192.0.2.200',
          ...(input.body === undefined ? {} : { payload: Buffer.from(input.body, 'latin1') }),
        });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        expect(response.statusCode, `${route.method} ${path}${input.query} → ${response.body.slice(0, 300)}`).toBeLessThan(500);
        // every failure is problem+json, and nothing else is
        const isProblem = /^application\/problem\+json/.test(String(response.headers['content-type']));
        expect(isProblem, `${route.method} ${path}: ${response.statusCode} as ${String(response.headers['content-type'])}`).toBe(response.statusCode >= 400);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // the generator must reach past authentication and validation, or it proves little
    expect([...statuses.keys()].filter((status) => status < 300).length).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(RUNS / 20);
    console.log(`fuzz: ${RUNS} requests over ${routes.length} route methods, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
  });
});
