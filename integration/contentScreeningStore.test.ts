/**
 * The script index in PostgreSQL under concurrency: posts of one script screened at the same
 * moment (no workflow in between) must end in one cluster, with exact counts, and a retried
 * screening must change nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedContentPolicy } from '../workers/activities/contentScreening.ts';
import { AlreadyScreenedError, createPostgresContentStore } from '../workers/contentScreening/postgresStore.ts';
import { screenPost, type ContentPost } from '../workers/contentScreening/screenPost.ts';
import type { ContentScreeningParameters } from '../core/contentScreening.ts';
import { BANDS } from '../workers/detectors/contentScript/minhash.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ worker: false });
});
afterAll(async () => platform?.close());

const parameters = shippedContentPolicy.parameters as unknown as ContentScreeningParameters;
const script = 'Stop scrolling, you need to see this cordless vacuum. I was skeptical at first but the suction blew me away within a week. It is a total game changer for anyone with a busy schedule. My friends tried mine and ordered their own the same night.';

async function storedPost(tenantId: string, creatorId: string, caption: string): Promise<ContentPost> {
  const row = await platform.database.prisma.contentScreening.create({
    data: { tenantId, externalPostId: `post-${uniqueSuffix()}`, creatorId, postedAt: new Date('2026-11-30T12:00:00Z'), caption, surface: 'image', workflowId: `wf-${randomUUID()}` },
  });
  return { id: row.id, externalPostId: row.externalPostId, creatorId, postedAt: row.postedAt, caption, transcript: null, onScreenText: null, hashtags: [], promotedListingId: null, promotedSellerId: null, affiliateLink: false, platformPaidLabel: false, surface: 'image' };
}

describe('content script index in PostgreSQL', () => {
  it('puts eight readings of one script screened at once into one cluster, counting each once', async () => {
    const { tenantId } = await platform.createTenant();
    const posts = await Promise.all(Array.from({ length: 8 }, (_, index) => storedPost(tenantId, `creator-${index}`, index % 2 ? `${script} Honestly!` : script)));
    const results = await Promise.all(posts.map((post) => screenPost(createPostgresContentStore(platform.database.prisma, tenantId, post.id), post, parameters)));
    expect(new Set(results.map((result) => result.clusterId)).size).toBe(1);
    const cluster = await platform.database.prisma.scriptCluster.findUniqueOrThrow({ where: { id: results[0]!.clusterId! } });
    expect(cluster).toMatchObject({ postCount: 8, creatorCount: 8, mergedIntoId: null });
    expect(results.filter((result) => result.signals.some((signal) => signal.code === 'content.shared_script'))).toHaveLength(7);
    // Band keys are kept for the cluster's posts (all eight are within the representatives): the
    // shingles' bands only, as the posts promote no seller (the paraphrase bands are a seller's).
    expect(await platform.database.prisma.contentBandKey.count({ where: { tenantId } })).toBe(8 * BANDS);

    // A retry of a screened post changes nothing.
    await expect(screenPost(createPostgresContentStore(platform.database.prisma, tenantId, posts[0]!.id), posts[0]!, parameters)).rejects.toBeInstanceOf(AlreadyScreenedError);
    expect((await platform.database.prisma.scriptCluster.findUniqueOrThrow({ where: { id: cluster.id } })).postCount).toBe(8);
    expect((await platform.database.prisma.contentCreator.findUniqueOrThrow({ where: { tenantId_creatorId: { tenantId, creatorId: 'creator-0' } } })).postCount).toBe(1);
  });

  it('merges two clusters a post bridges into the older one, whose id stays and answers for both', async () => {
    const { tenantId } = await platform.createTenant();
    const halfA = script.split('. ').slice(0, 2).join('. ');
    const halfB = script.split('. ').slice(2).join('. ');
    const first = await storedPost(tenantId, 'a', `${halfA}. Extra words about nothing in particular that only this creator wrote today.`);
    const second = await storedPost(tenantId, 'b', `Another creator opens differently with their own long sentence here. ${halfB}`);
    const store = (post: ContentPost) => createPostgresContentStore(platform.database.prisma, tenantId, post.id);
    const one = await screenPost(store(first), first, parameters);
    const two = await screenPost(store(second), second, parameters);
    expect(one.clusterId).not.toBe(two.clusterId);
    const bridge = await storedPost(tenantId, 'c', script);
    const joined = await screenPost(store(bridge), bridge, parameters);
    expect(joined.clusterId).toBe(one.clusterId);
    const absorbed = await platform.database.prisma.scriptCluster.findUniqueOrThrow({ where: { id: two.clusterId! } });
    expect(absorbed.mergedIntoId).toBe(one.clusterId);
    const kept = await platform.database.prisma.scriptCluster.findUniqueOrThrow({ where: { id: one.clusterId! } });
    expect(kept).toMatchObject({ postCount: 3, creatorCount: 3 });
    expect(await platform.database.prisma.contentScreening.count({ where: { clusterId: one.clusterId } })).toBe(3);
  });
});
