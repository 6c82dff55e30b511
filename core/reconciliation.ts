/**
 * Reconciliation from outside the workflow, for every capability on the shared failure path: a
 * terminated (or timed-out, or vanished) workflow cannot record its own end, so whoever next looks
 * at an unfinished subject (a GET, a vetting's resubmission, or the scheduled sweep of subjects
 * nobody reads) asks Temporal how its workflow is doing. Closed without finishing the subject: the
 * subject becomes `failed` and a small workflow (`failureNotice`) sends its `<name>.failed` webhook.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client, type WorkflowExecutionStatusName } from '@temporalio/client';
import { failureNoticeWorkflowId } from '../workflows/names.ts';
import type { failureNotice } from '../workflows/failurePath.ts';
import type { CapabilityDeclaration, FailureReason, SubjectRow } from './capability.ts';
import type { Config } from './config.ts';
import type { PrismaClient } from './database.ts';
import { withTemporalDeadline } from './temporal.ts';
import { startPending } from './workflowStarts.ts';
import { webhookRetrySettings } from './webhookRetry.ts';

export interface ReconcileDependencies {
  prisma: PrismaClient;
  temporal: Client;
  config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'WEBHOOK_RETRY_INITIAL_SECONDS' | 'WEBHOOK_RETRY_MAX_INTERVAL_SECONDS' | 'WEBHOOK_RETRY_WINDOW_SECONDS'>;
}

/** A closed workflow's status, as the reason a subject (or batch) it left unfinished failed. */
export const CLOSED: Partial<Record<WorkflowExecutionStatusName, FailureReason>> = {
  FAILED: 'workflow_failed',
  TERMINATED: 'workflow_terminated',
  CANCELLED: 'workflow_cancelled',
  TIMED_OUT: 'workflow_timed_out',
  COMPLETED: 'workflow_closed',
};

// Starts that bypass the outbox (core/workflowStarts.ts) store their row first and start within the
// 5 s Temporal deadline: a younger row whose workflow is unknown may simply not have started yet.
export const WORKFLOW_START_GRACE_MS = 60_000;

/**
 * Where a subject's or batch's workflow stands: its start still waiting in the outbox, running,
 * closed (with the failure reason its closing status means, `workflow_closed` for one that
 * completed without finishing its subject), or unknown to Temporal.
 */
export type WorkflowStanding = { state: 'pending' } | { state: 'running' } | { state: 'closed'; reason: FailureReason; status: string } | { state: 'not_found' };

export async function workflowStanding(deps: Pick<ReconcileDependencies, 'prisma' | 'temporal'>, workflowId: string): Promise<WorkflowStanding> {
  const { prisma, temporal } = deps;
  // the outbox first: its row goes only once the workflow exists, so a start still waiting
  // (Temporal unreachable for a while) is never taken for a lost workflow
  if (await startPending(prisma, workflowId)) return { state: 'pending' };
  try {
    const description = await withTemporalDeadline(temporal, () => temporal.workflow.getHandle(workflowId).describe());
    const reason = CLOSED[description.status.name];
    return reason ? { state: 'closed', reason, status: description.status.name } : { state: 'running' };
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    return { state: 'not_found' };
  }
}

/** Unknown to Temporal and past the start grace: lost. */
export const pastStartGrace = (createdAt: Date) => Date.now() - createdAt.getTime() >= WORKFLOW_START_GRACE_MS;

const isUnfinished = (capability: CapabilityDeclaration, row: SubjectRow) => capability.unfinishedStatuses.includes(row.status);

/** True when the subject's workflow had closed without finishing it and the subject is now `failed`. */
export async function reconcileSubject(deps: ReconcileDependencies, capability: CapabilityDeclaration, row: SubjectRow): Promise<boolean> {
  const { prisma, temporal, config } = deps;
  if (!row.workflowId || !isUnfinished(capability, row)) return false;
  const workflowId = row.workflowId;
  const what = capability.cases.label.toLowerCase();
  const own = await workflowStanding(deps, workflowId);
  let reason: FailureReason;
  let detail: string;
  if (own.state === 'pending' || own.state === 'running') return false;
  if (own.state === 'closed') {
    reason = own.reason;
    detail = `workflow ${workflowId} closed as ${own.status} without finishing the ${what}`;
  } else {
    // a subject of a batch has a workflow of its own only once it escalates: until then its batch answers for it
    const batch = row.batchWorkflowId ? await workflowStanding(deps, row.batchWorkflowId) : undefined;
    if (batch?.state === 'pending' || batch?.state === 'running') return false;
    if (batch?.state === 'closed') {
      reason = batch.reason;
      detail = `batch workflow ${row.batchWorkflowId} closed as ${batch.status} without finishing the ${what}`;
    } else {
      // a batch that answered needs no grace: it starts its subjects' workflows before it closes
      if (!pastStartGrace(row.createdAt)) return false;
      reason = 'workflow_not_found';
      detail = batch ? `Temporal knows neither workflow ${workflowId} nor its batch's ${row.batchWorkflowId}` : `Temporal does not know workflow ${workflowId}`;
    }
  }
  if (!(await capability.rows.markFailed(prisma, row.id, { reason, detail, at: new Date() }))) return false;
  const subjectType = capability.cases.subjectType;
  try {
    await withTemporalDeadline(temporal, () =>
      temporal.workflow.start<typeof failureNotice>('failureNotice', {
        workflowId: failureNoticeWorkflowId(subjectType, row.id),
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        args: [{ subjectType, subjectId: row.id, webhook: webhookRetrySettings(config) }],
      }),
    );
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  return true;
}

/**
 * A GET of an unfinished subject that has been quiet for `quietForMs` also checks its workflow is
 * still running. Best effort: Temporal not answering leaves the subject as it is (`onError` is
 * told). True when the subject is now `failed` (the caller presents it again).
 */
export async function reconcileOnRead(
  deps: ReconcileDependencies,
  capability: CapabilityDeclaration,
  id: string,
  options: { quietForMs: number; onError: (error: unknown) => void },
): Promise<boolean> {
  const row = await capability.rows.find(deps.prisma, id);
  if (!row || !isUnfinished(capability, row)) return false;
  if (Date.now() - row.updatedAt.getTime() < options.quietForMs) return false;
  try {
    return await reconcileSubject(deps, capability, row);
  } catch (error) {
    options.onError(error);
    return false;
  }
}
