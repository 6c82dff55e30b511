/**
 * One marketplace's bulk work does not hold up another marketplace's interactive work: bulk
 * screening (listing batches, content backfills) runs on the bulk task queue, on a worker with
 * slots of its own (docs/architecture.md, "Bulk and interactive work"), so single listings get their verdicts
 * while the bulk work is still under way, not after it. Asserted on states, never on durations:
 * a slow machine may make everything slower, but not change that order.
 *
 * Listing batches and content backfills take the same batch path: one workflow screening ranges
 * on the bulk queue. Small ranges keep the bulk worker busy for the whole test; the singles of
 * another marketplace are answered while the batch or backfill is still running.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gucci, listing, putBrand, readScreening, submitListing } from './support/listings.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';
import { batchWorkflowId, listingScreeningBatchWorkflowId } from '../workflows/names.ts';

let platform: TestPlatform;
beforeAll(async () => {
  // Small chunks, one at a time: the 419-listing batch and the 400-post backfill stand in for far
  // larger ones, keeping the bulk worker busy for the whole test instead of finishing in seconds.
  platform = await startTestPlatform({ config: { LISTING_BATCH_CHUNK_SIZE: '5', LISTING_BATCH_CHUNKS_IN_FLIGHT: '1', CONTENT_BATCH_CHUNK_SIZE: '5' } });
});
afterAll(async () => {
  await platform?.close();
});

const fixtures = new URL('../fixtures/listing-screening/', import.meta.url);
const brands = JSON.parse(readFileSync(new URL('brands.json', fixtures), 'utf8')) as ({ key: string } & Record<string, unknown>)[];
const labelled = readFileSync(new URL('listings.jsonl', fixtures), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { id: string; listing: Record<string, unknown> });

const ANSWERED = ['awaiting_review', 'completed', 'failed'];
const SINGLES = 4;
const BACKFILL_POSTS = 400;

/**
 * Another marketplace submits text-only single listings at once; for each, what `observe` says of
 * the bulk work at the moment that listing's verdict is there.
 */
async function whenSinglesAnswered<T>(observe: () => Promise<T>): Promise<T[]> {
  const { apiKey } = await platform.createTenant();
  expect((await putBrand(platform, apiKey, 'gucci', gucci)).statusCode).toBe(200);
  const titles = ['Leather tote bag', 'Gucci 1:1 replica bag', 'Gu\u0441ci Marmont bag', 'Canvas weekender bag'];
  const submitted = await Promise.all(Array.from({ length: SINGLES }, (_, index) => submitListing(platform, apiKey, listing({ title: titles[index % titles.length] }))));
  return await Promise.all(
    submitted.map(async (response) => {
      expect(response.statusCode, response.body).toBe(202);
      await expect.poll(async () => ANSWERED.includes((await readScreening(platform, apiKey, response.json().id)).status), { timeout: 60_000, interval: 100 }).toBe(true);
      return await observe();
    }),
  );
}

describe('bulk work of one marketplace and single submissions of another', () => {
  it('answers single listings while a large listing batch is still running', { timeout: 90_000 }, async () => {
    const bulk = await platform.createTenant();
    for (const { key, name, aliases, category, referencePrice, authorizedSellerIds } of brands) {
      expect((await putBrand(platform, bulk.apiKey, key, { name, aliases, category, referencePrice, authorizedSellerIds })).statusCode).toBe(200);
    }
    const lines = labelled.map((entry) => JSON.stringify({ ...entry.listing, listingId: entry.id }));
    const accepted = await platform.app.inject({
      method: 'POST',
      url: '/v1/listing-screening-batches',
      headers: { ...bearer(bulk.apiKey), 'idempotency-key': randomUUID(), 'content-type': 'application/x-ndjson' },
      payload: `${lines.join('\n')}\n`,
    });
    expect(accepted.statusCode, accepted.body).toBe(202);
    const batchUrl = `/v1/listing-screening-batches/${accepted.json().id}`;
    const batch = async () => (await platform.app.inject({ method: 'GET', url: batchUrl, headers: bearer(bulk.apiKey) })).json() as { status: string; done: number; total: number };
    // the batch is under way: its first chunk is screened
    await expect.poll(async () => (await batch()).done, { timeout: 60_000, interval: 200 }).toBeGreaterThan(0);

    const statuses = await whenSinglesAnswered(async () => (await batch()).status);
    expect(statuses).toEqual(Array.from({ length: SINGLES }, () => 'running'));
    const after = await batch();
    expect(after.done).toBeLessThan(after.total);
    // how: the chunks ran on the bulk queue, none on the main worker's
    const handle = platform.temporal.workflow.getHandle(listingScreeningBatchWorkflowId(accepted.json().id));
    const scheduled = ((await handle.fetchHistory()).events ?? []).flatMap((event) => event.activityTaskScheduledEventAttributes?.taskQueue?.name ?? []);
    expect(new Set(scheduled)).toEqual(new Set([platform.config.TEMPORAL_BULK_TASK_QUEUE]));
    // the rest of the batch is not this test's business; stopped so it does not load the next one
    await handle.terminate('test over');
  });

  it('answers single listings while a large content backfill is still running', { timeout: 90_000 }, async () => {
    const bulk = await platform.createTenant();
    const words = 'this serum changed my mornings honestly the glow lasts all day grab yours from the link in my bio before the sale ends'.split(' ');
    const lines = Array.from({ length: BACKFILL_POSTS }, (_, index) =>
      JSON.stringify({
        postId: `backfill-${index}-${uniqueSuffix()}`,
        creatorId: `creator-${index % 25}`,
        postedAt: `2026-11-${String(1 + (index % 28)).padStart(2, '0')}T10:00:00Z`,
        caption: `#ad ${Array.from({ length: 24 }, (_, word) => words[(index * 7 + word * 3) % words.length]).join(' ')}`,
        surface: 'image',
      }),
    );
    const accepted = await platform.app.inject({
      method: 'POST',
      url: '/v1/content-screenings/batches',
      headers: { ...bearer(bulk.apiKey), 'idempotency-key': randomUUID(), 'content-type': 'application/x-ndjson' },
      payload: lines.join('\n'),
    });
    expect(accepted.statusCode, accepted.body).toBe(202);
    expect(accepted.json().accepted).toBe(BACKFILL_POSTS);
    const batchUrl = `/v1/content-screenings/batches/${accepted.json().id}`;
    const backfill = async () => (await platform.app.inject({ method: 'GET', url: batchUrl, headers: bearer(bulk.apiKey) })).json() as { status: string };
    const screened = async () => platform.database.prisma.contentScreening.count({ where: { tenantId: bulk.tenantId, status: { in: ANSWERED } } });
    // the backfill is under way: its first range is screened
    await expect.poll(screened, { timeout: 60_000, interval: 200 }).toBeGreaterThan(0);

    const statuses = await whenSinglesAnswered(async () => (await backfill()).status);
    expect(statuses).toEqual(Array.from({ length: SINGLES }, () => 'running'));
    expect(await screened()).toBeLessThan(BACKFILL_POSTS);
    // how: the backfill's ranges ran on the bulk queue, none on the main worker's
    const handle = platform.temporal.workflow.getHandle(batchWorkflowId('content_screening', accepted.json().id));
    const scheduled = ((await handle.fetchHistory()).events ?? []).flatMap((event) => event.activityTaskScheduledEventAttributes?.taskQueue?.name ?? []);
    expect(new Set(scheduled)).toEqual(new Set([platform.config.TEMPORAL_BULK_TASK_QUEUE]));
    await handle.terminate('test over');
  });
});
