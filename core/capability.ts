/**
 * What a capability declares so the shared failure path can end its subjects cleanly: which case
 * subject it is, where its rows live (status and failure columns, the workflow that owns each
 * row), which statuses are unfinished, the `<name>.failed` event it sends and what that event
 * says. The shared code (workflows/failurePath.ts, workers/activities/failures.ts,
 * core/reconciliation.ts, the sweep) reads declarations from the list in core/capabilities.ts and
 * names no capability.
 */
import type { CaseSubjectDefinition } from './cases.ts';
import type { PrismaClient } from './database.ts';
import type { StatementDeclaration } from './statementsOfReasons.ts';

/** Why a subject ended as `failed`: one set of codes for every capability. */
export const FAILURE_REASONS = [
  /** an activity failed for good, or the workflow code failed */
  'workflow_failed',
  /** someone terminated the workflow (it could not record this itself) */
  'workflow_terminated',
  'workflow_cancelled',
  /** the workflow's execution timeout passed */
  'workflow_timed_out',
  /** the workflow closed as completed, yet the subject was never finished */
  'workflow_closed',
  /** Temporal does not know the workflow (never started, or its history was deleted) */
  'workflow_not_found',
  /** the API could not start the workflow (the submission answered 503) */
  'workflow_start_failed',
  /** one item of a batch could not be screened (the batch went on with the others) */
  'screening_failed',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** Longest failure detail kept: enough for an operator, never a whole stack trace. */
export const MAX_FAILURE_DETAIL_LENGTH = 500;

export interface Failure {
  reason: FailureReason;
  detail: string;
  at: Date;
}

/** A subject's row as the shared failure path sees it. */
export interface SubjectRow {
  id: string;
  status: string;
  /** the workflow that should finish this row; null when none does (nothing to ask Temporal) */
  workflowId: string | null;
  createdAt: Date;
  /** when the row last changed */
  updatedAt: Date;
  /**
   * The workflow of the batch the subject came in, which screens it until it escalates: while the
   * subject's own workflow does not exist (yet), that one is asked instead.
   */
  batchWorkflowId?: string | null;
}

/** Where the sweep stopped in a capability's unfinished rows, in (createdAt, id) order. */
export interface SubjectCursor {
  createdAt: Date;
  id: string;
}

/** The row access the shared code needs, written by each capability against its own table. */
export interface SubjectRows {
  find(prisma: PrismaClient, id: string): Promise<SubjectRow | null>;
  /**
   * Unfinished rows untouched since `quietSince`, after the cursor, oldest first; with `batchId`,
   * only that batch's (none, for a capability that takes no batches).
   */
  unfinished(prisma: PrismaClient, query: { quietSince: Date; after: SubjectCursor | null; take: number; batchId?: string }): Promise<SubjectRow[]>;
  /** sets status `failed` and the failure columns if the row is still unfinished; true when this call changed it */
  markFailed(prisma: PrismaClient, id: string, failure: Failure): Promise<boolean>;
  /**
   * The webhook's `data` and tenant for this subject (ids, status, reason codes; no personal
   * data, no listing or post text). A failed subject's `data.failure` is `{ reason, detail, failedAt }`.
   */
  describe(prisma: PrismaClient, id: string): Promise<{ tenantId: string; data: Record<string, unknown> }>;
}

/**
 * The statuses in which a subject has an answer for its submitter: final, waiting for a
 * moderator, or failed. A capability whose subjects have more (a state the submitter can already
 * be told) declares them beside these in its `answeredStatuses`.
 */
export const SUBJECT_ANSWERED_STATUSES = ['awaiting_review', 'completed', 'failed'] as const;

export interface CapabilityDeclaration {
  /** the capability's case subject (its `subjectType` names it on cases, verdicts, events and here) */
  cases: CaseSubjectDefinition;
  /** the statuses from which a subject can still finish (anything else is final) */
  unfinishedStatuses: readonly string[];
  /**
   * The statuses a `?wait` answers on (api/verdictWait.ts); its table's `subject_answered`
   * trigger announces the same ones (see the migration 20261206100000_subject_answered_notify).
   */
  answeredStatuses: readonly string[];
  /** e.g. `listing_screening.failed` */
  failedEvent: string;
  rows: SubjectRows;
  /**
   * which final outcomes restrict, what their statements of reasons say and how an appeal undoes
   * them (core/statementsOfReasons.ts); absent for a capability that restricts nothing (appeals)
   */
  statements?: StatementDeclaration;
}

/** The failure columns as the API shows them (null unless the subject failed). */
export function failureView(row: { status: string; failureReason: string | null; failureDetail: string | null; failedAt: Date | null }) {
  if (row.status !== 'failed') return null;
  return { reason: row.failureReason ?? 'workflow_failed', detail: row.failureDetail ?? null, failedAt: row.failedAt?.toISOString() ?? null };
}

/** The failure columns a `markFailed` writes. */
export const failureColumns = (failure: Failure) => ({
  status: 'failed' as const,
  failureReason: failure.reason,
  failureDetail: failure.detail.slice(0, MAX_FAILURE_DETAIL_LENGTH),
  failedAt: failure.at,
});

/** The (createdAt, id) > cursor condition of `unfinished` queries. */
export const afterCursor = (after: SubjectCursor | null) =>
  after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {};
