/**
 * Reconciliation of batches, for every capability that takes them: a batch's workflow that is
 * terminated (or times out, or vanishes) cannot record its own end, so whoever next looks at a
 * running batch quiet for a while (its GET, in the API or the console, or the scheduled sweep)
 * asks Temporal about the batch's workflow. Closed without finishing the batch: the batch becomes
 * `failed` with a reason and a detail, and a small workflow (`batchFailureNotice`) fails the
 * batch's unfinished subjects through subject reconciliation (each with its `.failed` webhook)
 * and then sends one `<subject type>_batch.failed` webhook.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Batch } from '../prisma/generated/client.ts';
import type { batchFailureNotice } from '../workflows/batchFailure.ts';
import { batchFailureNoticeWorkflowId } from '../workflows/names.ts';
import { failureColumns, failureView, type Failure, type FailureReason } from './capability.ts';
import { pastStartGrace, workflowStanding, type ReconcileDependencies } from './reconciliation.ts';
import { withTemporalDeadline } from './temporal.ts';
import { webhookRetrySettings } from './webhookRetry.ts';

/** The event a failed batch sends: `listing_screening_batch.failed`, `content_screening_batch.failed`. */
export const batchEventSubjectType = (subjectType: string): string => `${subjectType}_batch`;
export const batchFailedEvent = (subjectType: string): string => `${batchEventSubjectType(subjectType)}.failed`;

type BatchRow = Pick<Batch, 'id' | 'subjectType' | 'status' | 'workflowId' | 'createdAt' | 'updatedAt'>;

/** Sets the batch `failed` with its failure columns if it still runs; true when this call changed it. */
export async function markBatchFailed(prisma: ReconcileDependencies['prisma'], batchId: string, failure: Failure): Promise<boolean> {
  const { status, failureReason, failureDetail, failedAt } = failureColumns(failure);
  const changed = await prisma.batch.updateMany({ where: { id: batchId, status: 'running' }, data: { status, failureReason, failureDetail, failedAt, completedAt: failure.at } });
  return changed.count > 0;
}

/** How the batch's workflow ended, when it closed without finishing the batch (undefined while it runs, or may still start). */
async function closedWithoutFinishing(deps: ReconcileDependencies, batch: BatchRow): Promise<{ reason: FailureReason; detail: string } | undefined> {
  const standing = await workflowStanding(deps, batch.workflowId);
  if (standing.state === 'closed') return { reason: standing.reason, detail: `batch workflow ${batch.workflowId} closed as ${standing.status} without finishing the batch` };
  if (standing.state === 'not_found' && pastStartGrace(batch.createdAt)) return { reason: 'workflow_not_found', detail: `Temporal does not know batch workflow ${batch.workflowId}` };
  return undefined;
}

/**
 * True when the batch's workflow had closed without finishing it and the batch is now `failed`;
 * its subjects are then failed, and the marketplace told, by `batchFailureNotice`.
 */
export async function reconcileBatch(deps: ReconcileDependencies, batch: BatchRow): Promise<boolean> {
  if (batch.status !== 'running') return false;
  const ended = await closedWithoutFinishing(deps, batch);
  if (!ended) return false;
  if (!(await markBatchFailed(deps.prisma, batch.id, { ...ended, at: new Date() }))) return false;
  await startBatchFailureNotice(deps, batch);
  return true;
}

/** Starts the notice of a failed batch (once: its id derives from the batch). */
export async function startBatchFailureNotice(deps: ReconcileDependencies, batch: Pick<Batch, 'id' | 'subjectType'>): Promise<void> {
  const { temporal, config } = deps;
  try {
    await withTemporalDeadline(temporal, () =>
      temporal.workflow.start<typeof batchFailureNotice>('batchFailureNotice', {
        workflowId: batchFailureNoticeWorkflowId(batch.id),
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        args: [{ subjectType: batch.subjectType, batchId: batch.id, after: null, webhook: webhookRetrySettings(config) }],
      }),
    );
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/**
 * A GET of a running batch quiet for `quietForMs` also checks its workflow. Best effort: Temporal
 * not answering leaves the batch as it is (`onError` is told). True when the batch is now `failed`.
 */
export async function reconcileBatchOnRead(deps: ReconcileDependencies, batch: BatchRow, options: { quietForMs: number; onError: (error: unknown) => void }): Promise<boolean> {
  if (batch.status !== 'running' || Date.now() - batch.updatedAt.getTime() < options.quietForMs) return false;
  try {
    return await reconcileBatch(deps, batch);
  } catch (error) {
    options.onError(error);
    return false;
  }
}

/** The `data` of `<subject type>_batch.failed`: ids, the counts and the failure. */
export function batchFailureEvent(batch: Batch): { subjectType: string; subjectId: string; eventType: string; tenantId: string; data: Record<string, unknown> } {
  return {
    subjectType: batchEventSubjectType(batch.subjectType),
    subjectId: batch.id,
    eventType: batchFailedEvent(batch.subjectType),
    tenantId: batch.tenantId,
    data: { batchId: batch.id, status: batch.status, total: batch.total, done: batch.done, failed: batch.failed, refused: batch.refused, failure: failureView(batch) },
  };
}
