/**
 * The batch path's activities, the same for every capability: screen a range of a batch in bulk
 * (the capability registered for the batch's subject type does the screening), start a range's
 * escalations' review workflows, and mark the batch completed with its counts. See
 * workflows/batch.ts.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import pLimit from 'p-limit';
import type { PrismaClient } from '../../core/database.ts';
import type { BatchCapability, BatchEscalation } from '../batches/capability.ts';
import { sql, type SqlStatement } from '../../core/sql.ts';
import { openRangeCases } from './cases.ts';

/** Moves a batch's counters (and its last change, which reconciliation reads as "quiet since"). */
export const batchProgress = (batchId: string, done: number, failed: number): SqlStatement =>
  sql(`UPDATE batches SET done = done + $2, failed = failed + $3, updated_at = now() AT TIME ZONE 'UTC' WHERE id = $1::uuid`, [batchId, done, failed]);

export interface BatchRangeRequest {
  subjectType: string;
  batchId: string;
  afterPosition: number;
  throughPosition: number;
  /** the normal SLA of the batch's cases, which its ranges open (absent in batches started before they did) */
  caseSlaSeconds?: number;
}

export interface BatchReviewsRequest {
  /** the review-only workflow's type, the settings all of a batch's starts share, and its task queue */
  workflowType: string;
  settings: Record<string, unknown>;
  taskQueue: string;
  escalations: BatchEscalation[];
}

/**
 * The activity's heartbeat at most once a second: ranges call it per subject, and each call goes
 * through the SDK's observable pipeline (a fifth of a content range's CPU when called per post)
 * while the server only needs one within the two-minute heartbeat timeout.
 */
function throttledHeartbeat(everyMs = 1_000): (detail?: unknown) => void {
  let last = 0;
  return (detail) => {
    const now = performance.now();
    if (now - last < everyMs) return;
    last = now;
    Context.current().heartbeat(detail);
  };
}

/** Review workflow starts in flight at once: each is one round trip to the server. */
const REVIEW_STARTS_AT_ONCE = 16;

export function createBatchActivities({ prisma, clock, capabilities }: { prisma: PrismaClient; clock: () => Date; capabilities: BatchCapability[] }) {
  const registered = new Map(capabilities.map((capability) => [capability.subjectType, capability]));
  if (registered.size !== capabilities.length) throw new Error('two batch capabilities share a subject type');
  const capabilityOf = (subjectType: string) => {
    const capability = registered.get(subjectType);
    if (!capability) throw ApplicationFailure.nonRetryable(`no batch capability for ${subjectType}`, 'BatchCapabilityUnknown');
    return capability;
  };

  return {
    async screenBatchRange({ subjectType, batchId, afterPosition, throughPosition, caseSlaSeconds }: BatchRangeRequest): Promise<{ escalated: BatchEscalation[] }> {
      return await capabilityOf(subjectType).screenRange({
        batchId,
        afterPosition,
        throughPosition,
        progress: (done, failed) => batchProgress(batchId, done, failed),
        openCases: async (runner, cases) => (caseSlaSeconds === undefined ? new Map() : await openRangeCases(runner, { subjectType, normalSlaSeconds: caseSlaSeconds, now: clock(), cases })),
        heartbeat: throttledHeartbeat(),
      });
    },

    /**
     * Starts the review workflow of each escalation. Their ids are the subjects' own, and a
     * workflow with the id, running or closed, is never started again: a retried activity (or a
     * retried range) starts only those still missing.
     */
    async startBatchReviews({ workflowType, settings, taskQueue, escalations }: BatchReviewsRequest): Promise<void> {
      const { client } = Context.current();
      const limit = pLimit(REVIEW_STARTS_AT_ONCE);
      await Promise.all(
        escalations.map(({ workflowId, input }) =>
          limit(async () => {
            try {
              await client.workflow.start(workflowType, { workflowId, taskQueue, args: [{ ...settings, ...input }], workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE });
            } catch (error) {
              if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
            }
          }),
        ),
      );
    },

    async finishBatch({ subjectType, batchId }: { subjectType: string; batchId: string }): Promise<Record<string, unknown>> {
      const batch = await prisma.batch.update({ where: { id: batchId }, data: { status: 'completed', completedAt: clock() } });
      return { batchId, total: batch.total, done: batch.done, failed: batch.failed, ...(await capabilityOf(subjectType).summary(batchId)) };
    },
  };
}

export type BatchActivities = ReturnType<typeof createBatchActivities>;
