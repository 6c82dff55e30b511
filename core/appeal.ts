/**
 * Appeals (DSA Art. 20): the party a restriction restricts asks for it to be decided again. An
 * appeal is a capability on the shared pipeline like any other (a case, a workflow, a verdict, a
 * webhook, the failure path), with two rules of its own: a person always decides it (its policy
 * escalates every appeal; nothing settles one automatically), and not the person who took the
 * decision appealed. Overturning undoes the restriction in the capability that took it, through
 * that capability's declaration (`overturn` in core/statementsOfReasons.ts), withdraws its strike
 * and marks its statement of reasons overturned, in one transaction.
 */
import { afterCursor, failureColumns, failureView, SUBJECT_ANSWERED_STATUSES, type CapabilityDeclaration } from './capability.ts';
import type { CaseSubjectDefinition } from './cases.ts';
import type { PrismaClient } from './database.ts';
import { presentVerdict } from './verdictView.ts';

export const APPEAL_POLICY_KEY = 'appeal';
export const APPEAL_COMPLETED_EVENT = 'appeal.completed';
export const APPEAL_FAILED_EVENT = 'appeal.failed';
export const UNFINISHED_APPEAL_STATUSES = ['received', 'screening', 'awaiting_review'] as const;
export const APPELLANT_TYPES = ['seller', 'creator'] as const;
export type AppealOutcome = 'upheld' | 'overturned';
export type AppealStatus = (typeof UNFINISHED_APPEAL_STATUSES)[number] | 'completed' | 'failed';
/** Longest appellant's statement, in characters. */
export const APPEAL_STATEMENT_MAX_LENGTH = 5000;

/** Cases opened by appeals: a moderator upholds the decision or overturns it, saying why. */
export const appealCases = {
  subjectType: 'appeal',
  label: 'Appeal',
  decisions: [
    { value: 'upheld', label: 'Uphold the decision', noteRequired: true },
    { value: 'overturned', label: 'Overturn the decision', noteRequired: true, destructive: true },
  ],
} as const satisfies CaseSubjectDefinition;

/** The shipped `appeal` policy: every appeal goes to a person (Art. 20(6): not solely automated). */
export const shippedAppealPolicy = {
  verdicts: ['escalate', 'none'],
  rules: [{ code: 'appeal.received', action: 'escalate' }],
  requireForApproval: [] as string[],
  unmatched: { info: 'ignore', low: 'ignore', medium: 'escalate', high: 'escalate', critical: 'escalate' },
  priorityBySeverity: { info: 'low', low: 'low', medium: 'normal', high: 'high', critical: 'urgent' },
};

const appealRow = { id: true, status: true, workflowId: true, createdAt: true, updatedAt: true } as const;

/**
 * An appeal as the API and its webhooks show it: what was appealed, by whom, and the verdict (the
 * moderator's decision, with the case). The appellant's words are shown to moderators only.
 */
export async function presentAppeal(prisma: PrismaClient, id: string, tenantId?: string) {
  const row = await prisma.appeal.findFirst({ where: { id, ...(tenantId === undefined ? {} : { tenantId }) } });
  if (!row) return null;
  const verdict = await presentVerdict(prisma, appealCases.subjectType, { id: row.id, outcome: row.outcome });
  return {
    tenantId: row.tenantId,
    view: {
      id: row.id,
      status: row.status as AppealStatus,
      subject: { type: row.subjectType, id: row.subjectId },
      statementOfReasonsId: row.statementId,
      appellant: { type: row.appellantType, id: row.appellantId },
      verdict,
      createdAt: row.createdAt.toISOString(),
      completedAt: row.completedAt?.toISOString() ?? null,
      failure: failureView(row),
    },
  };
}

/** The `data` of `appeal.completed` and `appeal.failed`. */
export async function appealEvent(prisma: PrismaClient, appealId: string): Promise<{ tenantId: string; data: Record<string, unknown> }> {
  const presented = await presentAppeal(prisma, appealId);
  if (!presented) throw new Error(`no appeal ${appealId}`);
  const { id, ...rest } = presented.view;
  return { tenantId: presented.tenantId, data: { appealId: id, ...rest } };
}

/** Appeals on the shared failure path (registered in core/capabilities.ts). */
export const appealCapability: CapabilityDeclaration = {
  cases: appealCases,
  unfinishedStatuses: UNFINISHED_APPEAL_STATUSES,
  answeredStatuses: SUBJECT_ANSWERED_STATUSES,
  failedEvent: APPEAL_FAILED_EVENT,
  rows: {
    find: (prisma, id) => prisma.appeal.findUnique({ where: { id }, select: appealRow }),
    unfinished: async (prisma, { quietSince, after, take, batchId }) =>
      // appeals come one by one: no batch holds any
      batchId !== undefined
        ? []
        : await prisma.appeal.findMany({
            where: { status: { in: [...UNFINISHED_APPEAL_STATUSES] }, updatedAt: { lt: quietSince }, ...afterCursor(after) },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
            take,
            select: appealRow,
          }),
    markFailed: async (prisma, id, failure) => (await prisma.appeal.updateMany({ where: { id, status: { in: [...UNFINISHED_APPEAL_STATUSES] } }, data: failureColumns(failure) })).count > 0,
    describe: appealEvent,
  },
};
