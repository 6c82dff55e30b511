/** Seller-vetting domain types shared by the API (which stores them) and the workers (which read them). */
import { afterCursor, failureColumns, failureView, SUBJECT_ANSWERED_STATUSES, type CapabilityDeclaration } from './capability.ts';
import type { CaseSubjectDefinition } from './cases.ts';
import type { PrismaClient } from './database.ts';
import { presentVerdict } from './verdictView.ts';

/** What the marketplace declared about the seller; stored encrypted as one JSON document. */
export interface DeclaredSellerData {
  legalName: string;
  dateOfBirth: string;
  email: string;
  phone: string;
  country: string;
  address: { line1: string; line2?: string; city: string; region?: string; postalCode: string; country: string };
  business?: { name: string; registrationNumber: string };
  payoutAccountFingerprint: string;
  deviceFingerprint: string;
  ipAddress?: string;
  documentKind: 'passport' | 'id_card';
}

export const SELLER_VETTING_POLICY_KEY = 'seller-vetting';

/** Cases opened by seller vetting: a moderator approves or rejects the seller. */
export const sellerVettingCases = {
  subjectType: 'seller_vetting',
  label: 'Seller vetting',
  decisions: [
    { value: 'approve', label: 'Approve', noteRequired: false },
    { value: 'reject', label: 'Reject', noteRequired: true, destructive: true },
  ],
} as const satisfies CaseSubjectDefinition;

/** The statuses the partial unique index `seller_vettings_one_active_per_seller` covers. */
export const UNFINISHED_VETTING_STATUSES = ['received', 'screening', 'awaiting_review'] as const;
export const SELLER_VETTING_COMPLETED_EVENT = 'seller_vetting.completed';
export const SELLER_VETTING_FAILED_EVENT = 'seller_vetting.failed';

/** A vetting's final outcome as its verdict shows it: approve or reject once completed, else null. */
export const vettingOutcome = (finalOutcome: string | null): 'approve' | 'reject' | null => (finalOutcome === 'approve' || finalOutcome === 'reject' ? finalOutcome : null);

/**
 * The `data` of each event type: ids and the verdict as the API shows it (core/verdictView.ts:
 * codes, scores and evidence, never personal data: the marketplace already has it, and webhook
 * bodies end up in many logs). `seller_vetting.completed` and `seller_vetting.failed` share the
 * shape: a failed vetting has `status: "failed"`, `verdict.outcome: null` and
 * `failure: { reason, detail, failedAt }` (reason codes in core/capability.ts).
 */
export async function sellerVettingEvent(prisma: PrismaClient, vettingId: string) {
  const vetting = await prisma.sellerVetting.findUniqueOrThrow({ where: { id: vettingId }, include: { seller: true } });
  const verdict = await presentVerdict(prisma, sellerVettingCases.subjectType, { id: vettingId, outcome: vettingOutcome(vetting.finalOutcome) });
  return {
    tenantId: vetting.tenantId,
    data: {
      vettingId: vetting.id,
      sellerId: vetting.seller.externalId,
      status: vetting.status,
      verdict,
      completedAt: vetting.completedAt?.toISOString() ?? null,
      failure: failureView(vetting),
    },
  };
}

const vettingRow = { id: true, status: true, workflowId: true, createdAt: true, updatedAt: true } as const;

/** Seller vetting on the shared failure path (registered in core/capabilities.ts). */
export const sellerVettingCapability: CapabilityDeclaration = {
  cases: sellerVettingCases,
  unfinishedStatuses: UNFINISHED_VETTING_STATUSES,
  answeredStatuses: SUBJECT_ANSWERED_STATUSES,
  failedEvent: SELLER_VETTING_FAILED_EVENT,
  statements: {
    restrictions: {
      reject: {
        measure: 'signup_rejected',
        description: 'The application to sell on the marketplace is refused.',
        provision: 'DECISION_PROVISION_TOTAL_TERMINATION',
        overturnedOutcome: 'approve',
      },
    },
    contentType: ['CONTENT_TYPE_OTHER'],
    contentTypeOther: 'Seller application (identity and business details)',
    ground: {
      reference: 'The marketplace’s terms for sellers: a trader must give complete and reliable identity and business details (DSA Art. 30).',
      explanation: 'The identity, business or account checks of the application did not hold.',
    },
    categories: [
      { codePrefixes: ['linked.'], category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD', specification: ['KEYWORD_INAUTHENTIC_ACCOUNTS'] },
      { codePrefixes: ['watchlist.'], category: 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC', specification: [] },
      { codePrefixes: ['document.', 'registry.'], category: 'STATEMENT_CATEGORY_CONSUMER_INFORMATION', specification: ['KEYWORD_INSUFFICIENT_INFORMATION_ON_TRADERS'] },
    ],
    defaultCategory: { category: 'STATEMENT_CATEGORY_CONSUMER_INFORMATION', specification: ['KEYWORD_INSUFFICIENT_INFORMATION_ON_TRADERS'] },
    affectedParties: `SELECT v.id, v.tenant_id, 'seller' AS party_type, s.external_id AS party_id, v.created_at AS content_date
                        FROM seller_vettings v JOIN sellers s ON s.id = v.seller_id WHERE v.id = ANY($1::uuid[])`,
    // the application approved after all: the seller too, unless the marketplace banned them since
    overturn: `WITH vetting AS (UPDATE seller_vettings SET final_outcome = $2::outcome, updated_at = now() AT TIME ZONE 'UTC' WHERE id = $1::uuid RETURNING seller_id)
               UPDATE sellers SET status = 'approved', approved_at = now() AT TIME ZONE 'UTC', updated_at = now() AT TIME ZONE 'UTC'
                 FROM vetting WHERE sellers.id = vetting.seller_id AND sellers.status = 'rejected'`,
  },
  rows: {
    find: (prisma, id) => prisma.sellerVetting.findUnique({ where: { id }, select: vettingRow }),
    unfinished: async (prisma, { quietSince, after, take, batchId }) =>
      // vettings come one by one: no batch holds any
      batchId !== undefined
        ? []
        : await prisma.sellerVetting.findMany({
            where: { status: { in: [...UNFINISHED_VETTING_STATUSES] }, updatedAt: { lt: quietSince }, ...afterCursor(after) },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
            take,
            select: vettingRow,
          }),
    markFailed: async (prisma, id, failure) =>
      (await prisma.sellerVetting.updateMany({ where: { id, status: { in: [...UNFINISHED_VETTING_STATUSES] } }, data: failureColumns(failure) })).count > 0,
    describe: sellerVettingEvent,
  },
};
