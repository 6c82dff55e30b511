/**
 * The content-screening store in memory, for the evaluation and the benchmark's baseline: the same
 * screenPost code runs over it as over PostgreSQL (band-key map, clusters, creators' state), one
 * post at a time (no locks needed).
 */
import type { ScriptPosting } from '../../workers/detectors/contentCoordination/index.ts';
import type { ClusterSummary, ContentScreeningStore, CreatorState, ScreeningResult, StoredCandidate } from '../../workers/contentScreening/screenPost.ts';

const REPRESENTATIVES_PER_CLUSTER = 20;

interface MemoryPost extends StoredCandidate {
  promotedSellerId: string | null;
}

export function createMemoryContentStore() {
  const bands = new Map<string, string[]>();
  const posts = new Map<string, MemoryPost>();
  const clusters = new Map<string, { id: string; createdAt: Date; postIds: string[]; mergedInto: string | null }>();
  const creators = new Map<string, CreatorState>();
  const results = new Map<string, ScreeningResult>();
  let clusterSequence = 0;

  const resolve = (clusterId: string): string => {
    let id = clusterId;
    while (clusters.get(id)!.mergedInto) id = clusters.get(id)!.mergedInto!;
    return id;
  };

  const store: ContentScreeningStore = {
    async transaction(_scope, work) {
      return await work({
        async candidates(keys, limit) {
          const shared = new Map<string, number>();
          for (const key of keys) for (const postId of bands.get(key) ?? []) shared.set(postId, (shared.get(postId) ?? 0) + 1);
          return [...shared.entries()]
            .sort((left, right) => right[1] - left[1])
            .slice(0, limit)
            .map(([postId]) => {
              const post = posts.get(postId)!;
              const clusterId = resolve(post.clusterId);
              return { ...post, clusterId, clusterCreatedAt: clusters.get(clusterId)!.createdAt };
            });
        },
        async savePost({ post, shingles, paraphrase, bandKeys, assignment }) {
          if (!assignment) return null;
          let clusterId = assignment.clusterId;
          if (!clusterId) {
            clusterId = `cluster-${(clusterSequence += 1)}`;
            clusters.set(clusterId, { id: clusterId, createdAt: new Date(clusterSequence), postIds: [], mergedInto: null });
          }
          const cluster = clusters.get(clusterId)!;
          for (const merged of assignment.mergedClusterIds) {
            const absorbed = clusters.get(merged)!;
            cluster.postIds.push(...absorbed.postIds);
            for (const id of absorbed.postIds) posts.get(id)!.clusterId = clusterId;
            absorbed.postIds = [];
            absorbed.mergedInto = clusterId;
          }
          const text = [post.caption, post.transcript ?? '', post.onScreenText ?? ''].filter(Boolean).join('\n');
          posts.set(post.id, { postId: post.id, externalPostId: post.externalPostId, clusterId, clusterCreatedAt: cluster.createdAt, creatorId: post.creatorId, shingles: [...shingles], paraphrase: () => paraphrase, postedAt: post.postedAt, text, promotedSellerId: post.promotedSellerId });
          if (cluster.postIds.length < REPRESENTATIVES_PER_CLUSTER) for (const key of bandKeys) bands.set(key, [...(bands.get(key) ?? []), post.id]);
          cluster.postIds.push(post.id);
          const members = cluster.postIds.map((id) => posts.get(id)!);
          const times = members.map((member) => member.postedAt.getTime());
          return { id: clusterId, postCount: members.length, creators: [...new Set(members.map((member) => member.creatorId))], firstSeenAt: new Date(Math.min(...times)).toISOString(), lastSeenAt: new Date(Math.max(...times)).toISOString() } satisfies ClusterSummary;
        },
        async creator(creatorId) {
          return creators.get(creatorId) ?? null;
        },
        async saveCreator(creatorId, state) {
          creators.set(creatorId, state);
        },
        async scriptPostings(creatorId, since, maxScripts): Promise<ScriptPosting[]> {
          const own = [...posts.values()].filter((post) => post.creatorId === creatorId && post.postedAt >= since);
          const scriptIds = [...new Set(own.sort((left, right) => right.postedAt.getTime() - left.postedAt.getTime()).map((post) => resolve(post.clusterId)))].slice(0, maxScripts);
          return scriptIds.flatMap((id) =>
            clusters.get(id)!.postIds.map((postId) => posts.get(postId)!).filter((post) => post.postedAt >= since).map((post) => ({ clusterId: id, creatorId: post.creatorId, postedAt: post.postedAt.toISOString(), promotedSellerId: post.promotedSellerId })),
          );
        },
        async recordResult(result) {
          results.set(String(results.size), result);
        },
      });
    },
  };
  return { store, clusterOf: (postId: string) => (posts.has(postId) ? resolve(posts.get(postId)!.clusterId) : null), bands };
}
