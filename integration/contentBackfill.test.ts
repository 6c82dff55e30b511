/**
 * Content backfills on the batch path: the posts are stored at intake and screened by one batch
 * workflow in time order, a range at a time in memory, so a backfill ends where the same posts sent
 * one by one (in time order) end: the same outcomes, signals, disclosure classes, the same script
 * clusters with the same counts, creators and dates, the same index rows and the same creators'
 * cadence and praise state. Only escalations get a review-only workflow and case; the batch sends
 * one completed webhook with counts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContentSet } from '../scripts/eval/contentEvaluation.ts';
import { batchWorkflowId, contentScreeningWorkflowId } from '../workflows/names.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  // small ranges, so the backfill spans several chunks and a continue-as-new
  platform = await startTestPlatform({ config: { CONTENT_BATCH_CHUNK_SIZE: '7' } });
});
afterAll(async () => {
  await platform?.close();
});

const POSTS = 100;
// the holdout stream's middle: script readers, the agency's coordinated scripts and a surge, honest posts between
const FIRST = 150;
const ANSWERED = ['awaiting_review', 'completed', 'failed'];

type Screening = {
  id: string;
  postId: string;
  status: string;
  verdict: {
    outcome: string | null;
    automated: { outcome: string } | null;
    review: { caseId: string } | null;
    signals: { code: string; severity: string }[];
    statementOfReasons: { measure: { code: string }; decidedBy: string } | null;
  };
  disclosure: string | null;
  scriptClusterId: string | null;
};

const auth = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });

/** What must be equal, per post (cluster ids differ between marketplaces: compared as a partition below). */
const outcomeOf = (screening: Screening) => ({
  status: screening.status,
  outcome: screening.verdict.outcome,
  verdict: screening.verdict.automated?.outcome ?? null,
  signals: screening.verdict.signals.map((signal) => `${signal.code}:${signal.severity}`).sort(),
  disclosure: screening.disclosure,
  reviewed: screening.verdict.review !== null,
});

/** The posts grouped by script cluster: each group's post ids, sorted. */
const clustersOf = (screenings: Screening[]) => {
  const groups = new Map<string, string[]>();
  for (const screening of screenings) if (screening.scriptClusterId) groups.set(screening.scriptClusterId, [...(groups.get(screening.scriptClusterId) ?? []), screening.postId]);
  return [...groups.values()].map((group) => group.sort().join(',')).sort();
};

describe('content backfills on the batch path', () => {
  it('ends as the same posts sent one by one in time order: outcomes, signals and clusters', { timeout: 360_000 }, async () => {
    const suffix = uniqueSuffix();
    const posts = loadContentSet('holdout')
      .slice(FIRST, FIRST + POSTS)
      .map(({ post }) => ({ ...post, postId: `${String(post.postId)}-${suffix}` }) as Record<string, unknown> & { postId: string; postedAt: string });
    // the upload is not in time order: the newest post first
    const upload = [...posts].sort((left, right) => right.postedAt.localeCompare(left.postedAt) || right.postId.localeCompare(left.postId));
    expect(upload.map((post) => post.postedAt)).not.toEqual([...upload.map((post) => post.postedAt)].sort());

    // One by one in the order a backfill screens: postedAt, then upload line.
    const singles = await platform.createTenant();
    const inTimeOrder = upload.map((post, index) => ({ post, line: index + 1 })).sort((left, right) => left.post.postedAt.localeCompare(right.post.postedAt) || left.line - right.line);
    const singleIds = new Map<string, string>();
    for (const { post } of inTimeOrder) {
      const response = await platform.app.inject({ method: 'POST', url: '/v1/content-screenings?wait=30', headers: { ...auth(singles.apiKey), 'idempotency-key': randomUUID() }, payload: post });
      expect([200, 202], response.body).toContain(response.statusCode);
      singleIds.set(post.postId, response.json().id);
      await expect.poll(async () => ANSWERED.includes((await read(singles.apiKey, response.json().id)).status), { timeout: 30_000, interval: 50 }).toBe(true);
    }

    // The same posts as one backfill, to another marketplace.
    const backfill = await platform.createTenant();
    const accepted = await platform.app.inject({
      method: 'POST',
      url: '/v1/content-screenings/batches',
      headers: { ...auth(backfill.apiKey), 'idempotency-key': randomUUID(), 'content-type': 'application/x-ndjson' },
      payload: upload.map((post) => JSON.stringify(post)).join('\n'),
    });
    expect(accepted.statusCode, accepted.body).toBe(202);
    expect(accepted.json()).toMatchObject({ lines: POSTS, accepted: POSTS, refused: [], status: 'running' });
    const batchUrl = `/v1/content-screenings/batches/${accepted.json().id}`;
    await expect.poll(async () => (await platform.app.inject({ method: 'GET', url: batchUrl, headers: auth(backfill.apiKey) })).json().status, { timeout: 120_000, interval: 200 }).toBe('completed');

    const results: (Screening & { line: number })[] = [];
    for (let after: number | null = 0; after !== null; ) {
      const page: { statusCode: number; body: string; json: () => { items: (Screening & { line: number })[]; next: number | null } } = await platform.app.inject({ method: 'GET', url: `${batchUrl}/results?after=${after}&limit=50`, headers: auth(backfill.apiKey) });
      expect(page.statusCode, page.body).toBe(200);
      results.push(...page.json().items);
      after = page.json().next;
    }
    expect(results.map((item) => item.line)).toEqual(upload.map((_, index) => index + 1));
    // escalations open their case from their review-only workflow; wait for them as the singles did
    const backfilled = await Promise.all(results.map(async (item) => (item.verdict.automated?.outcome === 'escalate' ? await answeredWithCase(backfill.apiKey, item.id) : item)));
    const sent = await Promise.all(posts.map(async (post) => await read(singles.apiKey, singleIds.get(post.postId)!)));

    const byPost = (screenings: Screening[]) => Object.fromEntries(screenings.map((screening) => [screening.postId, outcomeOf(screening)]));
    expect(byPost(backfilled)).toEqual(byPost(sent));
    expect(clustersOf(backfilled)).toEqual(clustersOf(sent));
    // the posts a range restricted have the statements of reasons the singles' workflows wrote
    const statementsOf = (screenings: Screening[]) => Object.fromEntries(screenings.map((screening) => [screening.postId, screening.verdict.statementOfReasons?.measure.code ?? null]));
    expect(statementsOf(backfilled)).toEqual(statementsOf(sent));
    for (const screening of backfilled) expect(screening.verdict.statementOfReasons !== null, screening.postId).toBe(['label', 'takedown_request'].includes(screening.verdict.outcome ?? ''));
    // what the next posts will be screened against: clusters, the index and the creators' state
    const [backfillIndex, singlesIndex] = await Promise.all([indexStateOf(backfill.tenantId), indexStateOf(singles.tenantId)]);
    expect(backfillIndex).toEqual(singlesIndex);
    expect(Object.values(singlesIndex.bandKeys).some((count) => count > 0)).toBe(true);
    // only escalations have a workflow of their own
    const notEscalated = backfilled.filter((item) => item.verdict.automated?.outcome !== 'escalate');
    expect(notEscalated.length).toBeGreaterThan(0);
    for (const item of notEscalated) await expect(platform.temporal.workflow.getHandle(contentScreeningWorkflowId(item.id)).describe()).rejects.toThrow();
    // the comparison is worth something: scripts shared by several posts, and posts escalated
    expect(clustersOf(sent).some((group) => group.includes(','))).toBe(true);
    expect(sent.some((screening) => screening.verdict.automated?.outcome === 'escalate')).toBe(true);
    expect(sent.some((screening) => screening.verdict.automated?.outcome !== 'escalate')).toBe(true);

    // one completed webhook event for the batch, with its counts; the review workflows are the posts' own
    const events = await platform.database.prisma.webhookEvent.findMany({ where: { tenantId: backfill.tenantId, type: 'content_screening_batch.completed' } });
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ batchId: accepted.json().id, total: POSTS, done: POSTS, failed: 0 });
    const history = await platform.temporal.workflow.getHandle(batchWorkflowId('content_screening', accepted.json().id)).fetchHistory();
    const scheduled = (history.events ?? []).flatMap((event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
    expect(scheduled).toContain('finishBatch');
  });

  it('refuses a post already screened, and one twice in the upload, by line; stores and screens the rest', { timeout: 60_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    const post = (postId: string) => ({ postId, creatorId: `creator-${uniqueSuffix()}`, postedAt: '2026-11-30T10:00:00Z', caption: '#ad my honest pick this week', surface: 'image' });
    const earlier = post(`post-${uniqueSuffix()}`);
    expect((await platform.app.inject({ method: 'POST', url: '/v1/content-screenings?wait=10', headers: { ...auth(apiKey), 'idempotency-key': randomUUID() }, payload: earlier })).statusCode).toBe(200);
    const fresh = post(`post-${uniqueSuffix()}`);
    const response = await platform.app.inject({
      method: 'POST',
      url: '/v1/content-screenings/batches',
      headers: { ...auth(apiKey), 'idempotency-key': randomUUID(), 'content-type': 'application/x-ndjson' },
      payload: [fresh, earlier, fresh].map((line) => JSON.stringify(line)).join('\n'),
    });
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toMatchObject({ lines: 3, accepted: 1, refused: [{ line: 2, code: 'post-already-screened', errors: [{ field: 'line/2/postId' }] }, { line: 3, code: 'post-already-screened' }] });
    const url = `/v1/content-screenings/batches/${response.json().id}`;
    await expect.poll(async () => (await platform.app.inject({ method: 'GET', url, headers: auth(apiKey) })).json().done, { timeout: 30_000 }).toBe(true);

    // a batch whose every line is taken already stores nothing and says why
    const again = await platform.app.inject({
      method: 'POST',
      url: '/v1/content-screenings/batches',
      headers: { ...auth(apiKey), 'idempotency-key': randomUUID(), 'content-type': 'application/x-ndjson' },
      payload: JSON.stringify(earlier),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'post-already-screened', errors: [{ field: 'line/1/postId' }] });

    // a post whose screening failed is taken again: the failed screening gives way to the batch's
    const prisma = platform.database.prisma;
    const failed = await prisma.contentScreening.findFirstOrThrow({ where: { externalPostId: earlier.postId } });
    await prisma.contentScreening.update({ where: { id: failed.id }, data: { status: 'failed' } });
    const retried = await platform.app.inject({
      method: 'POST',
      url: '/v1/content-screenings/batches',
      headers: { ...auth(apiKey), 'idempotency-key': randomUUID(), 'content-type': 'application/x-ndjson' },
      payload: JSON.stringify(earlier),
    });
    expect(retried.statusCode, retried.body).toBe(202);
    expect(retried.json()).toMatchObject({ lines: 1, accepted: 1, refused: [] });
    const replacement = await prisma.contentScreening.findFirstOrThrow({ where: { externalPostId: earlier.postId } });
    expect(replacement.id).not.toBe(failed.id);
    expect(replacement.batchId).toBe(retried.json().id);
  });
});

/** A marketplace's script index and creators' state, keyed by what both marketplaces share (post and creator ids). */
async function indexStateOf(tenantId: string) {
  const prisma = platform.database.prisma;
  const posts = await prisma.contentScreening.findMany({ where: { tenantId }, select: { id: true, externalPostId: true, clusterId: true } });
  const postIdOf = new Map(posts.map((post) => [post.id, post.externalPostId]));
  const clusters = await prisma.scriptCluster.findMany({ where: { tenantId }, include: { creators: true } });
  const live = clusters
    .filter((cluster) => cluster.mergedIntoId === null)
    .map((cluster) => ({
      posts: posts.filter((post) => post.clusterId === cluster.id).map((post) => post.externalPostId).sort(),
      postCount: cluster.postCount,
      creatorCount: cluster.creatorCount,
      firstSeenAt: cluster.firstSeenAt,
      lastSeenAt: cluster.lastSeenAt,
      creators: cluster.creators.map(({ creatorId, posts: count, firstSeenAt, lastSeenAt }) => ({ creatorId, count, firstSeenAt, lastSeenAt })).sort((left, right) => left.creatorId.localeCompare(right.creatorId)),
    }))
    .sort((left, right) => left.posts.join().localeCompare(right.posts.join()));
  const merged = clusters.filter((cluster) => cluster.mergedIntoId !== null);
  // a merged cluster points at a live one and keeps no counts
  expect(merged.filter((cluster) => !(clusters.find((target) => target.id === cluster.mergedIntoId)?.mergedIntoId === null && cluster.postCount === 0 && cluster.creators.length === 0))).toEqual([]);
  const bandKeys: Record<string, number> = {};
  for (const row of await prisma.contentBandKey.groupBy({ by: ['screeningId'], where: { tenantId }, _count: true })) bandKeys[postIdOf.get(row.screeningId)!] = row._count;
  const creators = (await prisma.contentCreator.findMany({ where: { tenantId }, orderBy: { creatorId: 'asc' } })).map(({ creatorId, cadence, praiseWeek, postCount, clearDisclosures }) => ({ creatorId, cadence, praiseWeek, postCount, clearDisclosures }));
  return { live, merged: merged.length, bandKeys, creators };
}

async function read(apiKey: string, id: string): Promise<Screening> {
  const response = await platform.app.inject({ method: 'GET', url: `/v1/content-screenings/${id}`, headers: auth(apiKey) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function answeredWithCase(apiKey: string, id: string): Promise<Screening> {
  let latest: Screening | undefined;
  await expect.poll(async () => (latest = await read(apiKey, id)).verdict.review !== null && latest.status === 'awaiting_review', { timeout: 60_000, interval: 100 }).toBe(true);
  return latest!;
}
