/** Content-screening domain types shared by the API (which stores posts) and the workers (which screen them). */
import { afterCursor, failureColumns, failureView, SUBJECT_ANSWERED_STATUSES, type CapabilityDeclaration, type SubjectRow } from './capability.ts';
import type { CaseSubjectDefinition } from './cases.ts';
import type { PrismaClient } from './database.ts';
import { presentVerdict, type VerdictView } from './verdictView.ts';
import type { ContentScreening } from '../prisma/generated/client.ts';

export const CONTENT_SCREENING_POLICY_KEY = 'content-screening';
export const CONTENT_SCREENING_EVENT = 'content_screening.completed';
export const CONTENT_SCREENING_FAILED_EVENT = 'content_screening.failed';
export const UNFINISHED_CONTENT_SCREENING_STATUSES = ['received', 'screening', 'awaiting_review'] as const;
export const CONTENT_SCREENING_BATCH_COMPLETED_EVENT = 'content_screening_batch.completed';

/** The verdicts of the content-screening policy, strongest first. */
export const CONTENT_VERDICTS = ['escalate', 'label', 'clean'] as const;
/** What a screening ends with: clean, labelled as paid promotion, or a takedown request (moderators only). */
export type ContentOutcome = 'clean' | 'label' | 'takedown_request';

/** Cases opened by content screening: a moderator clears the post, labels it or asks the marketplace to take it down. */
export const contentScreeningCases = {
  subjectType: 'content_screening',
  label: 'Content screening',
  decisions: [
    { value: 'clean', label: 'Clean', noteRequired: false },
    { value: 'label', label: 'Label as paid promotion', noteRequired: false },
    { value: 'takedown_request', label: 'Request takedown', noteRequired: true, destructive: true },
  ],
} as const satisfies CaseSubjectDefinition;

/**
 * Text limits of one post, in characters (documented in docs/content-screening.md; 413 `text-too-large` past
 * them). A caption on the large platforms is at most 2,200 (Instagram) to 5,000 (YouTube)
 * characters; a transcript of a 10-minute video is about 10,000.
 */
export const CONTENT_TEXT_LIMITS = {
  caption: 5_000,
  transcript: 50_000,
  onScreenText: 5_000,
  hashtags: 100,
  hashtagChars: 100,
} as const;

/** The policy's `parameters` for content screening (its thresholds; shape registered by the API). */
export interface ContentScreeningParameters {
  /** `verifyParaphrase`: a reading in other words (optional, 0.35 when left out: workers/detectors/contentScript/clusterAssignment.ts) */
  script: { verifyJaccard: number; verifyContainment: number; minContainedShingles: number; verifyParaphrase?: number; minCreators: number; minScriptWords: number; maxCandidates: number };
  coordination: { minCreators: number; minScripts: number; windowDays: number; maxScripts: number };
  disclosure: { truncationChars: { video: number; image: number; live: number }; hashtagBlockMin: number; spokenEndorsementWords: number };
  cadence: { maxPerDay: number; medianRatio: number; minActiveDays: number; minPostsForRatio: number };
  praise: { minDensity: number; minCategories: number; minPosts: number; raisesPriority: boolean };
}

const contentRow = { id: true, status: true, workflowId: true, createdAt: true, updatedAt: true, batch: { select: { workflowId: true } } } as const;
// A backfill's post has a workflow of its own only once it escalates: its batch's workflow screens it.
const subjectRow = ({ batch, ...row }: { id: string; status: string; workflowId: string; createdAt: Date; updatedAt: Date; batch: { workflowId: string } | null }): SubjectRow => ({ ...row, batchWorkflowId: batch?.workflowId ?? null });

/** Content screening on the shared failure path (registered in core/capabilities.ts). */
export const contentScreeningCapability: CapabilityDeclaration = {
  cases: contentScreeningCases,
  unfinishedStatuses: UNFINISHED_CONTENT_SCREENING_STATUSES,
  answeredStatuses: SUBJECT_ANSWERED_STATUSES,
  failedEvent: CONTENT_SCREENING_FAILED_EVENT,
  statements: {
    restrictions: {
      label: {
        measure: 'post_labelled',
        description: 'The post is shown with a label saying it is a paid promotion.',
        visibility: ['DECISION_VISIBILITY_OTHER'],
        visibilityOther: 'Labelled as a paid promotion',
        overturnedOutcome: 'clean',
      },
      takedown_request: {
        measure: 'post_removed',
        description: 'The marketplace is asked to take the post down.',
        visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
        overturnedOutcome: 'clean',
      },
    },
    contentType: ['CONTENT_TYPE_VIDEO'],
    ground: {
      reference: 'The marketplace’s terms for creators: paid promotion must be disclosed, and reviews must be the creator’s own.',
      explanation: 'The post was found to promote a seller without a clear disclosure, or to repeat a script shared by paid creators.',
    },
    categories: [
      { codePrefixes: ['content.shared_script', 'content.coordinated_group', 'content.uniform_praise', 'content.cadence_'], category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD', specification: ['KEYWORD_INAUTHENTIC_USER_REVIEWS'] },
      { codePrefixes: ['content.disclosure_', 'content.affiliate_'], category: 'STATEMENT_CATEGORY_CONSUMER_INFORMATION', specification: ['KEYWORD_HIDDEN_ADVERTISEMENT'] },
    ],
    defaultCategory: { category: 'STATEMENT_CATEGORY_CONSUMER_INFORMATION', specification: ['KEYWORD_HIDDEN_ADVERTISEMENT'] },
    affectedParties: `SELECT id, tenant_id, 'creator' AS party_type, creator_id AS party_id, posted_at AS content_date FROM content_screenings WHERE id = ANY($1::uuid[])`,
    overturn: `UPDATE content_screenings SET final_outcome = $2, decided_by = 'moderator', updated_at = now() AT TIME ZONE 'UTC' WHERE id = $1::uuid`,
  },
  rows: {
    find: async (prisma, id) => {
      const row = await prisma.contentScreening.findUnique({ where: { id }, select: contentRow });
      return row ? subjectRow(row) : null;
    },
    unfinished: async (prisma, { quietSince, after, take, batchId }) =>
      (
        await prisma.contentScreening.findMany({
          where: { status: { in: [...UNFINISHED_CONTENT_SCREENING_STATUSES] }, updatedAt: { lt: quietSince }, ...(batchId === undefined ? {} : { batchId }), ...afterCursor(after) },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          take,
          select: contentRow,
        })
      ).map(subjectRow),
    markFailed: async (prisma, id, failure) =>
      (await prisma.contentScreening.updateMany({ where: { id, status: { in: [...UNFINISHED_CONTENT_SCREENING_STATUSES] } }, data: failureColumns(failure) })).count > 0,
    describe: contentScreeningEvent,
  },
};

/** A stored post as it was sent: what the detectors screen, and what the API and the console show. */
/** The columns a post's screening reads: its identity and what it says. */
export type StoredPostRow = Pick<
  ContentScreening,
  'id' | 'externalPostId' | 'creatorId' | 'postedAt' | 'caption' | 'transcript' | 'onScreenText' | 'hashtags' | 'promotedListingId' | 'promotedSellerId' | 'affiliateLink' | 'platformPaidLabel' | 'surface'
>;

export function storedPost(row: StoredPostRow) {
  return {
    postedAt: row.postedAt,
    caption: row.caption,
    transcript: row.transcript,
    onScreenText: row.onScreenText,
    hashtags: row.hashtags,
    promotedListingId: row.promotedListingId,
    promotedSellerId: row.promotedSellerId,
    affiliateLink: row.affiliateLink,
    platformPaidLabel: row.platformPaidLabel,
    surface: row.surface,
  };
}

/** What a screening came to, the same in the API's view and in its webhooks (never the post's text). */
export function screeningOutcome(row: ContentScreening, verdict: VerdictView) {
  return {
    postId: row.externalPostId,
    creatorId: row.creatorId,
    status: row.status,
    verdict,
    disclosure: row.disclosureClass,
    scriptClusterId: row.clusterId,
    batchId: row.batchId,
    completedAt: row.completedAt?.toISOString() ?? null,
    failure: failureView(row),
  };
}

/**
 * The `data` of `content_screening.completed` and `.failed`: ids, the verdict as the API shows it
 * (core/verdictView.ts), the cluster and, on a failed screening, `failure`; never the post's text.
 */
export async function contentScreeningEvent(prisma: PrismaClient, screeningId: string) {
  const row = await prisma.contentScreening.findUniqueOrThrow({ where: { id: screeningId } });
  const verdict = await presentVerdict(prisma, contentScreeningCases.subjectType, { id: screeningId, outcome: row.finalOutcome });
  return {
    tenantId: row.tenantId,
    data: { screeningId: row.id, ...screeningOutcome(row, verdict) },
  };
}
