/**
 * Content screening's part of the console's cases: the post as given, its disclosure, and the
 * script cluster's other posts side by side with the sentences each shares with this one, plus the
 * creator's cadence. Creator and post text is not personal data of the kind vetting holds (it
 * was published), so viewing it is not audited as such.
 */
import { contentScreeningCases, storedPost } from '../../../core/contentScreening.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { matchingExcerpts } from '../../../workers/detectors/contentScript/excerpts.ts';
import type { CaseSubjectRegistration } from '../../plugins/caseSubjects.ts';
import { presentCreator } from './present.ts';

/** Posts of the cluster shown beside the screened one. */
const SIDE_BY_SIDE_POSTS = 10;

const textOf = (post: { caption: string; transcript: string | null; onScreenText: string | null }) => [post.caption, post.transcript ?? '', post.onScreenText ?? ''].filter(Boolean).join('\n');

export function contentScreeningCaseSubject(prisma: PrismaClient, publicUrl: string): CaseSubjectRegistration {
  return {
    definition: contentScreeningCases,

    async present(screeningId, { tenantId }) {
      const row = await prisma.contentScreening.findFirst({ where: { id: screeningId, tenantId } });
      if (!row) return null;
      const cluster = row.clusterId ? await prisma.scriptCluster.findUnique({ where: { id: row.clusterId } }) : null;
      const others = row.clusterId
        ? await prisma.contentScreening.findMany({ where: { clusterId: row.clusterId, id: { not: row.id } }, orderBy: { postedAt: 'asc' }, take: SIDE_BY_SIDE_POSTS })
        : [];
      const creator = await presentCreator(prisma, publicUrl, row.creatorId, tenantId);
      return {
        screeningId: row.id,
        postId: row.externalPostId,
        creatorId: row.creatorId,
        status: row.status,
        ...storedPost(row),
        postedAt: row.postedAt.toISOString(),
        disclosure: row.disclosureClass,
        cluster: cluster ? { id: cluster.id, postCount: cluster.postCount, creatorCount: cluster.creatorCount, firstSeenAt: cluster.firstSeenAt.toISOString(), lastSeenAt: cluster.lastSeenAt.toISOString() } : null,
        sideBySide: others.map((other) => ({
          postId: other.externalPostId,
          creatorId: other.creatorId,
          postedAt: other.postedAt.toISOString(),
          text: textOf(other),
          excerpts: matchingExcerpts(textOf(row), textOf(other)),
        })),
        creatorCadence: creator ? { ...creator.cadence, postCount: creator.postCount, clearDisclosureRate: creator.clearDisclosureRate } : null,
      };
    },

    async sellerHistory(sellerId) {
      const seller = await prisma.seller.findUnique({ where: { id: sellerId }, select: { tenantId: true, externalId: true } });
      if (!seller) return [];
      const rows = await prisma.contentScreening.findMany({ where: { tenantId: seller.tenantId, promotedSellerId: seller.externalId }, orderBy: { createdAt: 'desc' }, take: 20 });
      return rows.map((row) => ({
        kind: contentScreeningCases.subjectType,
        id: row.id,
        at: row.createdAt.toISOString(),
        status: row.status,
        outcome: row.finalOutcome,
        summary: `post ${row.externalPostId} by ${row.creatorId}`,
      }));
    },
  };
}
