/**
 * Content-screening activities: run the detectors over a stored post (script index, clusters and
 * creator state updated in one transaction, once), record the policy's verdict, mark progress,
 * and describe the outcome for the webhook. Each is safe to retry: it reads by id and writes once.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { CONTENT_SCREENING_POLICY_KEY, contentScreeningCapability, contentScreeningCases, contentScreeningEvent, storedPost, type ContentOutcome, type ContentScreeningParameters, type StoredPostRow } from '../../core/contentScreening.ts';
import { CASE_PRIORITIES } from '../../core/cases.ts';
import type { PrismaClient } from '../../core/database.ts';
import type { Signal } from '../../core/signals.ts';
import { prismaSql } from '../../core/sql.ts';
import { issueStatements } from '../../core/statementWrites.ts';
import type { Surface } from '../detectors/contentDisclosure/index.ts';
import shippedContentScreeningPolicy from '../policy/contentScreeningPolicy.v1.json' with { type: 'json' };
import type { PolicyRules } from '../policy/policy.ts';
import { recordVerdict, type RecordedVerdict } from '../policy/recordVerdict.ts';
import { AlreadyScreenedError, createPostgresContentStore } from '../contentScreening/postgresStore.ts';
import { screenPost, type ContentPost } from '../contentScreening/screenPost.ts';

export const shippedContentPolicy = shippedContentScreeningPolicy as PolicyRules;

const notFound = (screeningId: string) => ApplicationFailure.nonRetryable(`content screening ${screeningId} not found`, 'ContentScreeningNotFound');

/** The numbers of the policy in force (the verdict later records the version it used). */
export async function parametersInForce(prisma: PrismaClient): Promise<ContentScreeningParameters> {
  const latest = await prisma.policy.findFirst({ where: { key: CONTENT_SCREENING_POLICY_KEY }, orderBy: { version: 'desc' } });
  const rules = (latest?.rules ?? shippedContentPolicy) as unknown as PolicyRules;
  return (rules.parameters ?? shippedContentPolicy.parameters) as unknown as ContentScreeningParameters;
}

/** Content may promote goods outside the marketplace: an unknown seller is accepted and noted. */
async function promotionNote(prisma: PrismaClient, tenantId: string, promotedSellerId: string | null, promotedListingId: string | null): Promise<Signal[]> {
  if (!promotedSellerId && !promotedListingId) return [];
  const seller = promotedSellerId ? await prisma.seller.findUnique({ where: { tenantId_externalId: { tenantId, externalId: promotedSellerId } }, select: { id: true } }) : null;
  return seller ? [] : unknownPromotionTarget(promotedSellerId, promotedListingId);
}

/** The note for a promoted seller or listing Bonafide does not know (a batch looks its sellers up at once). */
export function unknownPromotionTarget(promotedSellerId: string | null, promotedListingId: string | null): Signal[] {
  if (!promotedSellerId && !promotedListingId) return [];
  return [
    {
      code: 'content.promotion_target_unknown',
      severity: 'info',
      score: 1,
      summary: promotedSellerId ? `Promoted seller ${promotedSellerId} is not known to Bonafide for this marketplace (the post may promote goods sold elsewhere)` : `Promoted listing ${promotedListingId} is not known to Bonafide (the post may promote goods sold elsewhere)`,
      evidence: { promotedSellerId, promotedListingId, sellerKnown: promotedSellerId ? false : null, listingKnown: null },
      detector: { id: 'content-promotion-target', version: '1' },
    },
  ];
}

/** The detectors' view of a stored post. */
export function contentPostOf(row: StoredPostRow): ContentPost {
  const post = storedPost(row);
  return { id: row.id, externalPostId: row.externalPostId, creatorId: row.creatorId, ...post, surface: post.surface as Surface };
}

/** One level up when uniform praise accompanies an escalation (praise never acts alone). */
export function raisedPriority(verdict: Pick<RecordedVerdict, 'outcome' | 'priority'>, signals: Signal[], raisesPriority: boolean): RecordedVerdict['priority'] {
  if (!raisesPriority || verdict.outcome !== 'escalate' || !signals.some((signal) => signal.code === 'content.uniform_praise')) return verdict.priority;
  return CASE_PRIORITIES[Math.min(CASE_PRIORITIES.indexOf(verdict.priority) + 1, CASE_PRIORITIES.length - 1)]!;
}

export function createContentScreeningActivities({ prisma, clock }: { prisma: PrismaClient; clock: () => Date }) {
  return {
    async screenContentPost({ screeningId }: { screeningId: string }): Promise<Signal[]> {
      const row = await prisma.contentScreening.findUnique({ where: { id: screeningId } });
      if (!row) throw notFound(screeningId);
      const note = await promotionNote(prisma, row.tenantId, row.promotedSellerId, row.promotedListingId);
      if (row.screenedSignals) return [...(row.screenedSignals as unknown as Signal[]), ...note];
      await prisma.contentScreening.updateMany({ where: { id: screeningId, status: 'received' }, data: { status: 'screening' } });
      const post = contentPostOf(row);
      try {
        const result = await screenPost(createPostgresContentStore(prisma, row.tenantId, screeningId), post, await parametersInForce(prisma));
        return [...result.signals, ...note];
      } catch (error) {
        if (!(error instanceof AlreadyScreenedError)) throw error;
        const stored = await prisma.contentScreening.findUniqueOrThrow({ where: { id: screeningId } });
        return [...(stored.screenedSignals as unknown as Signal[]), ...note];
      }
    },

    async recordContentVerdict({ screeningId, signals }: { screeningId: string; signals: Signal[] }): Promise<RecordedVerdict & { tenantId: string; sellerId: string | null }> {
      const row = await prisma.contentScreening.findUnique({ where: { id: screeningId }, select: { tenantId: true, promotedSellerId: true } });
      if (!row) throw notFound(screeningId);
      const verdict = await recordVerdict(prisma, {
        subjectType: contentScreeningCases.subjectType,
        subjectId: screeningId,
        tenantId: row.tenantId,
        policyKey: CONTENT_SCREENING_POLICY_KEY,
        shippedPolicy: shippedContentPolicy,
        signals,
      });
      const parameters = await parametersInForce(prisma);
      const seller = row.promotedSellerId ? await prisma.seller.findUnique({ where: { tenantId_externalId: { tenantId: row.tenantId, externalId: row.promotedSellerId } }, select: { id: true } }) : null;
      return { ...verdict, priority: raisedPriority(verdict, signals, parameters.praise.raisesPriority), tenantId: row.tenantId, sellerId: seller?.id ?? null };
    },

    async markContentAwaitingReview({ screeningId }: { screeningId: string }): Promise<void> {
      await prisma.contentScreening.updateMany({ where: { id: screeningId, status: { in: ['received', 'screening'] } }, data: { status: 'awaiting_review' } });
    },

    async markContentScreeningFailed({ screeningId }: { screeningId: string }): Promise<void> {
      await prisma.contentScreening.updateMany({ where: { id: screeningId, status: { not: 'completed' } }, data: { status: 'failed' } });
    },

    /** The final outcome, with its statement of reasons when it restricts the post, in one transaction. */
    async completeContentScreening({ screeningId, outcome, decidedBy }: { screeningId: string; outcome: ContentOutcome; decidedBy: 'policy' | 'moderator' }): Promise<void> {
      const at = clock();
      await prisma.$transaction(async (tx) => {
        await tx.contentScreening.updateMany({ where: { id: screeningId, status: { not: 'completed' } }, data: { status: 'completed', finalOutcome: outcome, decidedBy, completedAt: at } });
        await issueStatements(prismaSql(tx), contentScreeningCapability, [{ id: screeningId, outcome, decidedBy }], at);
      });
    },

    /** The webhook's `data` (core/contentScreening.ts: the same for `.completed` and `.failed`). */
    async describeContentScreeningOutcome({ screeningId }: { screeningId: string }) {
      return await contentScreeningEvent(prisma, screeningId);
    },
  };
}

export type ContentScreeningActivities = ReturnType<typeof createContentScreeningActivities>;
