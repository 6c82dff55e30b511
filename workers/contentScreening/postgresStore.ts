/**
 * The script index, clusters and creators' state in PostgreSQL, for one screening at a time.
 *
 * Race-free clustering: the transaction first takes a transaction-scoped advisory lock per band
 * key of the post (sorted, so two transactions never wait on each other in a cycle), then the
 * creator's row lock. Two posts of one script share band keys, so the second waits until the first
 * is committed and then finds it; posts with no key in common never wait on each other.
 *
 * Before those, the transaction takes the tenant's script-index lock in shared mode: single
 * screenings never wait on each other for it, but a backfill range (contentScreening/rangeScreening.ts)
 * takes it exclusively for the whole range, because a range touches thousands of band keys (200
 * posts of 64 keys each), more advisory locks than PostgreSQL's shared lock table holds
 * (max_locks_per_transaction x connections, 6,400 by default). A single screening arriving during
 * a range therefore waits until the range is committed and then sees every post of it, as it
 * would have seen them screened one by one; a range waits for the single screenings under way.
 * The order (index lock, band keys, creator) is the same everywhere, so none waits in a cycle.
 *
 * Candidate lookup never scans posts: it probes the primary key of `content_band_keys` once per
 * band key. Only a cluster's first REPRESENTATIVES_PER_CLUSTER posts are indexed: a script
 * posted 100,000 times would otherwise put 100,000 rows behind each of its keys, and every
 * further reading matches its first posts anyway.
 */
import { storedParaphrase, type Paraphrase } from '../detectors/contentScript/paraphrase.ts';
import type { PrismaClient } from '../../core/database.ts';
import { prismaSql, sql, type SqlRunner } from '../../core/sql.ts';
import type { Prisma } from '../../prisma/generated/client.ts';
import type { ScriptPosting } from '../detectors/contentCoordination/index.ts';
import type { ClusterSummary, ContentScreeningStore, CreatorState, ScriptIndexTransaction, StoredCandidate } from './screenPost.ts';

export const REPRESENTATIVES_PER_CLUSTER = 20;
/** creators listed in a cluster summary (the count is exact) */
export const LISTED_CREATORS = 50;
/** postings read for the coordination detector, at most */
export const MAX_POSTINGS = 5_000;

type Tx = Prisma.TransactionClient;

/** Class of the script-index advisory locks: two-int keys, a key space apart from the band keys' bigint locks. */
const SCRIPT_INDEX_LOCK_CLASS = 0x5c71;

/** The tenant's script-index lock for the rest of the transaction: shared for one post, exclusive for a backfill range. */
export async function lockScriptIndex(tx: Tx | SqlRunner, tenantId: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const lock = sql(`SELECT count(*)::int AS locked FROM (SELECT ${mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}($1::int, hashtext($2))) AS held`, [SCRIPT_INDEX_LOCK_CLASS, tenantId]);
  await ('rows' in tx ? tx : prismaSql(tx)).rows(lock);
}

export const toUnsigned = (values: readonly number[]) => values.map((value) => value >>> 0).sort((left, right) => left - right);
export const toSigned = (values: readonly number[]) => values.map((value) => value | 0);

/** A stored post's text columns as a candidate needs them: its paraphrase (worked out when first asked) and its text for the excerpts. */
export function storedScript(row: { caption: string; transcript: string | null; on_screen_text: string | null }): { paraphrase: () => Paraphrase; text: string } {
  return {
    paraphrase: storedParaphrase({ caption: row.caption, transcript: row.transcript, onScreenText: row.on_screen_text }),
    text: [row.caption, row.transcript ?? '', row.on_screen_text ?? ''].filter(Boolean).join('\n'),
  };
}

/** The screening was screened by an earlier attempt (its signals are stored): nothing is done twice. */
export class AlreadyScreenedError extends Error {
  constructor(readonly screeningId: string) {
    super(`content screening ${screeningId} is already screened`);
  }
}

export class ScreeningNotFoundError extends Error {
  constructor(readonly screeningId: string) {
    super(`content screening ${screeningId} not found`);
  }
}

/** A store bound to one screening: the transaction refuses to run twice for it. */
export function createPostgresContentStore(prisma: PrismaClient, tenantId: string, screeningId: string, options: { transactionTimeoutMs?: number } = {}): ContentScreeningStore {
  return {
    async transaction(scope, work) {
      return await prisma.$transaction(
        async (tx) => {
          await lockScriptIndex(tx, tenantId, 'shared');
          if (scope.bandKeys.length > 0) {
            const keys = [...new Set(scope.bandKeys)].sort((left, right) => (BigInt(left) < BigInt(right) ? -1 : 1));
            await tx.$queryRaw`SELECT count(*)::int AS locked FROM (SELECT pg_advisory_xact_lock(k) FROM (SELECT unnest(${keys}::bigint[]) AS k ORDER BY 1) AS sorted) AS held`;
          }
          await tx.$executeRaw`INSERT INTO content_creators (tenant_id, creator_id, cadence, updated_at) VALUES (${tenantId}::uuid, ${scope.creatorId}, '{}'::jsonb, now()) ON CONFLICT DO NOTHING`;
          await tx.$queryRaw`SELECT 1 FROM content_creators WHERE tenant_id = ${tenantId}::uuid AND creator_id = ${scope.creatorId} FOR UPDATE`;
          const [screening] = await tx.$queryRaw<{ screened: boolean }[]>`SELECT screened_signals IS NOT NULL AS screened FROM content_screenings WHERE id = ${screeningId}::uuid FOR UPDATE`;
          if (!screening) throw new ScreeningNotFoundError(screeningId);
          if (screening.screened) throw new AlreadyScreenedError(screeningId);
          return await work(transactionFor(tx, tenantId, screeningId));
        },
        { timeout: options.transactionTimeoutMs ?? 15_000, maxWait: 10_000 },
      );
    },
  };
}

async function clusterSummary(tx: Tx, clusterId: string): Promise<ClusterSummary> {
  const cluster = await tx.scriptCluster.findUniqueOrThrow({ where: { id: clusterId } });
  const creators = await tx.scriptClusterCreator.findMany({ where: { clusterId }, orderBy: { firstSeenAt: 'asc' }, take: LISTED_CREATORS, select: { creatorId: true } });
  return { id: cluster.id, postCount: cluster.postCount, creators: creators.map((row) => row.creatorId), firstSeenAt: cluster.firstSeenAt.toISOString(), lastSeenAt: cluster.lastSeenAt.toISOString() };
}

/** Younger clusters fold into the target: posts, creators and counts move; the old ids point at the target. */
async function mergeClusters(tx: Tx, targetId: string, mergedIds: readonly string[]): Promise<void> {
  if (mergedIds.length === 0) return;
  await tx.contentScreening.updateMany({ where: { clusterId: { in: [...mergedIds] } }, data: { clusterId: targetId } });
  await tx.$executeRaw`
    INSERT INTO script_cluster_creators (cluster_id, creator_id, posts, first_seen_at, last_seen_at)
    SELECT ${targetId}::uuid, creator_id, sum(posts)::int, min(first_seen_at), max(last_seen_at) FROM script_cluster_creators
    WHERE cluster_id = ANY(${[...mergedIds]}::uuid[]) GROUP BY creator_id
    ON CONFLICT (cluster_id, creator_id) DO UPDATE SET posts = script_cluster_creators.posts + EXCLUDED.posts,
      first_seen_at = LEAST(script_cluster_creators.first_seen_at, EXCLUDED.first_seen_at), last_seen_at = GREATEST(script_cluster_creators.last_seen_at, EXCLUDED.last_seen_at)`;
  await tx.scriptClusterCreator.deleteMany({ where: { clusterId: { in: [...mergedIds] } } });
  const merged = await tx.scriptCluster.findMany({ where: { id: { in: [...mergedIds] } } });
  const target = await tx.scriptCluster.findUniqueOrThrow({ where: { id: targetId } });
  await tx.scriptCluster.update({
    where: { id: targetId },
    data: {
      postCount: target.postCount + merged.reduce((sum, cluster) => sum + cluster.postCount, 0),
      firstSeenAt: new Date(Math.min(target.firstSeenAt.getTime(), ...merged.map((cluster) => cluster.firstSeenAt.getTime()))),
      lastSeenAt: new Date(Math.max(target.lastSeenAt.getTime(), ...merged.map((cluster) => cluster.lastSeenAt.getTime()))),
    },
  });
  // Clusters that earlier merged into these now point at the target too, so every old id resolves in one step.
  await tx.scriptCluster.updateMany({ where: { OR: [{ id: { in: [...mergedIds] } }, { mergedIntoId: { in: [...mergedIds] } }] }, data: { mergedIntoId: targetId, postCount: 0, creatorCount: 0 } });
}

type CandidateRow = { id: string; external_post_id: string; cluster_id: string; cluster_created_at: Date; creator_id: string; promoted_seller_id: string | null; shingles: number[]; posted_at: Date; caption: string; transcript: string | null; on_screen_text: string | null };

/** Posts sharing band keys with the query, those sharing most first: one primary-key probe per key, never a scan. */
export async function findCandidates(client: Pick<Tx, '$queryRaw'>, tenantId: string, bandKeys: readonly string[], limit: number): Promise<StoredCandidate[]> {
  if (bandKeys.length === 0) return [];
  const rows = await client.$queryRaw<CandidateRow[]>`
    SELECT s.id, s.external_post_id, s.cluster_id, c.created_at AS cluster_created_at, s.creator_id, s.promoted_seller_id, s.shingles, s.posted_at, s.caption, s.transcript, s.on_screen_text
    FROM (SELECT screening_id, count(*) AS shared FROM content_band_keys WHERE tenant_id = ${tenantId}::uuid AND band_key = ANY(${[...bandKeys]}::bigint[])
          GROUP BY screening_id ORDER BY shared DESC LIMIT ${limit}) AS k
    JOIN content_screenings s ON s.id = k.screening_id
    JOIN script_clusters c ON c.id = s.cluster_id
    ORDER BY k.shared DESC`;
  return rows.map(
    (row): StoredCandidate => ({
      postId: row.id,
      externalPostId: row.external_post_id,
      clusterId: row.cluster_id,
      clusterCreatedAt: row.cluster_created_at,
      creatorId: row.creator_id,
      shingles: toUnsigned(row.shingles),
      promotedSellerId: row.promoted_seller_id,
      postedAt: row.posted_at,
      ...storedScript(row),
    }),
  );
}

function transactionFor(tx: Tx, tenantId: string, screeningId: string): ScriptIndexTransaction {
  return {
    async recordResult(result) {
      // JSON as text, as a backfill range writes it (see `creator` below)
      await tx.$executeRaw`
        UPDATE content_screenings SET screened_signals = ${JSON.stringify(result.signals)}::jsonb, disclosure_class = ${result.disclosureClass}, screened_at = ${new Date()}, updated_at = ${new Date()}
        WHERE id = ${screeningId}::uuid`;
    },

    async candidates(bandKeys, limit) {
      return await findCandidates(tx, tenantId, bandKeys, limit);
    },

    async savePost({ post, shingles, bandKeys, assignment }) {
      if (!assignment) {
        await tx.contentScreening.update({ where: { id: post.id }, data: { shingles: toSigned(shingles) } });
        return null;
      }
      let clusterId = assignment.clusterId;
      if (!clusterId) {
        clusterId = (await tx.scriptCluster.create({ data: { tenantId, firstSeenAt: post.postedAt, lastSeenAt: post.postedAt } })).id;
      }
      await mergeClusters(tx, clusterId, assignment.mergedClusterIds);
      await tx.contentScreening.update({ where: { id: post.id }, data: { clusterId, shingles: toSigned(shingles) } });
      await tx.$executeRaw`
        INSERT INTO script_cluster_creators (cluster_id, creator_id, posts, first_seen_at, last_seen_at) VALUES (${clusterId}::uuid, ${post.creatorId}, 1, ${post.postedAt}, ${post.postedAt})
        ON CONFLICT (cluster_id, creator_id) DO UPDATE SET posts = script_cluster_creators.posts + 1,
          first_seen_at = LEAST(script_cluster_creators.first_seen_at, EXCLUDED.first_seen_at), last_seen_at = GREATEST(script_cluster_creators.last_seen_at, EXCLUDED.last_seen_at)`;
      const creatorCount = await tx.scriptClusterCreator.count({ where: { clusterId } });
      const cluster = await tx.scriptCluster.findUniqueOrThrow({ where: { id: clusterId } });
      await tx.scriptCluster.update({
        where: { id: clusterId },
        data: {
          postCount: cluster.postCount + 1,
          creatorCount,
          firstSeenAt: post.postedAt < cluster.firstSeenAt ? post.postedAt : cluster.firstSeenAt,
          lastSeenAt: post.postedAt > cluster.lastSeenAt ? post.postedAt : cluster.lastSeenAt,
        },
      });
      if (cluster.postCount < REPRESENTATIVES_PER_CLUSTER) {
        await tx.$executeRaw`INSERT INTO content_band_keys (tenant_id, band_key, screening_id) SELECT ${tenantId}::uuid, k, ${post.id}::uuid FROM unnest(${[...bandKeys]}::bigint[]) AS k ON CONFLICT DO NOTHING`;
      }
      return await clusterSummary(tx, clusterId);
    },

    // The creator's state goes in and out as JSON text through raw statements, never through the
    // model API: that path gave some running means back a unit in the last place off (9405 read as
    // 9405.000000000004), so a creator's cadence drifted with every post, and a backfill range,
    // which keeps the state in memory between posts, would not end where single submissions end.
    async creator(creatorId) {
      const [row] = await tx.$queryRaw<{ cadence: unknown; praise_week: unknown }[]>`
        SELECT cadence, praise_week FROM content_creators WHERE tenant_id = ${tenantId}::uuid AND creator_id = ${creatorId}`;
      if (!row || !row.cadence || Object.keys(row.cadence as object).length === 0) return null;
      return { cadence: row.cadence as CreatorState['cadence'], praiseWeek: (row.praise_week ?? null) as CreatorState['praiseWeek'] };
    },

    async saveCreator(creatorId, state) {
      // a null week leaves the stored one
      await tx.$executeRaw`
        UPDATE content_creators SET cadence = ${JSON.stringify(state.cadence)}::jsonb, praise_week = COALESCE(${state.praiseWeek === null ? null : JSON.stringify(state.praiseWeek)}::jsonb, praise_week),
          post_count = ${state.cadence.postCount}, clear_disclosures = ${state.cadence.clearDisclosures}, updated_at = ${new Date()}
        WHERE tenant_id = ${tenantId}::uuid AND creator_id = ${creatorId}`;
    },

    async scriptPostings(creatorId, since, maxScripts): Promise<ScriptPosting[]> {
      const scripts = await tx.$queryRaw<{ cluster_id: string }[]>`
        SELECT cluster_id FROM content_screenings WHERE tenant_id = ${tenantId}::uuid AND creator_id = ${creatorId} AND posted_at >= ${since} AND cluster_id IS NOT NULL
        GROUP BY cluster_id ORDER BY max(posted_at) DESC LIMIT ${maxScripts}`;
      if (scripts.length === 0) return [];
      const rows = await tx.contentScreening.findMany({
        where: { clusterId: { in: scripts.map((row) => row.cluster_id) }, postedAt: { gte: since } },
        select: { clusterId: true, creatorId: true, postedAt: true, promotedSellerId: true },
        orderBy: { postedAt: 'desc' },
        take: MAX_POSTINGS,
      });
      return rows.map((row) => ({ clusterId: row.clusterId!, creatorId: row.creatorId, postedAt: row.postedAt.toISOString(), promotedSellerId: row.promotedSellerId }));
    },
  };
}
