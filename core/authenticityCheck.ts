/** Buyer authenticity checks: domain types shared by the API (which takes checks) and the workers (which run them). */
import { afterCursor, failureColumns, failureView, SUBJECT_ANSWERED_STATUSES, type CapabilityDeclaration, type SubjectRow } from './capability.ts';
import type { CaseSubjectDefinition } from './cases.ts';
import type { PrismaClient } from './database.ts';
import type { AuthenticityCheck, Prisma } from '../prisma/generated/client.ts';
import { presentVerdict, type VerdictView } from './verdictView.ts';

export const AUTHENTICITY_CHECK_POLICY_KEY = 'authenticity-check';
export const AUTHENTICITY_CHECK_COMPLETED_EVENT = 'authenticity_check.completed';
export const AUTHENTICITY_CHECK_FAILED_EVENT = 'authenticity_check.failed';
/** Sent once per confirmed counterfeit: the marketplace refunds the buyer, once per `idempotencyKey`. */
export const AUTHENTICITY_REFUND_REQUESTED_EVENT = 'authenticity_check.refund_requested';
/**
 * A brand's unit codes arrive as batches of this subject type (`POST /v1/brands/:brandKey/codes`,
 * on the shared batch path): each line is written to the brand's registry and keeps its outcome.
 */
export const BRAND_CODE_SUBJECT_TYPE = 'brand_code';
export const BRAND_CODE_BATCH_COMPLETED_EVENT = 'brand_code_batch.completed';

export const UNFINISHED_AUTHENTICITY_CHECK_STATUSES = ['received', 'awaiting_photos', 'screening', 'awaiting_seller_response', 'awaiting_review'] as const;
/**
 * A check answers `?wait` also when the seller's window opens: the buyer can be told then that the
 * seller was asked and when a moderator will look, which may be days away (the table's trigger,
 * migration 20261208100000_authenticity_window_answers, announces the same statuses); and when it
 * waits for the buyer's photos, sent with nothing (migration 20261209200000_authenticity_buyer_photos).
 */
export const AUTHENTICITY_CHECK_ANSWERED_STATUSES = [...SUBJECT_ANSWERED_STATUSES, 'awaiting_seller_response', 'awaiting_photos'] as const;

/**
 * The buyer's photos after a check was sent: a check sent with neither photos nor a code waits
 * for them (`awaiting_photos`), and a check asked for a retake waits for the new ones, both until
 * the window the check's workflow opens closes. New photos reopen a check at most `roundsMax`
 * times; each round keeps its verdict and case (`authenticity_check_rounds`).
 */
export const AUTHENTICITY_REOPEN_LIMITS = { roundsMax: 3 } as const;
/** The signal the API sends a check's workflow once it stored the buyer's photos. */
export const BUYER_PHOTOS_SIGNAL = 'buyerPhotos';

/**
 * The policy's verdicts, strongest first: escalate is `needs_review` as the buyer reads it. A
 * retake outranks a case (a better photo may settle it) but not hard evidence of a fake.
 */
export const AUTHENTICITY_VERDICTS = ['likely_counterfeit', 'retake_requested', 'escalate', 'likely_genuine'] as const;
export type AuthenticityOutcome = 'likely_genuine' | 'likely_counterfeit' | 'retake_requested';

/** What a buyer's photo shows. */
export const AUTHENTICITY_PHOTO_KINDS = ['product', 'label', 'packaging', 'code', 'receipt'] as const;
export type AuthenticityPhotoKind = (typeof AUTHENTICITY_PHOTO_KINDS)[number];

/**
 * Limits of a check's photos: how many, the bytes and decoded pixels of each (a decompression
 * bomb is refused by its header), the whole request body (inline photos are base64, a third
 * larger: bigger photos belong behind URLs), and the deadline of fetching one by URL.
 */
export const AUTHENTICITY_PHOTO_LIMITS = {
  photosMax: 6,
  maxBytes: 8 * 1024 * 1024,
  maxPixels: 40_000_000,
  bodyMaxBytes: 24 * 1024 * 1024,
  fetchTimeoutMs: 10_000,
} as const;

/** Photos a check can hold over all its rounds (the earlier ones replaced, kept), so the highest position plus one. */
export const AUTHENTICITY_PHOTO_POSITIONS_MAX = AUTHENTICITY_PHOTO_LIMITS.photosMax * (1 + AUTHENTICITY_REOPEN_LIMITS.roundsMax);

/** Cases opened by authenticity checks: a moderator says genuine, counterfeit (with a note: the buyer is refunded and the seller's record counts it) or asks for more photos. */
export const authenticityCheckCases = {
  subjectType: 'authenticity_check',
  label: 'Authenticity check',
  decisions: [
    { value: 'likely_genuine', label: 'Genuine', noteRequired: false },
    { value: 'likely_counterfeit', label: 'Counterfeit', noteRequired: true, destructive: true },
    { value: 'retake_requested', label: 'Needs more photos', noteRequired: true },
  ],
} as const satisfies CaseSubjectDefinition;

/** Text limits of one check, in characters. */
export const AUTHENTICITY_TEXT_LIMITS = { identifier: 200, claimedCode: 512, buyerNote: 2_000 } as const;

/**
 * A kind of signal the policy counts as hard evidence of a fake: its code, and optionally a
 * minimum score and evidence values it must carry (a check digit that fails is hard evidence only
 * when the code was read from a photo, not when a buyer typed it).
 */
export interface HardEvidenceRule {
  code: string;
  minScore?: number;
  evidence?: Record<string, string | number | boolean>;
}

/** The policy's `parameters` (shape registered by the API). */
export interface AuthenticityCheckParameters {
  /** a code of an enrolled brand the registry has never issued is evidence of a fake */
  unknownSerialIsCounterfeit: boolean;
  /** a `likely_counterfeit` verdict acts at once (refund, record, re-screen) only when one of its signals matches one of these */
  hardEvidence: HardEvidenceRule[];
  /** how long the seller may answer a check that leans counterfeit without hard evidence, before the case opens */
  sellerResponseSeconds: number;
}

/** The signals (code and evidence) a verdict stands on, as the hard-evidence rules read them. */
export interface WeighedSignal {
  code: string;
  score: number;
  evidence: Record<string, unknown>;
}

/** The codes of the signals that are hard evidence under the policy's rules (empty: none). */
export function hardEvidenceAmong(signals: readonly WeighedSignal[], rules: readonly HardEvidenceRule[]): string[] {
  const hard = signals.filter((signal) =>
    rules.some((rule) =>
      rule.code === signal.code &&
      signal.score >= (rule.minScore ?? 0) &&
      Object.entries(rule.evidence ?? {}).every(([key, value]) => signal.evidence[key] === value),
    ),
  );
  return [...new Set(hard.map((signal) => signal.code))];
}

/** The key the marketplace refunds under: one per check, whatever the retries. */
export const refundIdempotencyKey = (checkId: string): string => `authenticity-refund-${checkId}`;

const checkRow = { id: true, status: true, workflowId: true, createdAt: true, updatedAt: true } as const;

/** Authenticity checks on the shared failure path (registered in core/capabilities.ts). */
export const authenticityCheckCapability: CapabilityDeclaration = {
  cases: authenticityCheckCases,
  unfinishedStatuses: UNFINISHED_AUTHENTICITY_CHECK_STATUSES,
  answeredStatuses: AUTHENTICITY_CHECK_ANSWERED_STATUSES,
  failedEvent: AUTHENTICITY_CHECK_FAILED_EVENT,
  statements: {
    restrictions: {
      likely_counterfeit: {
        measure: 'counterfeit_confirmed',
        description: 'A counterfeit is recorded against the seller for this order, the marketplace is asked to refund the buyer, and the listing is screened again.',
        monetary: 'DECISION_MONETARY_OTHER',
        monetaryOther: 'The buyer’s payment for the order is refunded',
        alsoIllegal: true,
        overturnedOutcome: 'likely_genuine',
      },
    },
    contentType: ['CONTENT_TYPE_PRODUCT'],
    ground: {
      reference: 'The marketplace’s terms for sellers: counterfeit goods are not allowed.',
      explanation: 'The item the buyer received was found to be counterfeit.',
    },
    categories: [],
    defaultCategory: { category: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS', specification: ['KEYWORD_TRADEMARK_INFRINGEMENT'] },
    affectedParties: `SELECT id, tenant_id, 'seller' AS party_type, seller_id AS party_id, created_at AS content_date FROM authenticity_checks WHERE id = ANY($1::uuid[])`,
    // the counterfeit comes off the seller's record; a refund already made is the marketplace's to settle
    overturn: `WITH record AS (DELETE FROM seller_counterfeits WHERE check_id = $1::uuid)
               UPDATE authenticity_checks SET final_outcome = $2, decided_by = 'moderator', updated_at = now() AT TIME ZONE 'UTC' WHERE id = $1::uuid`,
  },
  rows: {
    find: async (prisma, id) => (await prisma.authenticityCheck.findUnique({ where: { id }, select: checkRow })) satisfies SubjectRow | null,
    unfinished: async (prisma, { quietSince, after, take }) =>
      await prisma.authenticityCheck.findMany({
        where: { status: { in: [...UNFINISHED_AUTHENTICITY_CHECK_STATUSES] }, updatedAt: { lt: quietSince }, ...afterCursor(after) },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take,
        select: checkRow,
      }),
    markFailed: async (prisma, id, failure) =>
      (await prisma.authenticityCheck.updateMany({ where: { id, status: { in: [...UNFINISHED_AUTHENTICITY_CHECK_STATUSES] } }, data: failureColumns(failure) })).count > 0,
    describe: authenticityCheckEvent,
  },
};

/**
 * The `data` of `authenticity_check.completed` and `.failed`: ids, the verdict as the API shows it
 * and, on a failed check, `failure`. Never the buyer's note or photos.
 */
export async function authenticityCheckEvent(prisma: PrismaClient | Prisma.TransactionClient, checkId: string) {
  const row = await prisma.authenticityCheck.findUniqueOrThrow({ where: { id: checkId } });
  const verdict = await presentVerdict(prisma, authenticityCheckCases.subjectType, { id: checkId, outcome: row.finalOutcome });
  return authenticityCheckEventOf(row, verdict);
}

/** The event's tenant and `data` from the check's row and its verdict view, read already. */
export function authenticityCheckEventOf(row: AuthenticityCheck, verdict: VerdictView) {
  return {
    tenantId: row.tenantId,
    data: {
      checkId: row.id,
      orderId: row.orderId,
      buyerId: row.buyerId,
      sellerId: row.sellerId,
      listingId: row.listingId,
      status: row.status,
      verdict,
      completedAt: row.completedAt?.toISOString() ?? null,
      failure: failureView(row),
    },
  };
}
