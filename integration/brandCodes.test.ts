import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCodes } from './support/brandCodes.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

const bearer = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });
const jsonLines = (apiKey: string) => ({ ...bearer(apiKey), 'content-type': 'application/x-ndjson', 'idempotency-key': randomUUID() });

// GS1's example GTIN, and an EAN-13 with a valid check digit
const GTIN = '09506000134352';
const EAN = '4006381333931';

async function enrolledBrand(apiKey: string, key: string, extra: Record<string, unknown> = {}) {
  const response = await platform.app.inject({
    method: 'PUT',
    url: `/v1/brands/${key}`,
    headers: bearer(apiKey),
    payload: { name: key, gtins: [GTIN, EAN], serialPattern: '[A-Z]{2}\\d{6}', codeRegistry: 'bonafide', ...extra },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const lookup = (apiKey: string, brand: string, gtin: string, serial: string) =>
  platform.app.inject({ method: 'GET', url: `/v1/brands/${brand}/codes/${gtin}/${serial}`, headers: bearer(apiKey) });

describe("a brand's authenticity data", () => {
  it('stores GTINs (padded to 14 digits), a serial pattern and the registry choice', async () => {
    const { apiKey } = await platform.createTenant();
    expect(await enrolledBrand(apiKey, 'brush-co')).toMatchObject({ gtins: [GTIN, `0${EAN}`], serialPattern: '[A-Z]{2}\\d{6}', codeRegistry: 'bonafide' });
    const plain = await platform.app.inject({ method: 'PUT', url: '/v1/brands/plain', headers: bearer(apiKey), payload: { name: 'Plain' } });
    expect(plain.json()).toMatchObject({ gtins: [], serialPattern: null, codeRegistry: 'none' });
  });

  it('stores models with their GTINs, and refuses a model named twice or a GTIN that is not the brand’s or is another model’s', async () => {
    const { apiKey } = await platform.createTenant();
    const put = (models: unknown) => platform.app.inject({ method: 'PUT', url: '/v1/brands/m', headers: bearer(apiKey), payload: { name: 'M', aliases: ['Em'], gtins: [GTIN, EAN], models } });
    const stored = await put([{ name: 'Detangler', gtins: [EAN] }, { name: 'Wave' }]);
    expect(stored.statusCode, stored.body).toBe(200);
    // the models as stored, the aliases as sent (the detectors look for the models' names too)
    expect(stored.json()).toMatchObject({ aliases: ['Em'], models: [{ name: 'Detangler', gtins: [`0${EAN}`] }, { name: 'Wave', gtins: [] }] });
    const wrong = await put([{ name: 'Detangler', gtins: [GTIN] }, { name: 'detangler' }, { name: 'Other', gtins: ['5901234123457', GTIN] }, { name: 'Bad', gtins: ['4006381333932'] }]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors.map((error: { field: string }) => error.field)).toEqual(['body/models/1/name', 'body/models/2/gtins/0', 'body/models/2/gtins/1', 'body/models/3/gtins/0']);
    // nothing of the refused request was stored
    expect((await platform.app.inject({ method: 'GET', url: '/v1/brands/m', headers: bearer(apiKey) })).json()).toMatchObject({ models: [{ name: 'Detangler' }, { name: 'Wave' }] });
  });

  it('refuses a GTIN with a wrong check digit, naming it, and a pattern that could backtrack catastrophically', async () => {
    const { apiKey } = await platform.createTenant();
    const wrong = await platform.app.inject({ method: 'PUT', url: '/v1/brands/b', headers: bearer(apiKey), payload: { name: 'B', gtins: [GTIN, '4006381333932'] } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'validation-failed', errors: [{ field: 'body/gtins/1' }] });
    for (const pattern of ['(a+)+$', '(\\d|\\w)+', '(x)\\1']) {
      const unsafe = await platform.app.inject({ method: 'PUT', url: '/v1/brands/b', headers: bearer(apiKey), payload: { name: 'B', serialPattern: pattern } });
      expect(unsafe.statusCode, pattern).toBe(400);
      expect(unsafe.json()).toMatchObject({ code: 'unsafe-serial-pattern', errors: [{ field: 'body/serialPattern' }] });
    }
    expect((await platform.app.inject({ method: 'GET', url: '/v1/brands/b', headers: bearer(apiKey) })).statusCode).toBe(404);
  });
});

describe("an enrolled brand's unit codes", () => {
  it('are stored once per GTIN and serial, looked up as valid, revoked or unknown, and refused by line when wrong', async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey, 'brush-co');
    const first = await importCodes(platform, apiKey, 'brush-co', [
      { gtin: GTIN, serial: 'AB000001', status: 'issued', batch: 'L42', expiresOn: '2028-01-31' },
      { gtin: EAN, serial: 'AB000002', status: 'issued' },
      { gtin: GTIN, serial: 'AB000003', status: 'revoked' },
      { gtin: '09506000134353', serial: 'AB000004', status: 'issued' },
      { gtin: '00036000291452', serial: 'AB000005', status: 'issued' },
      { gtin: GTIN, serial: 'not-a-serial', status: 'issued' },
      { gtin: GTIN, serial: 'AB000006', status: 'stolen' },
      '{not json',
    ]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ brandKey: 'brush-co', status: 'completed', total: 8, done: 3, failed: 5, inserted: 3, updated: 0, unchanged: 0, pending: 0, refused: 5 });
    expect(first.json().rejectedLines.map((line: { line: number; code: string }) => [line.line, line.code])).toEqual([
      [4, 'invalid-gtin'],
      [5, 'gtin-not-of-brand'],
      [6, 'serial-pattern-mismatch'],
      [7, 'validation-failed'],
      [8, 'malformed-json'],
    ]);

    expect((await lookup(apiKey, 'brush-co', GTIN, 'AB000001')).json()).toEqual({ brandKey: 'brush-co', gtin: GTIN, serial: 'AB000001', status: 'valid', batch: 'L42', expiresOn: '2028-01-31' });
    expect((await lookup(apiKey, 'brush-co', EAN, 'AB000002')).json()).toMatchObject({ gtin: `0${EAN}`, status: 'valid' });
    expect((await lookup(apiKey, 'brush-co', GTIN, 'AB000003')).json()).toMatchObject({ status: 'revoked' });
    expect((await lookup(apiKey, 'brush-co', GTIN, 'AB999999')).json()).toMatchObject({ status: 'unknown' });

    // the same lines again change nothing; a revocation updates the code; of two lines of one code the last counts
    const again = await importCodes(platform, apiKey, 'brush-co', [
      { gtin: GTIN, serial: 'AB000001', status: 'issued', batch: 'L42', expiresOn: '2028-01-31' },
      { gtin: EAN, serial: 'AB000002', status: 'issued' },
      { gtin: GTIN, serial: 'AB000003', status: 'revoked' },
      { gtin: GTIN, serial: 'AB000001', status: 'revoked', batch: 'L42', expiresOn: '2028-01-31' },
    ]);
    expect(again.json()).toMatchObject({ total: 4, inserted: 0, updated: 1, unchanged: 2, refused: 0 });
    expect((await lookup(apiKey, 'brush-co', GTIN, 'AB000001')).json()).toMatchObject({ status: 'revoked' });

    // each line's outcome, a page at a time, at the import's results
    const results = await platform.app.inject({ method: 'GET', url: `/v1/brand-code-imports/${again.json().id}/results?limit=2`, headers: bearer(apiKey) });
    expect(results.json()).toEqual({
      items: [
        { line: 2, gtin: `0${EAN}`, serial: 'AB000002', status: 'issued', outcome: 'unchanged' },
        { line: 3, gtin: GTIN, serial: 'AB000003', status: 'revoked', outcome: 'unchanged' },
      ],
      next: 3,
    });
    const rest = await platform.app.inject({ method: 'GET', url: `/v1/brand-code-imports/${again.json().id}/results?after=3`, headers: bearer(apiKey) });
    expect(rest.json()).toEqual({ items: [{ line: 4, gtin: GTIN, serial: 'AB000001', status: 'revoked', outcome: 'updated' }], next: null });
  });

  it('stay with the brand that registered them, and belong to one marketplace', async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey, 'first');
    await enrolledBrand(apiKey, 'second');
    const code = { gtin: GTIN, serial: 'CD123456', status: 'issued' };
    expect((await importCodes(platform, apiKey, 'first', [code])).json()).toMatchObject({ inserted: 1 });
    const other = await importCodes(platform, apiKey, 'second', [{ ...code, status: 'revoked' }]);
    expect(other.json()).toMatchObject({ status: 'completed', inserted: 0, updated: 0, codeOfAnotherBrand: 1, done: 0, failed: 1 });
    const [line] = (await platform.app.inject({ method: 'GET', url: `/v1/brand-code-imports/${other.json().id}/results`, headers: bearer(apiKey) })).json().items;
    expect(line).toMatchObject({ line: 1, outcome: 'code-of-another-brand' });
    expect((await lookup(apiKey, 'first', GTIN, 'CD123456')).json()).toMatchObject({ status: 'valid' });
    expect((await lookup(apiKey, 'second', GTIN, 'CD123456')).json()).toMatchObject({ status: 'unknown' });

    const stranger = await platform.createTenant();
    await enrolledBrand(stranger.apiKey, 'first');
    expect((await lookup(stranger.apiKey, 'first', GTIN, 'CD123456')).json()).toMatchObject({ status: 'unknown' });
    // another marketplace cannot read the import
    expect((await platform.app.inject({ method: 'GET', url: `/v1/brand-code-imports/${other.json().id}`, headers: bearer(stranger.apiKey) })).statusCode).toBe(404);
  });

  it('are an import batch: answered at once without ?wait, followed at its URL, ended by one webhook', async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey, 'brush-co');
    const accepted = await platform.app.inject({ method: 'POST', url: '/v1/brands/brush-co/codes', headers: jsonLines(apiKey), payload: JSON.stringify({ gtin: GTIN, serial: 'EF000001', status: 'issued' }) });
    expect(accepted.statusCode, accepted.body).toBe(202);
    const { id, url } = accepted.json();
    expect(accepted.headers.location).toBe(`/v1/brand-code-imports/${id}`);
    expect(url).toMatch(new RegExp(`/v1/brand-code-imports/${id}$`));
    let batch = accepted.json();
    for (let attempt = 0; attempt < 100 && batch.status === 'running'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      batch = (await platform.app.inject({ method: 'GET', url: `/v1/brand-code-imports/${id}`, headers: bearer(apiKey) })).json();
    }
    expect(batch).toMatchObject({ status: 'completed', inserted: 1, pending: 0 });
    // the webhook follows the batch's completion
    let event = null;
    for (let attempt = 0; attempt < 100 && !event; attempt++) {
      event = await platform.database.prisma.webhookEvent.findFirst({ where: { subjectId: id, type: 'brand_code_batch.completed' } });
      if (!event) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(event?.payload).toMatchObject({ batchId: id, total: 1, done: 1, inserted: 1, brandKey: 'brush-co' });
  });

  it('refuse an unknown or unenrolled brand, and an upload whose every line breaks the brand’s rules', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    await enrolledBrand(apiKey, 'outside', { codeRegistry: 'none' });
    const refused = await importCodes(platform, apiKey, 'outside', [{ gtin: GTIN, serial: 'AB000001', status: 'issued' }]);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'brand-not-enrolled' });
    expect((await lookup(apiKey, 'outside', GTIN, 'AB000001')).json()).toMatchObject({ status: 'not_enrolled' });
    expect((await lookup(apiKey, 'nobody', GTIN, 'AB000001')).statusCode).toBe(404);
    expect((await importCodes(platform, apiKey, 'nobody', [{ gtin: GTIN, serial: 'A', status: 'issued' }])).statusCode).toBe(404);
    await enrolledBrand(apiKey, 'brush-co');
    const wrong = await importCodes(platform, apiKey, 'brush-co', [{ gtin: '09506000134353', serial: 'AB000004', status: 'issued' }]);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'invalid-gtin', errors: [{ field: 'line/1/gtin' }] });
    // nothing refused whole leaves a batch behind
    expect(await platform.database.prisma.batch.count({ where: { tenantId, subjectType: 'brand_code' } })).toBe(0);
  });

  it('refuse the wrong media type, an empty body and more lines than the limit', async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey, 'brush-co');
    const json = await platform.app.inject({ method: 'POST', url: '/v1/brands/brush-co/codes', headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() }, payload: { gtin: GTIN } });
    expect(json.statusCode).toBe(415);
    expect((await importCodes(platform, apiKey, 'brush-co', '\n\n')).json()).toMatchObject({ status: 400 });
    const many = Array.from({ length: 100_001 }, () => '{}').join('\n');
    const tooMany = await importCodes(platform, apiKey, 'brush-co', many);
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json()).toMatchObject({ code: 'batch-too-large' });
  });

  it('take 100,000 codes in one request', { timeout: 120_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey, 'bulk', { serialPattern: 'S\\d{7}' });
    const body = Array.from({ length: 100_000 }, (_, index) => JSON.stringify({ gtin: GTIN, serial: `S${String(index).padStart(7, '0')}`, status: 'issued' })).join('\n');
    const response = await importCodes(platform, apiKey, 'bulk', body);
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    expect(response.json()).toMatchObject({ total: 100_000, inserted: 100_000, refused: 0, pending: 0 });
    expect((await lookup(apiKey, 'bulk', GTIN, 'S0099999')).json()).toMatchObject({ status: 'valid' });
  });
});
