/**
 * Batches of every capability through the console's API on the real stack: a listing batch and a
 * content backfill uploaded by a marketplace are listed together for its moderators (and
 * platform-wide users) with their progress, refused lines and where their subjects stand; a
 * batch's results page in upload order with verdicts and the case of each escalation; another
 * marketplace's batch answers 404; malformed ids and queries are 400s.
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

async function uploadBatch(apiKey: string, lines: string[], url = '/v1/listing-screening-batches') {
  const response = await platform.app.inject({
    method: 'POST',
    url,
    headers: { ...bearer(apiKey), 'idempotency-key': randomUUID(), 'content-type': 'application/x-ndjson' },
    payload: lines.join('\n'),
  });
  expect(response.statusCode, response.body).toBe(202);
  return response.json() as { id: string };
}

const genuine = (n: number) => ({ listingId: `genuine-${n}`, sellerId: 'gucci-boutique', title: 'Gucci GG Marmont shoulder bag', description: 'New season', price: { amount: 1890, currency: 'USD' } });
const replica = { listingId: 'replica-1', sellerId: 'shop-7', title: 'Gucci Marmont bag 1:1 replica', description: '', price: { amount: 120, currency: 'USD' } };
const disguised = { listingId: 'disguised-1', sellerId: 'shop-7', title: 'Gu\u0441ci Marmont shoulder bag', description: '', price: { amount: 400, currency: 'USD' } };

interface Result { id: string; line: number; reference: string; owner: string | null; subjectType: string; verdict: string | null; status: string; caseId: string | null; caseStatus: string | null; reasonCodes: string[] }

describe('batches in the console', () => {
  let market: { tenantId: string; apiKey: string };
  let other: { tenantId: string; apiKey: string };
  let batchId: string;
  let otherBatchId: string;
  let backfillId: string;
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
    const posts = [1, 2].map((n) => JSON.stringify({ postId: `post-${n}`, creatorId: `creator-${n}`, postedAt: `2026-11-30T1${n}:00:00Z`, caption: 'A walk by the sea this morning', surface: 'image' }));
    backfillId = (await uploadBatch(market.apiKey, posts, '/v1/content-screenings/batches')).id;
    moderator = await moderatorSession(platform, 'moderator', { marketplaces: [market.tenantId] });
    platformWide = await moderatorSession(platform, 'senior_moderator');
  });

  it('shows a batch with its progress, refused lines and where its listings stand, once the escalation waits for a moderator', { timeout: 120_000 }, async () => {
    // the range marks the escalation awaiting review as it settles; the batch completes after its last range
    await expect
      .poll(
        async () => {
          const { counts, status } = (await get(`/admin/v1/batches/${batchId}`, moderator)).json();
          return { counts, status };
        },
        { timeout: 90_000, interval: 500 },
      )
      .toEqual({ counts: { refused: 1, verdicts: { allow: 4, block: 1 }, awaitingReview: 1, failed: 0, pending: 0 }, status: 'completed' });
    const batch = (await get(`/admin/v1/batches/${batchId}`, moderator)).json();
    expect(batch).toMatchObject({ id: batchId, subjectType: 'listing_screening', subjectLabel: 'Listing screening', tenantId: market.tenantId, status: 'completed', total: 7, done: 6, failed: 1, refused: 1, failure: null, workflowId: expect.any(String) });
    expect(batch.marketplace).toMatch(/^Test tenant-/);
    expect(batch.rejectedLines).toEqual([{ id: 3, line: 3, code: 'malformed-json', errors: [{ field: 'line/3', message: 'is not valid JSON' }] }]);
    expect(new Date(batch.completedAt).getTime()).toBeGreaterThanOrEqual(new Date(batch.createdAt).getTime());
  });

  it('shows a content backfill on the same routes, its posts by upload line', { timeout: 120_000 }, async () => {
    await expect.poll(async () => (await get(`/admin/v1/batches/${backfillId}`, moderator)).json().status, { timeout: 90_000, interval: 500 }).toBe('completed');
    const backfill = (await get(`/admin/v1/batches/${backfillId}`, moderator)).json();
    expect(backfill).toMatchObject({ subjectType: 'content_screening', subjectLabel: 'Content screening', total: 2, refused: 0, failure: null });
    expect(backfill.counts).toMatchObject({ refused: 0, failed: 0, pending: 0 });
    expect(Object.values(backfill.counts.verdicts as Record<string, number>).reduce((sum, n) => sum + n, 0) + backfill.counts.awaitingReview).toBe(2);
    const results = await get(`/admin/v1/batch-results?range=${q([0, 9])}&filter=${q({ batchId: backfillId })}`, moderator);
    expect(results.headers['content-range']).toBe('batch-results 0-1/2');
    expect((results.json() as Result[]).map((item) => [item.line, item.reference, item.owner, item.subjectType])).toEqual([
      [1, 'post-1', 'creator-1', 'content_screening'],
      [2, 'post-2', 'creator-2', 'content_screening'],
    ]);
  });

  it('lists the batches of every capability of the marketplaces a user works for, newest first, with Content-Range, getMany and filters', async () => {
    const own = await get(`/admin/v1/batches?range=[0,24]&sort=${q(['createdAt', 'DESC'])}`, moderator);
    expect(own.statusCode).toBe(200);
    expect(own.json().map((row: { id: string }) => row.id)).toEqual([backfillId, batchId]);
    expect(own.headers['content-range']).toBe('batches 0-1/2');
    expect(own.json()[0].counts).toBeNull(); // counted on the batch's own page only
    const paged = await get(`/admin/v1/batches?range=[1,1]`, moderator);
    expect(paged.json().map((row: { id: string }) => row.id)).toEqual([batchId]);
    expect(paged.headers['content-range']).toBe('batches 1-1/2');

    const bySubject = await get(`/admin/v1/batches?filter=${q({ subjectType: 'content_screening' })}`, moderator);
    expect(bySubject.json().map((row: { id: string }) => row.id)).toEqual([backfillId]);
    const both = await get(`/admin/v1/batches?filter=${q({ id: [batchId, otherBatchId, randomUUID()] })}`, platformWide);
    expect(both.json().map((row: { id: string }) => row.id).sort()).toEqual([batchId, otherBatchId].sort());
    const narrowed = await get(`/admin/v1/batches?filter=${q({ id: [batchId, otherBatchId] })}`, moderator);
    expect(narrowed.json().map((row: { id: string }) => row.id)).toEqual([batchId]);
    const byMarketplace = await get(`/admin/v1/batches?filter=${q({ tenantId: other.tenantId })}`, platformWide);
    expect(byMarketplace.json().map((row: { id: string }) => row.id)).toEqual([otherBatchId]);
    const running = await get(`/admin/v1/batches?filter=${q({ status: 'running', tenantId: market.tenantId })}`, platformWide);
    expect(running.json()).toEqual([]);
    expect(running.headers['content-range']).toBe('batches 0-0/0');
  });

  it("pages a batch's results in upload order with verdicts and the case of each escalation", async () => {
    const page = async (range: [number, number], extra: Record<string, unknown> = {}, order = 'ASC') => {
      const response = await get(`/admin/v1/batch-results?range=${q(range)}&sort=${q(['line', order])}&filter=${q({ batchId, ...extra })}`, moderator);
      expect(response.statusCode, response.body).toBe(200);
      return { items: response.json() as Result[], range: response.headers['content-range'] };
    };
    const first = await page([0, 3]);
    const second = await page([4, 7]);
    expect(first.range).toBe('batch-results 0-3/6');
    expect(second.range).toBe('batch-results 4-5/6');
    const all = [...first.items, ...second.items];
    expect(all.map((item) => item.line)).toEqual([1, 2, 4, 5, 6, 7]);
    expect(all.map((item) => [item.reference, item.verdict])).toEqual([
      ['genuine-1', 'allow'],
      ['replica-1', 'block'],
      ['genuine-2', 'allow'],
      ['disguised-1', 'escalate'],
      ['genuine-3', 'allow'],
      ['genuine-4', 'allow'],
    ]);
    expect(all.filter((item) => item.caseId !== null).map((item) => item.reference)).toEqual(['disguised-1']);
    const escalated = all.find((item) => item.reference === 'disguised-1')!;
    expect(escalated).toMatchObject({ status: 'awaiting_review', caseStatus: 'open' });
    expect(escalated.reasonCodes).toContain('listing.brand_disguised');
    const theCase = await get(`/admin/v1/cases/${escalated.caseId}`, moderator);
    expect(theCase.statusCode).toBe(200);
    expect(theCase.json().subjectId).toBe(escalated.id);
    const replicaCodes = all.find((item) => item.reference === 'replica-1')!.reasonCodes;
    expect(replicaCodes).toContain('listing.counterfeit_cue');
    expect(replicaCodes).toEqual([...new Set(replicaCodes)]); // "replica" and "1:1" are two reasons of one code

    expect((await page([0, 9], {}, 'DESC')).items.map((item) => item.line)).toEqual([7, 6, 5, 4, 2, 1]);
    expect((await page([0, 9], { verdict: 'escalate' })).items.map((item) => item.reference)).toEqual(['disguised-1']);
    expect((await page([0, 9], { verdict: 'block' })).items.map((item) => item.reference)).toEqual(['replica-1']);
    const allowed = await page([0, 1], { verdict: 'allow' });
    expect(allowed.items.map((item) => item.reference)).toEqual(['genuine-1', 'genuine-2']);
    expect(allowed.range).toBe('batch-results 0-1/4');
  });

  it("answers 404 for another marketplace's batch and its results, as for one that does not exist", async () => {
    for (const id of [otherBatchId, randomUUID()]) {
      const one = await get(`/admin/v1/batches/${id}`, moderator);
      expect(one.statusCode).toBe(404);
      expect(one.json().code).toBe('not-found');
      const results = await get(`/admin/v1/batch-results?filter=${q({ batchId: id })}`, moderator);
      expect(results.statusCode).toBe(404);
    }
    expect((await get(`/admin/v1/batches/${otherBatchId}`, platformWide)).statusCode).toBe(200);
    expect((await get(`/admin/v1/batches/${batchId}`, {})).statusCode).toBe(401);
  });

  it('refuses malformed ids and list queries with a 400 naming what is wrong', async () => {
    const cases: [string, string][] = [
      ['/admin/v1/batches/not-a-uuid', 'params/id'],
      [`/admin/v1/batches?filter=${q({ id: 'not-a-uuid' })}`, 'querystring/filter'],
      [`/admin/v1/batches?filter=${q({ status: 'paused' })}`, 'querystring/filter'],
      [`/admin/v1/batches?sort=${q(['done', 'ASC'])}`, 'querystring/sort'],
      ['/admin/v1/batches?range=[5,1]', 'querystring/range'],
      ['/admin/v1/batch-results', 'querystring/filter/batchId'],
      [`/admin/v1/batch-results?filter=${q({ batchId: 'nope' })}`, 'querystring/filter'],
      [`/admin/v1/batch-results?filter=${q({ batchId, verdict: 'Maybe!' })}`, 'querystring/filter'],
      [`/admin/v1/batch-results?filter=${q({ batchId, listingId: 'x' })}`, 'querystring/filter'],
      [`/admin/v1/batch-results?filter=${q({ batchId })}&sort=${q(['listingId', 'ASC'])}`, 'querystring/sort'],
      [`/admin/v1/batch-results?filter=${q({ batchId })}&range=null`, 'querystring/range'],
      [`/admin/v1/batch-results?filter=${q({ batchId })}&limit=5`, 'querystring'],
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
