import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client, type WorkflowExecutionStatusName } from '@temporalio/client';
import type { WebhookRetrySettings } from '../workflows/notifyMarketplace.ts';
import { sellerVettingFailureNoticeWorkflowId } from '../workflows/names.ts';
import type { sellerVettingFailureNotice } from '../workflows/vettingFailure.ts';
import type { Config } from './config.ts';
import type { PrismaClient } from './database.ts';
import { withTemporalDeadline } from './temporal.ts';
import { markVettingFailed, UNFINISHED_VETTING_STATUSES, type VettingFailureReason } from './vettingFailures.ts';

/**
 * Reconciliation from outside the workflow: a terminated (or timed-out) workflow cannot record
 * its own end, so whoever next looks at an unfinished vetting (a new submission for the seller, a
 * GET, or the scheduled sweep of vettings nobody reads) asks Temporal how its workflow is doing.
 * Closed without finishing the vetting: the vetting becomes `failed` and a small workflow sends
 * the `seller_vetting.failed` webhook.
 */
export interface ReconcileDependencies {
  prisma: PrismaClient;
  temporal: Client;
  config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'WEBHOOK_RETRY_INITIAL_SECONDS' | 'WEBHOOK_RETRY_MAX_INTERVAL_SECONDS' | 'WEBHOOK_RETRY_WINDOW_SECONDS'>;
}

const CLOSED: Partial<Record<WorkflowExecutionStatusName, VettingFailureReason>> = {
  FAILED: 'workflow_failed',
  TERMINATED: 'workflow_terminated',
  CANCELLED: 'workflow_cancelled',
  TIMED_OUT: 'workflow_timed_out',
  COMPLETED: 'workflow_closed',
};

// A submission stores its row before it starts the workflow (within the 5 s Temporal deadline):
// a younger row whose workflow is unknown may simply not have started yet.
const WORKFLOW_START_GRACE_MS = 60_000;

export function webhookRetrySettings(config: ReconcileDependencies['config']): WebhookRetrySettings {
  return {
    initialIntervalSeconds: config.WEBHOOK_RETRY_INITIAL_SECONDS,
    maximumIntervalSeconds: config.WEBHOOK_RETRY_MAX_INTERVAL_SECONDS,
    windowSeconds: config.WEBHOOK_RETRY_WINDOW_SECONDS,
  };
}

/** True when the vetting's workflow had closed without finishing it and the vetting is now `failed`. */
export async function reconcileVetting(deps: ReconcileDependencies, vetting: { id: string; workflowId: string; createdAt: Date }): Promise<boolean> {
  const { prisma, temporal, config } = deps;
  let reason: VettingFailureReason | undefined;
  let detail: string;
  try {
    const description = await withTemporalDeadline(temporal, () => temporal.workflow.getHandle(vetting.workflowId).describe());
    reason = CLOSED[description.status.name];
    detail = `workflow ${vetting.workflowId} closed as ${description.status.name} without finishing the vetting`;
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    if (Date.now() - vetting.createdAt.getTime() < WORKFLOW_START_GRACE_MS) return false;
    reason = 'workflow_not_found';
    detail = `Temporal does not know workflow ${vetting.workflowId}`;
  }
  if (!reason) return false;
  if (!(await markVettingFailed(prisma, { vettingId: vetting.id, reason, detail, at: new Date() }))) return false;
  try {
    await withTemporalDeadline(temporal, () =>
      temporal.workflow.start<typeof sellerVettingFailureNotice>('sellerVettingFailureNotice', {
        workflowId: sellerVettingFailureNoticeWorkflowId(vetting.id),
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        args: [{ vettingId: vetting.id, webhook: webhookRetrySettings(config) }],
      }),
    );
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  return true;
}

/** Reconciles the seller's unfinished vetting, if any; true when it freed the seller for a new vetting. */
export async function reconcileSellersUnfinishedVetting(deps: ReconcileDependencies, tenantId: string, externalSellerId: string): Promise<boolean> {
  const stuck = await deps.prisma.sellerVetting.findFirst({
    where: { tenantId, seller: { externalId: externalSellerId }, status: { in: [...UNFINISHED_VETTING_STATUSES] } },
    select: { id: true, workflowId: true, createdAt: true },
  });
  return stuck ? await reconcileVetting(deps, stuck) : false;
}
