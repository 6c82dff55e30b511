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

// A submission stores its row before it starts the workflow (within the 5 s Temporal deadline):
// a younger row whose workflow is unknown may simply not have started yet.
export const WORKFLOW_START_GRACE_MS = 60_000;

const isUnfinished = (capability: CapabilityDeclaration, row: SubjectRow) => capability.unfinishedStatuses.includes(row.status);

/** True when the subject's workflow had closed without finishing it and the subject is now `failed`. */
export async function reconcileSubject(deps: ReconcileDependencies, capability: CapabilityDeclaration, row: SubjectRow): Promise<boolean> {
  const { prisma, temporal, config } = deps;
  if (!row.workflowId || !isUnfinished(capability, row)) return false;
  const workflowId = row.workflowId;
  let reason: FailureReason | undefined;
  let detail: string;
  try {
    const description = await withTemporalDeadline(temporal, () => temporal.workflow.getHandle(workflowId).describe());
    reason = CLOSED[description.status.name];
    detail = `workflow ${workflowId} closed as ${description.status.name} without finishing the ${capability.cases.label.toLowerCase()}`;
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    reason = 'workflow_not_found';
    detail = `Temporal does not know workflow ${workflowId}`;
    // a subject of a batch has a workflow of its own only once it escalates: until then its batch's answers for it
    const batchWorkflowId = row.batchWorkflowId;
    let batchKnown = false;
    if (batchWorkflowId) {
      try {
        const batch = await withTemporalDeadline(temporal, () => temporal.workflow.getHandle(batchWorkflowId).describe());
        batchKnown = true;
        reason = CLOSED[batch.status.name];
        detail = `batch workflow ${batchWorkflowId} closed as ${batch.status.name} without finishing the ${capability.cases.label.toLowerCase()}`;
      } catch (batchError) {
        if (!(batchError instanceof WorkflowNotFoundError)) throw batchError;
        detail = `Temporal knows neither workflow ${workflowId} nor its batch's ${batchWorkflowId}`;
      }
    }
    // a batch that answered needs no grace: it starts its subjects' workflows before it closes
    if (!batchKnown && Date.now() - row.createdAt.getTime() < WORKFLOW_START_GRACE_MS) return false;
  }
  if (!reason) return false;
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
