/**
 * A JSON-lines batch of labelled fixture listings on the real API, worker, PostgreSQL and
 * Temporal: progress at the batch's URL, refused lines reported by number, paged results, the
 * escalated listings waiting as cases, and the batch's webhook.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composePicture } from '../fixtures/listing-screening/images/compose.ts';
import { moderatorSession } from './support/console.ts';
import { startImageHost } from './support/imageHost.ts';
import { bearer, putBrand } from './support/listings.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  // chunks smaller than the upload, so progress is seen between them
  platform = await startTestPlatform({ config: { LISTING_BATCH_CHUNK_SIZE: '40' } });
});
afterAll(async () => {
  await platform?.close();
});

const fixtures = new URL('../fixtures/listing-screening/', import.meta.url);
const brands = JSON.parse(readFileSync(new URL('brands.json', fixtures), 'utf8')) as ({ key: string; products: string[] } & Record<string, unknown>)[];
const labelled = readFileSync(new URL('listings.jsonl', fixtures), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { id: string; flagged: boolean; listing: Record<string, unknown> });

describe('listing screening batches', () => {
  it('screens a JSON-lines upload in chunks with visible progress, reports refused lines and pages the results', async () => {
    const { apiKey } = await platform.createTenant();
    for (const brand of brands) {
      const { key, name, aliases, category, referencePrice, authorizedSellerIds } = brand;
      expect((await putBrand(platform, apiKey, key, { name, aliases, category, referencePrice, authorizedSellerIds })).statusCode).toBe(200);
    }
    const sample = labelled.slice(0, 120);
    const lines = sample.map((entry) => JSON.stringify({ listingId: entry.id, ...entry.listing }));
    lines.splice(10, 0, '{"listingId": "broken", ');
    lines.splice(20, 0, JSON.stringify({ listingId: 'no-price', sellerId: 's', title: 't', description: '' }));
    const accepted = await platform.app.inject({
      method: 'POST',
      url: '/v1/listing-screening-batches',
      headers: { ...bearer(apiKey), 'idempotency-key': randomUUID(), 'content-type': 'application/x-ndjson' },
      payload: lines.join('\n') + '\n',
    });
    expect(accepted.statusCode, accepted.body).toBe(202);
    const batch = accepted.json();
    expect(batch).toMatchObject({ status: 'running', total: 122, failed: 2 });
    expect(batch.rejectedLines.map((entry: { line: number }) => entry.line)).toEqual([11, 21]);
    expect(batch.rejectedLines[1].errors[0].field).toMatch(/^line\/21/);

    const seen: number[] = [];
    await expect
      .poll(
        async () => {
          const progress = (await platform.app.inject({ method: 'GET', url: `/v1/listing-screening-batches/${batch.id}`, headers: bearer(apiKey) })).json();
          seen.push(progress.done);
          return progress.status;
        },
        { timeout: 120_000, interval: 500 },
      )
      .toBe('completed');
    const final = (await platform.app.inject({ method: 'GET', url: `/v1/listing-screening-batches/${batch.id}`, headers: bearer(apiKey) })).json();
    expect(final).toMatchObject({ total: 122, done: 120, failed: 2 });
    // progress only grows; whether a poll lands between two ranges is timing, so the ranges are
    // checked in the workflow's history: the 122 lines' positions in ranges of 40, each adding to
    // `done` as it commits
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const history = await platform.temporal.workflow.getHandle((await platform.database.prisma.batch.findUniqueOrThrow({ where: { id: batch.id } })).workflowId).fetchHistory();
    const ranges = (history.events ?? [])
      .map((event) => event.activityTaskScheduledEventAttributes)
      .filter((attributes) => attributes?.activityType?.name === 'screenBatchRange');
    expect(ranges).toHaveLength(Math.ceil(122 / 40));

    const results: { line: number; listingId: string; verdict: { outcome: string | null; automated: { outcome: string } | null }; status: string }[] = [];
    let after: number | null = 0;
    while (after !== null) {
      const page: { items: typeof results; next: number | null } = (await platform.app.inject({ method: 'GET', url: `/v1/listing-screening-batches/${batch.id}/results?limit=50&after=${after}`, headers: bearer(apiKey) })).json();
      results.push(...page.items);
      after = page.next;
    }
    expect(results).toHaveLength(120);
    expect(results.map((item) => item.line)).toEqual([...results.map((item) => item.line)].sort((a, b) => a - b));
    // every listing has its answer: allowed or blocked by the policy, or escalated to a case
    for (const item of results) {
      const expected = sample.find((entry) => entry.id === item.listingId)!;
      expect(item.verdict.outcome === 'allow' ? false : true, `${item.listingId}: ${JSON.stringify(item.verdict)}`).toBe(expected.flagged);
    }
    const escalated = results.filter((item) => item.verdict.automated?.outcome === 'escalate').length;
    // the listings the policy blocked have their statements of reasons, written by their ranges; nothing else has one
    const blockedIds = results.filter((item) => item.verdict.outcome === 'block').map((item) => (item as unknown as { id: string }).id);
    expect(blockedIds.length).toBeGreaterThan(0);
    const statements = await platform.database.prisma.statementOfReasons.findMany({ where: { subjectId: { in: results.map((item) => (item as unknown as { id: string }).id) } } });
    expect(statements.map((row) => row.subjectId).sort()).toEqual([...blockedIds].sort());
    expect(statements.every((row) => row.measure === 'listing_removed' && row.decidedBy === 'policy' && row.automatedDecision === 'fully')).toBe(true);
    for (const item of results.filter((candidate) => candidate.verdict.outcome === 'block')) {
      expect((item.verdict as unknown as { statementOfReasons: { measure: { code: string } } | null }).statementOfReasons?.measure.code).toBe('listing_removed');
    }
    await expect.poll(async () => platform.database.prisma.case.count({ where: { subjectType: 'listing_screening', subjectId: { in: results.map((item) => (item as unknown as { id: string }).id) } } }), { timeout: 60_000 }).toBe(escalated);

    // an escalation's case is opened by its range with the verdict: reasons and signal codes, the
    // listing awaiting review; its own workflow only waits, and a moderator's decision completes it
    const prisma = platform.database.prisma;
    const first = results.find((item) => item.verdict.automated?.outcome === 'escalate') as unknown as { id: string };
    const opened = await prisma.case.findUniqueOrThrow({ where: { subjectType_subjectId: { subjectType: 'listing_screening', subjectId: first.id } } });
    const verdict = await prisma.verdictRecord.findUniqueOrThrow({ where: { subjectType_subjectId: { subjectType: 'listing_screening', subjectId: first.id } } });
    const signals = await prisma.signalRecord.findMany({ where: { subjectType: 'listing_screening', subjectId: first.id }, select: { code: true } });
    expect(opened).toMatchObject({ status: 'open', reasons: verdict.reasons, workflowId: `listing-screening-${first.id}` });
    expect([...opened.signalCodes].sort()).toEqual([...new Set(signals.map((signal) => signal.code))].sort());
    expect((await prisma.listingScreening.findUniqueOrThrow({ where: { id: first.id } })).status).toBe('awaiting_review');
    // the review workflow, once its first task is done: no activity scheduled (it was started beside the batch's next ranges)
    const activitiesOfReview = async () => {
      const events = (await platform.temporal.workflow.getHandle(opened.workflowId).fetchHistory().catch(() => null))?.events ?? [];
      return events.some((event) => event.workflowTaskCompletedEventAttributes) ? events.flatMap((event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? []) : null;
    };
    await expect.poll(activitiesOfReview, { timeout: 60_000, interval: 200 }).toEqual([]);
    const moderator = await moderatorSession(platform);
    const decided = await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${opened.id}/decision`, headers: moderator, payload: { decision: 'block', note: 'a replica, as the listing says' } });
    expect(decided.statusCode, decided.body).toBe(200);
    await expect.poll(async () => (await prisma.listingScreening.findUniqueOrThrow({ where: { id: first.id } })).status, { timeout: 60_000, interval: 200 }).toBe('completed');
    expect(await prisma.listingScreening.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ finalVerdict: 'block', decidedBy: 'moderator' });
    expect(await prisma.statementOfReasons.findMany({ where: { subjectId: first.id } })).toMatchObject([{ measure: 'listing_removed', decidedBy: 'moderator', caseId: opened.id }]);
    expect(await prisma.case.findUniqueOrThrow({ where: { id: opened.id } })).toMatchObject({ status: 'decided' });
  }, 300_000);

  it('refuses a batch with no usable line, and a body that is not JSON lines', async () => {
    const { apiKey } = await platform.createTenant();
    const post = (payload: string, type = 'application/x-ndjson') =>
      platform.app.inject({ method: 'POST', url: '/v1/listing-screening-batches', headers: { ...bearer(apiKey), 'idempotency-key': randomUUID(), 'content-type': type }, payload });
    const nothing = await post('not json\n{"also": "wrong"}\n');
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().code).toBe('validation-failed');
    const json = await post('{"listings": []}', 'application/json');
    expect(json.statusCode).toBe(415);
    const foreign = await platform.createTenant();
    expect((await platform.app.inject({ method: 'GET', url: `/v1/listing-screening-batches/${randomUUID()}`, headers: bearer(foreign.apiKey) })).statusCode).toBe(404);
  });

  it('fetches and fingerprints the pictures of a range, and screens a listing whose picture cannot be had as such', async () => {
    const { apiKey } = await platform.createTenant();
    const host = await startImageHost({ 'good.jpg': await composePicture(41) });
    try {
      const base = { sellerId: 'seller-pictures', description: 'Plain cotton tote bag, 40 x 35 cm.', price: { amount: 12, currency: 'USD' } };
      const lines = [
        { listingId: 'with-picture', title: 'Canvas tote', ...base, images: [{ url: `${host.base}/good.jpg` }] },
        { listingId: 'picture-gone', title: 'Canvas tote, blue', ...base, images: [{ url: `${host.base}/missing.jpg` }] },
        { listingId: 'no-picture', title: 'Canvas tote, green', ...base },
      ];
      const accepted = await platform.app.inject({
        method: 'POST',
        url: '/v1/listing-screening-batches',
        headers: { ...bearer(apiKey), 'idempotency-key': randomUUID(), 'content-type': 'application/x-ndjson' },
        payload: lines.map((line) => JSON.stringify(line)).join('\n'),
      });
      expect(accepted.statusCode, accepted.body).toBe(202);
      const { id } = accepted.json();
      await expect
        .poll(async () => (await platform.app.inject({ method: 'GET', url: `/v1/listing-screening-batches/${id}`, headers: bearer(apiKey) })).json().status, { timeout: 120_000, interval: 300 })
        .toBe('completed');
      const screenings = await platform.database.prisma.listingScreening.findMany({ where: { batchId: id }, include: { images: { include: { fingerprints: true } } } });
      const byListing = new Map(screenings.map((screening) => [screening.listingId, screening]));
      expect(byListing.get('with-picture')!.images[0]).toMatchObject({ status: 'stored' });
      expect(byListing.get('with-picture')!.images[0]!.fingerprints.length).toBeGreaterThan(0);
      expect(byListing.get('picture-gone')!.images[0]).toMatchObject({ status: 'failed' });
      const signals = await platform.database.prisma.signalRecord.findMany({ where: { subjectId: { in: screenings.map((screening) => screening.id) } } });
      const codesOf = (listingId: string) => signals.filter((signal) => signal.subjectId === byListing.get(listingId)!.id).map((signal) => signal.code);
      expect(codesOf('picture-gone')).toContain('listing.image_unavailable');
      expect(codesOf('with-picture')).not.toContain('listing.image_unavailable');
      expect(codesOf('no-picture')).not.toContain('listing.image_unavailable');
      // every listing settled by the policy or handed to its own workflow, with one verdict each
      for (const screening of screenings) expect(['completed', 'screening', 'awaiting_review']).toContain(screening.status);
      expect(await platform.database.prisma.verdictRecord.count({ where: { subjectId: { in: screenings.map((screening) => screening.id) } } })).toBe(3);
    } finally {
      await host.close();
    }
  }, 180_000);
});
