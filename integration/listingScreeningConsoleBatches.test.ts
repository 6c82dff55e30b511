/**
 * Listing-screening batches through the console's API on the real stack: a batch uploaded by a
 * marketplace is listed for its moderators (and platform-wide users) with its progress, refused
 * lines and where its listings stand; its results page in upload order with verdicts and the case
 * of each escalation; another marketplace's batch answers 404; malformed ids and queries are 400s.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderatorSession } from './support/console.ts';
import { bearer, gucci, putBrand } from './support/listings.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const get = (url: string, headers: Record<string, string>) => platform.app.inject({ method: 'GET', url, headers });

async function uploadBatch(apiKey: string, lines: string[]) {
  const response = await platform.app.inject({
    method: 'POST',
    url: '/v1/listing-screening-batches',
    headers: { ...bearer(apiKey), 'idempotency-key': randomUUID(), 'content-type': 'application/x-ndjson' },
    payload: lines.join('\n'),
  });
  expect(response.statusCode, response.body).toBe(202);
  return response.json() as { id: string };
}

const genuine = (n: number) => ({ listingId: `genuine-${n}`, sellerId: 'gucci-boutique', title: 'Gucci GG Marmont shoulder bag', description: 'New season', price: { amount: 1890, currency: 'USD' } });
const replica = { listingId: 'replica-1', sellerId: 'shop-7', title: 'Gucci Marmont bag 1:1 replica', description: '', price: { amount: 120, currency: 'USD' } };
const disguised = { listingId: 'disguised-1', sellerId: 'shop-7', title: 'Gu\u0441ci Marmont shoulder bag', description: '', price: { amount: 400, currency: 'USD' } };

interface Result { id: string; line: number; listingId: string; verdict: string | null; status: string; caseId: string | null; caseStatus: string | null; reasonCodes: string[] }

describe('listing-screening batches in the console', () => {
  let market: { tenantId: string; apiKey: string };
  let other: { tenantId: string; apiKey: string };
  let batchId: string;
  let otherBatchId: string;
  let moderator: Record<string, string>;
  let platformWide: Record<string, string>;

  beforeAll(async () => {
    market = await platform.createTenant();
    other = await platform.createTenant();
    expect((await putBrand(platform, market.apiKey, 'gucci', gucci)).statusCode).toBe(200);
    const lines = [genuine(1), replica, genuine(2), disguised, genuine(3), genuine(4)].map((listing) => JSON.stringify(listing));
    lines.splice(2, 0, '{"listingId": "broken", ');
    batchId = (await uploadBatch(market.apiKey, lines)).id;
    otherBatchId = (await uploadBatch(other.apiKey, [JSON.stringify(genuine(9))])).id;
    moderator = await moderatorSession(platform, 'moderator', { marketplaces: [market.tenantId] });
    platformWide = await moderatorSession(platform, 'senior_moderator');
  });

  it('shows a batch with its progress, refused lines and where its listings stand, once the escalation waits for a moderator', { timeout: 120_000 }, async () => {
    await expect
      .poll(async () => (await get(`/admin/v1/listing-screening-batches/${batchId}`, moderator)).json().counts, { timeout: 90_000, interval: 500 })
      .toEqual({ refused: 1, allow: 4, block: 1, awaitingReview: 1, failed: 0, pending: 0 });
    const batch = (await get(`/admin/v1/listing-screening-batches/${batchId}`, moderator)).json();
    expect(batch).toMatchObject({ id: batchId, tenantId: market.tenantId, status: 'completed', total: 7, done: 6, failed: 1, workflowId: expect.any(String) });
    expect(batch.marketplace).toMatch(/^Test tenant-/);
    expect(batch.rejectedLines).toEqual([{ id: 3, line: 3, errors: [{ field: 'line/3', message: 'is not valid JSON' }] }]);
    expect(new Date(batch.completedAt).getTime()).toBeGreaterThanOrEqual(new Date(batch.createdAt).getTime());
  });

  it('lists the batches of the marketplaces a user works for, with Content-Range, getMany and filters', async () => {
    const own = await get(`/admin/v1/listing-screening-batches?range=[0,24]&sort=${q(['createdAt', 'DESC'])}`, moderator);
    expect(own.statusCode).toBe(200);
    expect(own.json().map((row: { id: string }) => row.id)).toEqual([batchId]);
    expect(own.headers['content-range']).toBe('listing-screening-batches 0-0/1');
    expect(own.json()[0].counts).toBeNull(); // counted on the batch's own page only

    const both = await get(`/admin/v1/listing-screening-batches?filter=${q({ id: [batchId, otherBatchId, randomUUID()] })}`, platformWide);
    expect(both.json().map((row: { id: string }) => row.id).sort()).toEqual([batchId, otherBatchId].sort());
    const narrowed = await get(`/admin/v1/listing-screening-batches?filter=${q({ id: [batchId, otherBatchId] })}`, moderator);
    expect(narrowed.json().map((row: { id: string }) => row.id)).toEqual([batchId]);
    const byMarketplace = await get(`/admin/v1/listing-screening-batches?filter=${q({ tenantId: other.tenantId })}`, platformWide);
    expect(byMarketplace.json().map((row: { id: string }) => row.id)).toEqual([otherBatchId]);
    const running = await get(`/admin/v1/listing-screening-batches?filter=${q({ status: 'running', tenantId: market.tenantId })}`, platformWide);
    expect(running.json()).toEqual([]);
    expect(running.headers['content-range']).toBe('listing-screening-batches 0-0/0');
  });

  it("pages a batch's results in upload order with verdicts and the case of each escalation", async () => {
    const page = async (range: [number, number], extra: Record<string, unknown> = {}, order = 'ASC') => {
      const response = await get(`/admin/v1/listing-screening-batch-results?range=${q(range)}&sort=${q(['line', order])}&filter=${q({ batchId, ...extra })}`, moderator);
      expect(response.statusCode, response.body).toBe(200);
      return { items: response.json() as Result[], range: response.headers['content-range'] };
    };
    const first = await page([0, 3]);
    const second = await page([4, 7]);
    expect(first.range).toBe('listing-screening-batch-results 0-3/6');
    expect(second.range).toBe('listing-screening-batch-results 4-5/6');
    const all = [...first.items, ...second.items];
    expect(all.map((item) => item.line)).toEqual([1, 2, 4, 5, 6, 7]);
    expect(all.map((item) => [item.listingId, item.verdict])).toEqual([
      ['genuine-1', 'allow'],
      ['replica-1', 'block'],
      ['genuine-2', 'allow'],
      ['disguised-1', 'escalate'],
      ['genuine-3', 'allow'],
      ['genuine-4', 'allow'],
    ]);
    expect(all.filter((item) => item.caseId !== null).map((item) => item.listingId)).toEqual(['disguised-1']);
    const escalated = all.find((item) => item.listingId === 'disguised-1')!;
    expect(escalated).toMatchObject({ status: 'awaiting_review', caseStatus: 'open' });
    expect(escalated.reasonCodes).toContain('listing.brand_disguised');
    const theCase = await get(`/admin/v1/cases/${escalated.caseId}`, moderator);
    expect(theCase.statusCode).toBe(200);
    expect(theCase.json().subjectId).toBe(escalated.id);
    const replicaCodes = all.find((item) => item.listingId === 'replica-1')!.reasonCodes;
    expect(replicaCodes).toContain('listing.counterfeit_cue');
    expect(replicaCodes).toEqual([...new Set(replicaCodes)]); // "replica" and "1:1" are two reasons of one code

    expect((await page([0, 9], {}, 'DESC')).items.map((item) => item.line)).toEqual([7, 6, 5, 4, 2, 1]);
    expect((await page([0, 9], { verdict: 'escalate' })).items.map((item) => item.listingId)).toEqual(['disguised-1']);
    expect((await page([0, 9], { verdict: 'block' })).items.map((item) => item.listingId)).toEqual(['replica-1']);
    const allowed = await page([0, 1], { verdict: 'allow' });
    expect(allowed.items.map((item) => item.listingId)).toEqual(['genuine-1', 'genuine-2']);
    expect(allowed.range).toBe('listing-screening-batch-results 0-1/4');
  });

  it("answers 404 for another marketplace's batch and its results, as for one that does not exist", async () => {
    for (const id of [otherBatchId, randomUUID()]) {
      const one = await get(`/admin/v1/listing-screening-batches/${id}`, moderator);
      expect(one.statusCode).toBe(404);
      expect(one.json().code).toBe('not-found');
      const results = await get(`/admin/v1/listing-screening-batch-results?filter=${q({ batchId: id })}`, moderator);
      expect(results.statusCode).toBe(404);
    }
    expect((await get(`/admin/v1/listing-screening-batches/${otherBatchId}`, platformWide)).statusCode).toBe(200);
    expect((await get(`/admin/v1/listing-screening-batches/${batchId}`, {})).statusCode).toBe(401);
  });

  it('refuses malformed ids and list queries with a 400 naming what is wrong', async () => {
    const cases: [string, string][] = [
      ['/admin/v1/listing-screening-batches/not-a-uuid', 'params/id'],
      [`/admin/v1/listing-screening-batches?filter=${q({ id: 'not-a-uuid' })}`, 'querystring/filter'],
      [`/admin/v1/listing-screening-batches?filter=${q({ status: 'paused' })}`, 'querystring/filter'],
      [`/admin/v1/listing-screening-batches?sort=${q(['done', 'ASC'])}`, 'querystring/sort'],
      ['/admin/v1/listing-screening-batches?range=[5,1]', 'querystring/range'],
      ['/admin/v1/listing-screening-batch-results', 'querystring/filter/batchId'],
      [`/admin/v1/listing-screening-batch-results?filter=${q({ batchId: 'nope' })}`, 'querystring/filter'],
      [`/admin/v1/listing-screening-batch-results?filter=${q({ batchId, verdict: 'maybe' })}`, 'querystring/filter'],
      [`/admin/v1/listing-screening-batch-results?filter=${q({ batchId, listingId: 'x' })}`, 'querystring/filter'],
      [`/admin/v1/listing-screening-batch-results?filter=${q({ batchId })}&sort=${q(['listingId', 'ASC'])}`, 'querystring/sort'],
      [`/admin/v1/listing-screening-batch-results?filter=${q({ batchId })}&range=null`, 'querystring/range'],
      [`/admin/v1/listing-screening-batch-results?filter=${q({ batchId })}&limit=5`, 'querystring'],
    ];
    for (const [url, field] of cases) {
      const response = await get(url, moderator);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(response.json().code, url).toBe('validation-failed');
      expect(response.json().errors?.[0]?.field, url).toMatch(new RegExp(`^${field}`));
    }
  });
});
