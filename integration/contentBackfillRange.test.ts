/**
 * A content backfill range against PostgreSQL, without a workflow around it: a single submission
 * arriving while a range holds the script index waits for it and then sees the range's posts (as
 * it would see earlier single submissions), and a retried range screens and counts nothing twice.
 */
import { batchProgress } from '../workers/activities/batches.ts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentScreeningParameters } from '../core/contentScreening.ts';
import { contentPostOf, shippedContentPolicy } from '../workers/activities/contentScreening.ts';
import { openRangeCases } from '../workers/activities/cases.ts';
import { contentScreeningBatchCapability } from '../workers/activities/contentScreeningBatch.ts';
import { createPostgresContentStore, lockScriptIndex } from '../workers/contentScreening/postgresStore.ts';
import { screenPost } from '../workers/contentScreening/screenPost.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ worker: false });
});
afterAll(async () => platform?.close());

const parameters = shippedContentPolicy.parameters as unknown as ContentScreeningParameters;
const script = 'Stop scrolling, you need to see this cordless vacuum. I was skeptical at first but the suction blew me away within a week. It is a total game changer for anyone with a busy schedule. My friends tried mine and ordered their own the same night.';
const hour = (index: number) => new Date(Date.UTC(2026, 10, 30, 8 + index));

/** A backfill of `creators.length` posts (the script unless `captions` say otherwise), one an hour, stored as intake stores it. */
async function storedBackfill(tenantId: string, creators: string[], captions: string[] = []) {
  const prisma = platform.database.prisma;
  const batch = await prisma.batch.create({ data: { tenantId, subjectType: 'content_screening', total: creators.length, workflowId: `batch-${randomUUID()}` } });
  for (const [index, creatorId] of creators.entries()) {
    await prisma.contentScreening.create({
      data: {
        tenantId, externalPostId: `post-${index}`, creatorId, postedAt: hour(index), caption: captions[index] ?? `${script} #ad`, surface: 'image', workflowId: `wf-${randomUUID()}`,
        batchId: batch.id, batchLine: index + 1, batchSeq: index + 1,
      },
    });
  }
  return batch.id;
}

/** A marketplace's clusters as partitions of its posts, with their counts and the number merged away. */
async function clustersOf(tenantId: string) {
  const prisma = platform.database.prisma;
  const posts = await prisma.contentScreening.findMany({ where: { tenantId }, select: { externalPostId: true, clusterId: true } });
  const clusters = await prisma.scriptCluster.findMany({ where: { tenantId }, include: { creators: { orderBy: { creatorId: 'asc' } } } });
  return {
    live: clusters
      .filter((cluster) => !cluster.mergedIntoId)
      .map((cluster) => ({
        posts: posts.filter((post) => post.clusterId === cluster.id).map((post) => post.externalPostId).sort().join(),
        postCount: cluster.postCount,
        creatorCount: cluster.creatorCount,
        creators: cluster.creators.map(({ creatorId, posts: count }) => `${creatorId}:${count}`),
      }))
      .sort((left, right) => left.posts.localeCompare(right.posts)),
    merged: clusters.filter((cluster) => cluster.mergedIntoId && clusters.find((target) => target.id === cluster.mergedIntoId)?.mergedIntoId === null && cluster.postCount === 0).length,
    bandKeys: await prisma.contentBandKey.count({ where: { tenantId } }),
  };
}

const screenRange = (batchId: string, throughPosition: number) =>
  contentScreeningBatchCapability({ prisma: platform.database.prisma, pool: platform.database.pool, clock: () => new Date() }).screenRange({
    batchId,
    afterPosition: 0,
    throughPosition,
    progress: (done, failed) => batchProgress(batchId, done, failed),
    openCases: async (runner, cases) => await openRangeCases(runner, { subjectType: 'content_screening', normalSlaSeconds: 3600, now: new Date(), cases }),
    heartbeat: () => undefined,
  });

/** Requests for script-index locks in this database, granted or waiting. */
async function indexLocks(): Promise<{ mode: string; granted: boolean }[]> {
  return await platform.database.prisma.$queryRaw`
    SELECT mode, granted FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2 AND classid = ${0x5c71}::oid AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
}

describe('content backfill ranges in PostgreSQL', () => {
  it('makes a single submission arriving during a range wait for it, then see its posts', { timeout: 60_000 }, async () => {
    const prisma = platform.database.prisma;
    const { tenantId } = await platform.createTenant();
    const batchId = await storedBackfill(tenantId, ['reader-a', 'reader-b', 'reader-c', 'reader-a']);
    const single = await prisma.contentScreening.create({
      data: { tenantId, externalPostId: `post-${uniqueSuffix()}`, creatorId: 'reader-a', postedAt: hour(10), caption: `${script} #ad`, surface: 'image', workflowId: `wf-${randomUUID()}` },
    });

    // Hold the index as a range would, so both queue behind it in a known order: the range, then the single submission.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const taken = new Promise<void>((resolve) => (holding = resolve));
    const holder = prisma.$transaction(async (tx) => {
      await lockScriptIndex(tx, tenantId, 'exclusive');
      holding();
      await held;
    }, { timeout: 30_000 });
    await taken;
    const range = screenRange(batchId, 4);
    await expect.poll(async () => (await indexLocks()).filter((lock) => !lock.granted).length, { timeout: 20_000, interval: 20 }).toBe(1);
    let singleDone = false;
    const screened = screenPost(createPostgresContentStore(prisma, tenantId, single.id), contentPostOf(single), parameters).finally(() => (singleDone = true));
    await expect.poll(async () => (await indexLocks()).filter((lock) => !lock.granted).map((lock) => lock.mode).sort(), { timeout: 20_000, interval: 20 }).toEqual(['ExclusiveLock', 'ShareLock']);
    expect(singleDone).toBe(false);
    release();
    await holder;
    await range;
    const result = await screened;

    // the single submission saw the range's four readings: same cluster, five posts, three creators
    const rangePosts = await prisma.contentScreening.findMany({ where: { batchId } });
    expect(new Set(rangePosts.map((post) => post.clusterId))).toEqual(new Set([result.clusterId]));
    expect(await prisma.scriptCluster.findUniqueOrThrow({ where: { id: result.clusterId! } })).toMatchObject({ postCount: 5, creatorCount: 3 });
    expect(result.signals.map((signal) => signal.code)).toContain('content.shared_script');
    // and reader-a's cadence counts its two backfilled posts before this one
    expect(await prisma.contentCreator.findUniqueOrThrow({ where: { tenantId_creatorId: { tenantId, creatorId: 'reader-a' } } })).toMatchObject({ postCount: 3 });
  });

  it('merges the clusters a post bridges as single screenings do', { timeout: 60_000 }, async () => {
    const prisma = platform.database.prisma;
    const halves = [script.split('. ').slice(0, 2).join('. '), script.split('. ').slice(2).join('. ')];
    const captions = [`${halves[0]}. Extra words about nothing in particular that only this creator wrote today.`, `Another creator opens differently with their own long sentence here. ${halves[1]}`, script, `${script} Honestly!`];
    const creators = ['a', 'b', 'c', 'd'];
    const singles = await platform.createTenant();
    const sent = await storedBackfill(singles.tenantId, creators, captions);
    for (const row of await prisma.contentScreening.findMany({ where: { batchId: sent }, orderBy: { batchSeq: 'asc' } })) {
      await screenPost(createPostgresContentStore(prisma, singles.tenantId, row.id), contentPostOf(row), parameters);
    }
    const backfill = await platform.createTenant();
    await screenRange(await storedBackfill(backfill.tenantId, creators, captions), 4);

    const expected = await clustersOf(singles.tenantId);
    expect(expected.merged).toBe(1);
    expect(expected.live).toEqual([{ posts: 'post-0,post-1,post-2,post-3', postCount: 4, creatorCount: 4, creators: ['a:1', 'b:1', 'c:1', 'd:1'] }]);
    expect(await clustersOf(backfill.tenantId)).toEqual(expected);
  });

  it('screens and counts a retried range once, and hands its escalations back', { timeout: 60_000 }, async () => {
    const prisma = platform.database.prisma;
    const { tenantId } = await platform.createTenant();
    // eleven posts by one creator in eleven hours of one day: a cadence escalation among them
    const batchId = await storedBackfill(tenantId, Array.from({ length: 12 }, () => 'busy-creator'));
    const first = await screenRange(batchId, 12);
    expect(first.escalated.length).toBeGreaterThan(0);
    const before = {
      batch: await prisma.batch.findUniqueOrThrow({ where: { id: batchId } }),
      clusters: await prisma.scriptCluster.findMany({ where: { tenantId }, orderBy: { id: 'asc' } }),
      creator: await prisma.contentCreator.findUniqueOrThrow({ where: { tenantId_creatorId: { tenantId, creatorId: 'busy-creator' } } }),
      verdicts: await prisma.verdictRecord.count({ where: { tenantId } }),
      signals: await prisma.signalRecord.count({ where: { tenantId } }),
    };
    expect(before.batch).toMatchObject({ done: 12, failed: 0 });

    const again = await screenRange(batchId, 12);
    expect(again.escalated).toEqual(first.escalated);
    expect(await prisma.batch.findUniqueOrThrow({ where: { id: batchId } })).toMatchObject({ done: 12, failed: 0 });
    expect(await prisma.scriptCluster.findMany({ where: { tenantId }, orderBy: { id: 'asc' } })).toEqual(before.clusters);
    expect(await prisma.contentCreator.findUniqueOrThrow({ where: { tenantId_creatorId: { tenantId, creatorId: 'busy-creator' } } })).toEqual(before.creator);
    expect(await prisma.verdictRecord.count({ where: { tenantId } })).toBe(before.verdicts);
    expect(await prisma.signalRecord.count({ where: { tenantId } })).toBe(before.signals);
  });
});
