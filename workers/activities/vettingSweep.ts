import { Context } from '@temporalio/activity';
import type { PrismaClient } from '../../core/database.ts';
import { UNFINISHED_VETTING_STATUSES } from '../../core/vettingFailures.ts';
import { reconcileVetting } from '../../core/vettingReconciliation.ts';
import type { WebhookRetrySettings } from '../../workflows/notifyMarketplace.ts';

/** Where a sweep stopped: the last vetting it looked at, in (createdAt, id) order. */
export interface VettingSweepCursor {
  createdAt: string;
  id: string;
}

export interface VettingSweepBatch {
  checked: number;
  failed: number;
  /** null when this batch reached the end */
  next: VettingSweepCursor | null;
}

/**
 * The sweep's half of reconciliation (core/vettingReconciliation.ts): unfinished vettings that
 * nobody has touched for a while are checked against their workflows, one bounded batch per call,
 * and those whose workflow closed without finishing them become `failed`. The Temporal client is
 * the worker's own (the activity context's).
 */
export function createVettingSweepActivities({ prisma, clock }: { prisma: PrismaClient; clock: () => Date }) {
  return {
    async reconcileUnfinishedVettings(input: {
      untouchedForSeconds: number;
      batchSize: number;
      after: VettingSweepCursor | null;
      taskQueue: string;
      webhook: WebhookRetrySettings;
    }): Promise<VettingSweepBatch> {
      const cutoff = new Date(clock().getTime() - input.untouchedForSeconds * 1000);
      const after = input.after ? { createdAt: new Date(input.after.createdAt), id: input.after.id } : null;
      const rows = await prisma.sellerVetting.findMany({
        where: {
          status: { in: [...UNFINISHED_VETTING_STATUSES] },
          updatedAt: { lt: cutoff },
          ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}),
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: input.batchSize,
        select: { id: true, workflowId: true, createdAt: true },
      });
      const deps = {
        prisma,
        temporal: Context.current().client,
        config: {
          TEMPORAL_TASK_QUEUE: input.taskQueue,
          WEBHOOK_RETRY_INITIAL_SECONDS: input.webhook.initialIntervalSeconds,
          WEBHOOK_RETRY_MAX_INTERVAL_SECONDS: input.webhook.maximumIntervalSeconds,
          WEBHOOK_RETRY_WINDOW_SECONDS: input.webhook.windowSeconds,
        },
      };
      let failed = 0;
      for (const row of rows) {
        if (await reconcileVetting(deps, row)) failed++;
        Context.current().heartbeat(row.id);
      }
      const last = rows.at(-1);
      return { checked: rows.length, failed, next: rows.length < input.batchSize || !last ? null : { createdAt: last.createdAt.toISOString(), id: last.id } };
    },
  };
}

export type VettingSweepActivities = ReturnType<typeof createVettingSweepActivities>;
