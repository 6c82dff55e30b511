/** The API's views of content: a screening, a script cluster, a creator. Text is returned as given (JSON strings, never HTML). */
import { contentScreeningCases, screeningOutcome, storedPost } from '../../../core/contentScreening.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { burstiness, HISTORY_DAYS, priorActiveMedian, type CadenceState } from '../../../workers/detectors/contentCadence/index.ts';
import { presentVerdict } from '../../../core/verdictView.ts';

const CLUSTER_POSTS_SHOWN = 100;
const CREATOR_CLUSTERS_SHOWN = 50;

export async function presentScreening(prisma: PrismaClient, publicUrl: string, id: string, tenantId: string) {
  const row = await prisma.contentScreening.findFirst({ where: { id, tenantId } });
  if (!row) return null;
  const verdict = await presentVerdict(prisma, contentScreeningCases.subjectType, { id, outcome: row.finalOutcome });
  const { completedAt, failure, ...outcome } = screeningOutcome(row, verdict);
  return {
    id: row.id,
    ...outcome,
    scriptClusterUrl: row.clusterId ? `${publicUrl}/v1/script-clusters/${row.clusterId}` : null,
    post: { ...storedPost(row), postedAt: row.postedAt.toISOString() },
    createdAt: row.createdAt.toISOString(),
    completedAt,
    failure,
    url: `${publicUrl}/v1/content-screenings/${row.id}`,
  };
}

/** A cluster with its posts (oldest first), creators and the sellers promoted; a merged id answers with the cluster it merged into. */
export async function presentCluster(prisma: PrismaClient, id: string, tenantId: string) {
  let cluster = await prisma.scriptCluster.findFirst({ where: { id, tenantId } });
  if (!cluster) return null;
  const mergedFrom = cluster.mergedIntoId ? cluster.id : null;
  if (cluster.mergedIntoId) cluster = await prisma.scriptCluster.findFirst({ where: { id: cluster.mergedIntoId, tenantId } });
  if (!cluster) return null;
  const [creators, posts, sellers] = await Promise.all([
    prisma.scriptClusterCreator.findMany({ where: { clusterId: cluster.id }, orderBy: { firstSeenAt: 'asc' }, take: 500 }),
    prisma.contentScreening.findMany({ where: { clusterId: cluster.id }, orderBy: { postedAt: 'asc' }, take: CLUSTER_POSTS_SHOWN }),
    prisma.contentScreening.findMany({ where: { clusterId: cluster.id, promotedSellerId: { not: null } }, distinct: ['promotedSellerId'], select: { promotedSellerId: true }, take: 100 }),
  ]);
  return {
    id: cluster.id,
    mergedFrom,
    postCount: cluster.postCount,
    creatorCount: cluster.creatorCount,
    firstSeenAt: cluster.firstSeenAt.toISOString(),
    lastSeenAt: cluster.lastSeenAt.toISOString(),
    creators: creators.map((row) => ({ creatorId: row.creatorId, posts: row.posts, firstSeenAt: row.firstSeenAt.toISOString(), lastSeenAt: row.lastSeenAt.toISOString() })),
    sellers: sellers.map((row) => row.promotedSellerId!).sort(),
    posts: posts.map((post) => ({
      screeningId: post.id,
      postId: post.externalPostId,
      creatorId: post.creatorId,
      postedAt: post.postedAt.toISOString(),
      caption: post.caption,
      transcript: post.transcript,
      promotedSellerId: post.promotedSellerId,
      outcome: post.finalOutcome,
    })),
  };
}

const DAY_MS = 86_400_000;

export async function presentCreator(prisma: PrismaClient, publicUrl: string, creatorId: string, tenantId: string) {
  const creator = await prisma.contentCreator.findUnique({ where: { tenantId_creatorId: { tenantId, creatorId } } });
  if (!creator || Object.keys((creator.cadence ?? {}) as object).length === 0) return null;
  const cadence = creator.cadence as unknown as CadenceState;
  // The median of the active days before the latest one: what the latest day is compared with.
  const { median, activeDays } = priorActiveMedian(cadence, cadence.day);
  const memberships = await prisma.scriptClusterCreator.findMany({ where: { creatorId, cluster: { tenantId, mergedIntoId: null } }, include: { cluster: true }, orderBy: { lastSeenAt: 'desc' }, take: CREATOR_CLUSTERS_SHOWN });
  const recent = await prisma.contentScreening.findMany({ where: { tenantId, creatorId }, orderBy: { postedAt: 'desc' }, take: 20 });
  return {
    creatorId,
    postCount: creator.postCount,
    clearDisclosureRate: creator.postCount > 0 ? Math.round((creator.clearDisclosures / creator.postCount) * 1000) / 1000 : 0,
    cadence: {
      latestDay: cadence.postCount > 0 ? new Date(cadence.day * DAY_MS).toISOString().slice(0, 10) : null,
      postsOnLatestDay: cadence.dailyCounts[HISTORY_DAYS - 1] ?? 0,
      medianPerActiveDay: median,
      activeDaysInLast30: activeDays + (cadence.dailyCounts[HISTORY_DAYS - 1]! > 0 ? 1 : 0),
      postsInLast30Days: cadence.dailyCounts.reduce((sum, count) => sum + count, 0),
      burstiness: burstiness(cadence),
    },
    clusters: memberships.map((membership) => ({
      id: membership.clusterId,
      posts: membership.posts,
      creatorCount: membership.cluster.creatorCount,
      firstSeenAt: membership.firstSeenAt.toISOString(),
      lastSeenAt: membership.lastSeenAt.toISOString(),
      url: `${publicUrl}/v1/script-clusters/${membership.clusterId}`,
    })),
    recentScreenings: recent.map((row) => ({ id: row.id, postId: row.externalPostId, postedAt: row.postedAt.toISOString(), status: row.status, outcome: row.finalOutcome, disclosure: row.disclosureClass })),
  };
}
