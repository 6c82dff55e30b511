/**
 * A backfill range's share of the script index in PostgreSQL: read once before the range is
 * screened in memory (rangeStore.ts), written back once after, each with a handful of set-based
 * statements whatever the number of posts (row sets travel as one JSON or array parameter).
 * Both run inside the range's transaction, under the tenant's script-index lock taken
 * exclusively (postgresStore.ts `lockScriptIndex`), so nothing read can change before the write.
 */
import { sql, utcTimestamp, type SqlRunner } from '../../core/sql.ts';
import type { ClusterState, CreatorRow, IndexedPost, RangeChanges, RangeSnapshot } from './rangeStore.ts';
import { storedScript, toUnsigned } from './postgresStore.ts';

type Tx = SqlRunner;

export interface RangeScope {
  /** every band key of the range's posts */
  bandKeys: readonly string[];
  creatorIds: readonly string[];
  /** the start of the earliest coordination window of the range (its first post's) */
  windowStart: Date;
}

type PostRow = { id: string; external_post_id: string; cluster_id: string; creator_id: string; posted_at: Date; promoted_seller_id: string | null };
type CandidateRow = PostRow & { shingles: number[]; caption: string; transcript: string | null; on_screen_text: string | null };
type ClusterRow = { id: string; created_at: Date; post_count: number; creator_count: number; first_seen_at: Date; last_seen_at: Date; merged_into_id: string | null };
type ClusterCreatorRow = { cluster_id: string; creator_id: string; posts: number; first_seen_at: Date; last_seen_at: Date };

const indexedPost = (row: PostRow): IndexedPost => ({
  postId: row.id,
  externalPostId: row.external_post_id,
  creatorId: row.creator_id,
  postedAt: row.posted_at,
  promotedSellerId: row.promoted_seller_id,
  clusterId: row.cluster_id,
  shingles: null,
  paraphrase: null,
  text: null,
});

/**
 * What the range can reach: every post sharing a band key with one of its posts (the only
 * possible candidates), the clusters of those posts and of the range's creators' posts since the
 * window start, every post of those clusters since then (the coordination detector's postings),
 * and the creators' rows. A cluster a range post could join or merge is always a candidate's.
 */
export async function readRangeSnapshot(tx: Tx, tenantId: string, scope: RangeScope, now: Date): Promise<RangeSnapshot> {
  const keys = [...new Set(scope.bandKeys)];
  const keyRows = keys.length
    ? await tx.rows<{ band_key: string; screening_id: string }>(sql(`
        SELECT band_key::text AS band_key, screening_id::text AS screening_id FROM content_band_keys WHERE tenant_id = $1::uuid AND band_key = ANY($2::bigint[])`, [tenantId, keys]))
    : [];
  const bandKeys = new Map<string, string[]>();
  for (const row of keyRows) bandKeys.set(row.band_key, [...(bandKeys.get(row.band_key) ?? []), row.screening_id]);
  const candidateIds = [...new Set(keyRows.map((row) => row.screening_id))];
  const candidates = candidateIds.length
    ? await tx.rows<CandidateRow>(sql(`
        SELECT id::text, external_post_id, cluster_id::text, creator_id, posted_at, promoted_seller_id, shingles, caption, transcript, on_screen_text
        FROM content_screenings WHERE id = ANY($1::uuid[])`, [candidateIds]))
    : [];
  const own = await tx.rows<PostRow>(sql(`
    SELECT id::text, external_post_id, cluster_id::text, creator_id, posted_at, promoted_seller_id FROM content_screenings
    WHERE tenant_id = $1::uuid AND creator_id = ANY($2::text[]) AND posted_at >= $3::timestamp AND cluster_id IS NOT NULL`, [tenantId, [...scope.creatorIds], utcTimestamp(scope.windowStart)]));
  const clusterIds = [...new Set([...candidates, ...own].map((row) => row.cluster_id))];

  // one statement at a time: the transaction is one connection
  const clusterRows = clusterIds.length
    ? await tx.rows<ClusterRow>(sql(`SELECT id::text, created_at, post_count, creator_count, first_seen_at, last_seen_at, merged_into_id::text FROM script_clusters WHERE id = ANY($1::uuid[])`, [clusterIds]))
    : [];
  const creatorRows = clusterIds.length
    ? await tx.rows<ClusterCreatorRow>(sql(`
        SELECT cluster_id::text, creator_id, posts, first_seen_at, last_seen_at FROM script_cluster_creators WHERE cluster_id = ANY($1::uuid[]) ORDER BY first_seen_at`, [clusterIds]))
    : [];
  const postings = clusterIds.length
    ? await tx.rows<PostRow>(sql(`
        SELECT id::text, external_post_id, cluster_id::text, creator_id, posted_at, promoted_seller_id FROM content_screenings WHERE cluster_id = ANY($1::uuid[]) AND posted_at >= $2::timestamp`, [clusterIds, utcTimestamp(scope.windowStart)]))
    : [];
  const creators = await readCreators(tx, tenantId, scope.creatorIds);

  const posts = new Map<string, IndexedPost>();
  for (const row of [...own, ...postings]) posts.set(row.id, indexedPost(row));
  for (const row of candidates) {
    posts.set(row.id, { ...indexedPost(row), shingles: toUnsigned(row.shingles), ...storedScript(row) });
  }
  const clusters = new Map<string, ClusterState>(
    clusterRows.map((row) => [
      row.id,
      { id: row.id, createdAt: row.created_at, postCount: row.post_count, creatorCount: row.creator_count, firstSeenAt: row.first_seen_at, lastSeenAt: row.last_seen_at, mergedIntoId: row.merged_into_id, creators: new Map() },
    ]),
  );
  for (const row of creatorRows) clusters.get(row.cluster_id)?.creators.set(row.creator_id, { posts: row.posts, firstSeenAt: row.first_seen_at, lastSeenAt: row.last_seen_at });
  const newest = Math.max(0, ...clusterRows.map((row) => row.created_at.getTime() + 1));
  return { bandKeys, posts: [...posts.values()], clusters: [...clusters.values()], creators, newClustersFrom: new Date(Math.max(now.getTime(), newest)) };
}

async function readCreators(tx: Tx, tenantId: string, creatorIds: readonly string[]): Promise<Map<string, CreatorRow>> {
  const rows = await tx.rows<{ creator_id: string; cadence: unknown; praise_week: unknown }>(sql(`
    SELECT creator_id, cadence, praise_week FROM content_creators WHERE tenant_id = $1::uuid AND creator_id = ANY($2::text[])`, [tenantId, [...creatorIds]]));
  return new Map(rows.map((row) => [row.creator_id, { cadence: row.cadence, praiseWeek: row.praise_week }]));
}

/** How a screened post of the range ends: settled by the policy, left for its review, or as it was. */
export interface PostSettlement {
  status: string;
  finalOutcome: string | null;
  decidedBy: string | null;
  completedAt: Date | null;
}

const json = (rows: unknown[]) => JSON.stringify(rows);

/** Clusters, their creators, merges, the index, the screened posts and the creators' rows, in six statements at most. */
export async function writeRangeChanges(tx: Tx, tenantId: string, changes: RangeChanges, settlementOf: (postId: string) => PostSettlement, screenedAt: Date): Promise<void> {
  if (changes.clusters.length > 0) {
    const rows = changes.clusters.map((cluster) => ({
      id: cluster.id,
      post_count: cluster.postCount,
      creator_count: cluster.creatorCount,
      first_seen_at: cluster.firstSeenAt,
      last_seen_at: cluster.lastSeenAt,
      merged_into_id: cluster.mergedIntoId,
      created_at: cluster.createdAt,
    }));
    await tx.run(sql(`
      INSERT INTO script_clusters (id, tenant_id, post_count, creator_count, first_seen_at, last_seen_at, merged_into_id, created_at)
      SELECT row.id, $1::uuid, row.post_count, row.creator_count, row.first_seen_at, row.last_seen_at, row.merged_into_id, row.created_at
      FROM jsonb_to_recordset($2::jsonb) AS row(id uuid, post_count int, creator_count int, first_seen_at timestamp(3), last_seen_at timestamp(3), merged_into_id uuid, created_at timestamp(3))
      ON CONFLICT (id) DO UPDATE SET post_count = EXCLUDED.post_count, creator_count = EXCLUDED.creator_count, first_seen_at = EXCLUDED.first_seen_at,
        last_seen_at = EXCLUDED.last_seen_at, merged_into_id = EXCLUDED.merged_into_id`, [tenantId, json(rows)]));
  }
  if (changes.merged.length > 0) {
    // Posts and clusters the range did not read follow their cluster into the one that answers for it now.
    const merges = json(changes.merged.map(({ id, into }) => ({ id, target: into })));
    await tx.run(sql(`
      UPDATE content_screenings SET cluster_id = merge.target FROM jsonb_to_recordset($1::jsonb) AS merge(id uuid, target uuid) WHERE content_screenings.cluster_id = merge.id`, [merges]));
    await tx.run(sql(`
      UPDATE script_clusters SET merged_into_id = merge.target FROM jsonb_to_recordset($1::jsonb) AS merge(id uuid, target uuid) WHERE script_clusters.merged_into_id = merge.id`, [merges]));
    await tx.run(sql(`DELETE FROM script_cluster_creators WHERE cluster_id = ANY($1::uuid[])`, [changes.merged.map(({ id }) => id)]));
  }
  if (changes.clusterCreators.length > 0) {
    const rows = changes.clusterCreators.map(({ clusterId, creatorId, creator }) => ({ cluster_id: clusterId, creator_id: creatorId, posts: creator.posts, first_seen_at: creator.firstSeenAt, last_seen_at: creator.lastSeenAt }));
    await tx.run(sql(`
      INSERT INTO script_cluster_creators (cluster_id, creator_id, posts, first_seen_at, last_seen_at)
      SELECT row.cluster_id, row.creator_id, row.posts, row.first_seen_at, row.last_seen_at
      FROM jsonb_to_recordset($1::jsonb) AS row(cluster_id uuid, creator_id text, posts int, first_seen_at timestamp(3), last_seen_at timestamp(3))
      ON CONFLICT (cluster_id, creator_id) DO UPDATE SET posts = EXCLUDED.posts, first_seen_at = EXCLUDED.first_seen_at, last_seen_at = EXCLUDED.last_seen_at`, [json(rows)]));
  }
  if (changes.bandKeys.length > 0) {
    // A plain insert, without ON CONFLICT, which checked every row first (half this statement's
    // time, tens of thousands of rows a range): the rows are new by construction. They belong to
    // posts screened fresh in this transaction, which holds those posts' rows locked and commits
    // their screening and their keys together, and the range store lists each key of a post once.
    await tx.run(sql(`
      INSERT INTO content_band_keys (tenant_id, band_key, screening_id)
      SELECT $1::uuid, key, screening FROM unnest($2::bigint[], $3::uuid[]) AS row(key, screening)`, [tenantId, changes.bandKeys.map((row) => row.bandKey), changes.bandKeys.map((row) => row.screeningId)]));
  }
  if (changes.posts.length > 0) {
    const rows = changes.posts.map((post) => {
      const settlement = settlementOf(post.postId);
      return {
        id: post.postId,
        cluster_id: post.clusterId,
        shingles: post.shingles,
        screened_signals: post.result.signals,
        disclosure_class: post.result.disclosureClass,
        status: settlement.status,
        final_outcome: settlement.finalOutcome,
        decided_by: settlement.decidedBy,
        completed_at: settlement.completedAt,
      };
    });
    await tx.run(sql(`
      UPDATE content_screenings SET cluster_id = row.cluster_id, shingles = row.shingles, screened_signals = row.screened_signals, disclosure_class = row.disclosure_class,
        screened_at = $1::timestamp, status = row.status, final_outcome = row.final_outcome, decided_by = row.decided_by, completed_at = row.completed_at, updated_at = $2::timestamp
      FROM jsonb_to_recordset($3::jsonb)
        AS row(id uuid, cluster_id uuid, shingles int[], screened_signals jsonb, disclosure_class text, status text, final_outcome text, decided_by text, completed_at timestamp(3))
      WHERE content_screenings.id = row.id`, [utcTimestamp(screenedAt), utcTimestamp(screenedAt), json(rows)]));
  }
  if (changes.creators.length > 0) {
    const rows = changes.creators.map(({ creatorId, row, state }) => ({ creator_id: creatorId, cadence: row.cadence, praise_week: row.praiseWeek, post_count: state.cadence.postCount, clear_disclosures: state.cadence.clearDisclosures }));
    await tx.run(sql(`
      INSERT INTO content_creators (tenant_id, creator_id, cadence, praise_week, post_count, clear_disclosures, updated_at)
      SELECT $1::uuid, row.creator_id, row.cadence, row.praise_week, row.post_count, row.clear_disclosures, $2::timestamp
      FROM jsonb_to_recordset($3::jsonb) AS row(creator_id text, cadence jsonb, praise_week jsonb, post_count int, clear_disclosures int)
      ON CONFLICT (tenant_id, creator_id) DO UPDATE SET cadence = EXCLUDED.cadence, praise_week = EXCLUDED.praise_week, post_count = EXCLUDED.post_count,
        clear_disclosures = EXCLUDED.clear_disclosures, updated_at = EXCLUDED.updated_at`, [tenantId, utcTimestamp(screenedAt), json(rows)]));
  }
}
