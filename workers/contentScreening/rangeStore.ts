/**
 * The script index, clusters and creators' state a backfill range can reach, in memory: read once
 * from PostgreSQL (rangeState.ts), screened post after post by the same `screenPost` as a single
 * submission, and written back with a few set-based statements. Every answer mirrors
 * postgresStore.ts statement for statement (candidates by shared band keys, the first
 * REPRESENTATIVES_PER_CLUSTER posts of a cluster indexed, merges into the oldest cluster, creator
 * rows kept as JSON, postings of the creator's scripts in the window), so a post sees the posts
 * before it in the range exactly as it would had each been committed on its own.
 *
 * What it cannot answer is what the snapshot did not read: the snapshot holds every post sharing a
 * band key with a post of the range, the clusters of those posts and of the range's creators' posts
 * since the earliest coordination window, those clusters' posts in that window, and the creators'
 * rows (rangeState.ts reads exactly that).
 */
import type { Paraphrase } from '../detectors/contentScript/paraphrase.ts';
import { randomUUID } from 'node:crypto';
import type { ScriptPosting } from '../detectors/contentCoordination/index.ts';
import { LISTED_CREATORS, MAX_POSTINGS, REPRESENTATIVES_PER_CLUSTER, toSigned, toUnsigned } from './postgresStore.ts';
import type { ClusterSummary, ContentPost, ContentScreeningStore, CreatorState, ScreeningResult, ScriptIndexTransaction, StoredCandidate } from './screenPost.ts';

/** A clustered post as the index knows it (shingles and text only for band-key holders, the only possible candidates). */
export interface IndexedPost {
  postId: string;
  externalPostId: string;
  creatorId: string;
  postedAt: Date;
  promotedSellerId: string | null;
  clusterId: string;
  shingles: readonly number[] | null;
  /** paraphrase features (paraphrase.ts), beside the shingles, worked out when first asked */
  paraphrase: (() => Paraphrase) | null;
  text: string | null;
}

export interface ClusterCreator {
  posts: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface ClusterState {
  id: string;
  createdAt: Date;
  postCount: number;
  creatorCount: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  mergedIntoId: string | null;
  creators: Map<string, ClusterCreator>;
}

/** A content_creators row as stored (JSON columns). */
export interface CreatorRow {
  cadence: unknown;
  praiseWeek: unknown;
}

export interface RangeSnapshot {
  /** band key → the screenings indexed under it, in the order they were read */
  bandKeys: Map<string, string[]>;
  posts: IndexedPost[];
  clusters: ClusterState[];
  creators: Map<string, CreatorRow>;
  /** a cluster made in the range is created at this instant or later (after every cluster read, so it is the younger in a merge) */
  newClustersFrom: Date;
}

/** What the range changed, for the set-based writes. */
export interface RangeChanges {
  /** clusters created or changed, as they end (merged ones with their final target) */
  clusters: (ClusterState & { created: boolean })[];
  /** rows of script_cluster_creators to write as they end (clusters still live) */
  clusterCreators: { clusterId: string; creatorId: string; creator: ClusterCreator }[];
  /** clusters folded into another during the range, with the cluster that answers for them now */
  merged: { id: string; into: string }[];
  bandKeys: { bandKey: string; screeningId: string }[];
  /** screened posts: their cluster (final), shingles as stored and result */
  posts: { postId: string; clusterId: string | null; shingles: number[]; result: ScreeningResult }[];
  creators: { creatorId: string; row: CreatorRow; state: CreatorState }[];
}

const textOf = (post: ContentPost) => [post.caption, post.transcript ?? '', post.onScreenText ?? ''].filter(Boolean).join('\n');
/** what PostgreSQL gives back of a JSON value */
const asStored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function createRangeStore(snapshot: RangeSnapshot) {
  const bands = new Map([...snapshot.bandKeys].map(([key, ids]) => [key, [...ids]]));
  const posts = new Map(snapshot.posts.map((post) => [post.postId, { ...post }]));
  const clusters = new Map(snapshot.clusters.map((cluster) => [cluster.id, { ...cluster, creators: new Map([...cluster.creators].map(([id, row]) => [id, { ...row }])), created: false }]));
  const creators = new Map(snapshot.creators);
  const members = new Map<string, string[]>();
  const ownPosts = new Map<string, string[]>();
  const touchedClusters = new Set<string>();
  const touchedCreators = new Set<string>();
  /** script_cluster_creators rows changed: cluster → creators */
  const touchedRows = new Map<string, Set<string>>();
  const touchRow = (clusterId: string, creatorId: string) => {
    const row = touchedRows.get(clusterId);
    if (row) row.add(creatorId);
    else touchedRows.set(clusterId, new Set([creatorId]));
  };
  const merged = new Set<string>();
  const newBandKeys: RangeChanges['bandKeys'] = [];
  const screened = new Map<string, RangeChanges['posts'][number]>();
  const savedCreators = new Map<string, CreatorState>();
  let nextCreatedAt = snapshot.newClustersFrom.getTime();

  const resolve = (clusterId: string): string => {
    let id = clusterId;
    for (let next = clusters.get(id)?.mergedIntoId; next; next = clusters.get(id)?.mergedIntoId) id = next;
    return id;
  };
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const post of posts.values()) {
    push(members, resolve(post.clusterId), post.postId);
    push(ownPosts, post.creatorId, post.postId);
  }

  const clusterOf = (id: string) => {
    const cluster = clusters.get(id);
    if (!cluster) throw new Error(`script cluster ${id} is not in the range's snapshot`);
    return cluster;
  };

  /** mergeClusters in postgresStore.ts: posts, creators and counts move; the old ids point at the target */
  const mergeInto = (targetId: string, mergedIds: readonly string[]) => {
    if (mergedIds.length === 0) return;
    const target = clusterOf(targetId);
    for (const id of mergedIds) {
      const absorbed = clusterOf(id);
      target.postCount += absorbed.postCount;
      if (absorbed.firstSeenAt < target.firstSeenAt) target.firstSeenAt = absorbed.firstSeenAt;
      if (absorbed.lastSeenAt > target.lastSeenAt) target.lastSeenAt = absorbed.lastSeenAt;
      for (const [creatorId, row] of absorbed.creators) {
        const into = target.creators.get(creatorId);
        if (!into) target.creators.set(creatorId, { ...row });
        else target.creators.set(creatorId, { posts: into.posts + row.posts, firstSeenAt: row.firstSeenAt < into.firstSeenAt ? row.firstSeenAt : into.firstSeenAt, lastSeenAt: row.lastSeenAt > into.lastSeenAt ? row.lastSeenAt : into.lastSeenAt });
        touchRow(targetId, creatorId);
      }
      absorbed.creators = new Map();
      for (const postId of members.get(id) ?? []) {
        posts.get(postId)!.clusterId = targetId;
        push(members, targetId, postId);
      }
      members.delete(id);
      absorbed.mergedIntoId = targetId;
      absorbed.postCount = 0;
      absorbed.creatorCount = 0;
      merged.add(id);
      touchedClusters.add(id);
    }
    for (const cluster of clusters.values()) if (cluster.mergedIntoId && mergedIds.includes(cluster.mergedIntoId)) cluster.mergedIntoId = targetId;
    touchedClusters.add(targetId);
  };

  const summaryOf = (cluster: ClusterState): ClusterSummary => ({
    id: cluster.id,
    postCount: cluster.postCount,
    creators: [...cluster.creators.entries()]
      .sort((left, right) => left[1].firstSeenAt.getTime() - right[1].firstSeenAt.getTime())
      .slice(0, LISTED_CREATORS)
      .map(([creatorId]) => creatorId),
    firstSeenAt: cluster.firstSeenAt.toISOString(),
    lastSeenAt: cluster.lastSeenAt.toISOString(),
  });

  const transactionFor = (post: ContentPost): ScriptIndexTransaction => ({
    async candidates(keys, limit) {
      const shared = new Map<string, number>();
      for (const key of keys) for (const postId of bands.get(key) ?? []) shared.set(postId, (shared.get(postId) ?? 0) + 1);
      return [...shared.entries()]
        .sort((left, right) => right[1] - left[1])
        .slice(0, limit)
        .map(([postId]): StoredCandidate => {
          const candidate = posts.get(postId);
          if (!candidate?.shingles || candidate.text === null) throw new Error(`candidate ${postId} is not in the range's snapshot`);
          const clusterId = resolve(candidate.clusterId);
          return { postId, externalPostId: candidate.externalPostId, clusterId, clusterCreatedAt: clusterOf(clusterId).createdAt, creatorId: candidate.creatorId, shingles: candidate.shingles, ...(candidate.paraphrase ? { paraphrase: candidate.paraphrase } : {}), promotedSellerId: candidate.promotedSellerId, postedAt: candidate.postedAt, text: candidate.text };
        });
    },

    async savePost({ post: saved, shingles, paraphrase, bandKeys, assignment }) {
      const stored = toSigned(shingles);
      if (!assignment) {
        screened.set(saved.id, { postId: saved.id, clusterId: null, shingles: stored, result: { signals: [], clusterId: null, disclosureClass: '' } });
        return null;
      }
      let clusterId = assignment.clusterId;
      if (!clusterId) {
        clusterId = randomUUID();
        clusters.set(clusterId, { id: clusterId, createdAt: new Date(nextCreatedAt), postCount: 0, creatorCount: 0, firstSeenAt: saved.postedAt, lastSeenAt: saved.postedAt, mergedIntoId: null, creators: new Map(), created: true });
        nextCreatedAt += 1;
      }
      mergeInto(clusterId, assignment.mergedClusterIds);
      const cluster = clusterOf(clusterId);
      posts.set(saved.id, { postId: saved.id, externalPostId: saved.externalPostId, creatorId: saved.creatorId, postedAt: saved.postedAt, promotedSellerId: saved.promotedSellerId, clusterId, shingles: toUnsigned(stored), paraphrase: () => paraphrase, text: textOf(saved) });
      push(members, clusterId, saved.id);
      push(ownPosts, saved.creatorId, saved.id);
      const own = cluster.creators.get(saved.creatorId);
      cluster.creators.set(
        saved.creatorId,
        own
          ? { posts: own.posts + 1, firstSeenAt: saved.postedAt < own.firstSeenAt ? saved.postedAt : own.firstSeenAt, lastSeenAt: saved.postedAt > own.lastSeenAt ? saved.postedAt : own.lastSeenAt }
          : { posts: 1, firstSeenAt: saved.postedAt, lastSeenAt: saved.postedAt },
      );
      const indexed = cluster.postCount < REPRESENTATIVES_PER_CLUSTER;
      cluster.postCount += 1;
      cluster.creatorCount = cluster.creators.size;
      if (saved.postedAt < cluster.firstSeenAt) cluster.firstSeenAt = saved.postedAt;
      if (saved.postedAt > cluster.lastSeenAt) cluster.lastSeenAt = saved.postedAt;
      touchedClusters.add(clusterId);
      touchRow(clusterId, saved.creatorId);
      if (indexed) {
        // each key once; the post is new to the index, so no holder list has it yet (the lists
        // are this store's own copies, grown in place)
        for (const key of new Set(bandKeys)) {
          push(bands, key, saved.id);
          newBandKeys.push({ bandKey: key, screeningId: saved.id });
        }
      }
      screened.set(saved.id, { postId: saved.id, clusterId, shingles: stored, result: { signals: [], clusterId, disclosureClass: '' } });
      return summaryOf(cluster);
    },

    async creator(creatorId) {
      const row = creators.get(creatorId);
      if (!row?.cadence || Object.keys(row.cadence as object).length === 0) return null;
      return { cadence: row.cadence as CreatorState['cadence'], praiseWeek: (row.praiseWeek ?? null) as CreatorState['praiseWeek'] };
    },

    async saveCreator(creatorId, state) {
      // as the UPDATE does: a null week leaves the stored one
      const row = { cadence: asStored(state.cadence), praiseWeek: state.praiseWeek === null ? (creators.get(creatorId)?.praiseWeek ?? null) : asStored(state.praiseWeek) };
      creators.set(creatorId, row);
      savedCreators.set(creatorId, state);
      touchedCreators.add(creatorId);
    },

    async scriptPostings(creatorId, since, maxScripts): Promise<ScriptPosting[]> {
      const latest = new Map<string, number>();
      for (const postId of ownPosts.get(creatorId) ?? []) {
        const own = posts.get(postId)!;
        if (own.postedAt < since) continue;
        const clusterId = resolve(own.clusterId);
        latest.set(clusterId, Math.max(latest.get(clusterId) ?? -Infinity, own.postedAt.getTime()));
      }
      const scripts = [...latest.entries()].sort((left, right) => right[1] - left[1]).slice(0, maxScripts);
      return scripts
        .flatMap(([clusterId]) => (members.get(clusterId) ?? []).map((postId) => posts.get(postId)!).filter((member) => member.postedAt >= since).map((member) => ({ clusterId, member })))
        .sort((left, right) => right.member.postedAt.getTime() - left.member.postedAt.getTime())
        .slice(0, MAX_POSTINGS)
        .map(({ clusterId, member }) => ({ clusterId, creatorId: member.creatorId, postedAt: member.postedAt.toISOString(), promotedSellerId: member.promotedSellerId }));
    },

    async recordResult(result) {
      const entry = screened.get(post.id);
      if (!entry) throw new Error(`post ${post.id} recorded a result before its script`);
      entry.result = result;
    },
  });

  return {
    /** a store for one post of the range (screenPost's transaction is that post's share of the range) */
    forPost(post: ContentPost): ContentScreeningStore {
      return { transaction: async (_scope, work) => await work(transactionFor(post)) };
    },

    changes(): RangeChanges {
      return {
        clusters: [...touchedClusters].map((id) => {
          const cluster = clusterOf(id);
          return { ...cluster, mergedIntoId: cluster.mergedIntoId ? resolve(cluster.mergedIntoId) : null };
        }),
        clusterCreators: [...touchedRows]
          .filter(([clusterId]) => !merged.has(clusterId))
          .flatMap(([clusterId, creatorIds]) => [...creatorIds].map((creatorId) => ({ clusterId, creatorId, creator: clusterOf(clusterId).creators.get(creatorId)! }))),
        merged: [...merged].map((id) => ({ id, into: resolve(id) })),
        bandKeys: newBandKeys,
        posts: [...screened.values()].map((entry) => ({ ...entry, clusterId: entry.clusterId ? resolve(entry.clusterId) : null })),
        creators: [...touchedCreators].map((creatorId) => ({ creatorId, row: creators.get(creatorId)!, state: savedCreators.get(creatorId)! })),
      };
    },
  };
}
