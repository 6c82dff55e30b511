import { Context } from '@temporalio/activity';
import { batchFailureEvent, markBatchFailed, reconcileBatch } from '../../core/batchReconciliation.ts';
import { afterCursor, type CapabilityDeclaration, type FailureReason, type SubjectRow } from '../../core/capability.ts';
import type { PrismaClient } from '../../core/database.ts';
import { reconcileSubject, type ReconcileDependencies } from '../../core/reconciliation.ts';
import type { NotificationSubject, WebhookRetrySettings } from '../../workflows/notifyMarketplace.ts';
import { subjectNotFound, unknownSubjectType } from './errors.ts';

/** Where a sweep stopped in one capability: the last subject it looked at, in (createdAt, id) order. */
export interface SweepCursor {
  createdAt: string;
  id: string;
}

export interface SweepBatch {
  checked: number;
  failed: number;
  /** null when this batch reached the end */
  next: SweepCursor | null;
}

/**
 * The activities of the shared failure path (workflows/failurePath.ts, workflows/failureSweep.ts).
 * They take a subject type and find the capability's declaration in the list they are given; no
 * capability is named here.
 */
export function createFailureActivities({ prisma, clock, capabilities }: { prisma: PrismaClient; clock: () => Date; capabilities: readonly CapabilityDeclaration[] }) {
  const declaration = (subjectType: string): CapabilityDeclaration => {
    const found = capabilities.find((capability) => capability.cases.subjectType === subjectType);
    if (!found) throw unknownSubjectType(subjectType);
    return found;
  };
  const event = async (capability: CapabilityDeclaration, subjectId: string): Promise<NotificationSubject> => {
    // gone (an erasure, or a failed post sent again replaces its row): nothing left to describe, and retrying cannot help
    if (!(await capability.rows.find(prisma, subjectId))) throw subjectNotFound(capability.cases.subjectType, subjectId);
    const { tenantId, data } = await capability.rows.describe(prisma, subjectId);
    return { subjectType: capability.cases.subjectType, subjectId, eventType: capability.failedEvent, tenantId, data };
  };

  // reconciliation's dependencies, with the worker's own Temporal client (the activity context's)
  const reconcileDependencies = (input: { taskQueue: string; webhook: WebhookRetrySettings }): ReconcileDependencies => ({
    prisma,
    temporal: Context.current().client,
    config: {
      TEMPORAL_TASK_QUEUE: input.taskQueue,
      WEBHOOK_RETRY_INITIAL_SECONDS: input.webhook.initialIntervalSeconds,
      WEBHOOK_RETRY_MAX_INTERVAL_SECONDS: input.webhook.maximumIntervalSeconds,
      WEBHOOK_RETRY_WINDOW_SECONDS: input.webhook.windowSeconds,
    },
  });
  const reconcileRows = async (capability: CapabilityDeclaration, rows: SubjectRow[], input: { take: number; taskQueue: string; webhook: WebhookRetrySettings }): Promise<SweepBatch> => {
    let failed = 0;
    for (const row of rows) {
      if (await reconcileSubject(reconcileDependencies(input), capability, row)) failed++;
      Context.current().heartbeat(row.id);
    }
    return pageOf(rows, failed, input.take);
  };

  return {
    /**
     * A batch workflow failing for good marks its batch failed, with the reason and detail when the
     * workflow gives them (histories from before it did give none). Its unfinished subjects are
     * failed by reconciliation, which asks the batch's workflow about them once it has closed.
     * Returns the batch's `.failed` event when this call changed it.
     */
    async failBatch({ batchId, reason = 'workflow_failed', detail = 'the batch workflow failed' }: { batchId: string; reason?: FailureReason; detail?: string }): Promise<NotificationSubject | null> {
      if (!(await markBatchFailed(prisma, batchId, { reason, detail, at: clock() }))) return null;
      return batchFailureEvent(await prisma.batch.findUniqueOrThrow({ where: { id: batchId } }));
    },

    /** The `<subject type>_batch.failed` event of a batch already marked failed. */
    async describeBatchFailure({ batchId }: { batchId: string }): Promise<NotificationSubject> {
      return batchFailureEvent(await prisma.batch.findUniqueOrThrow({ where: { id: batchId } }));
    },

    /**
     * One page of a failed batch's unfinished subjects, each reconciled with its workflow (its own,
     * or the batch's while it has none): those left unfinished become `failed`, each with its
     * `.failed` webhook; an escalation whose review still runs is left to it.
     */
    async reconcileBatchSubjects(input: { subjectType: string; batchId: string; after: SweepCursor | null; take: number; taskQueue: string; webhook: WebhookRetrySettings }): Promise<SweepBatch> {
      // A batch whose lines are no subjects with workflows of their own (a brand's codes: written,
      // never judged) declares no capability: none to fail one by one. Its lines not written stay
      // pending, as its results show, and the batch's `.failed` webhook says the rest.
      if (!capabilities.some((capability) => capability.cases.subjectType === input.subjectType)) return { checked: 0, failed: 0, next: null };
      const capability = declaration(input.subjectType);
      const after = input.after ? { createdAt: new Date(input.after.createdAt), id: input.after.id } : null;
      const rows = await capability.rows.unfinished(prisma, { quietSince: clock(), after, take: input.take, batchId: input.batchId });
      return await reconcileRows(capability, rows, input);
    },

    /**
     * The sweep's half of batch reconciliation (core/batchReconciliation.ts): running batches quiet
     * for a while are checked against their workflows, one bounded page per call, oldest first.
     */
    async reconcileRunningBatches(input: { untouchedForSeconds: number; batchSize: number; after: SweepCursor | null; taskQueue: string; webhook: WebhookRetrySettings }): Promise<SweepBatch> {
      const quietSince = new Date(clock().getTime() - input.untouchedForSeconds * 1000);
      const after = input.after ? { createdAt: new Date(input.after.createdAt), id: input.after.id } : null;
      const rows = await prisma.batch.findMany({
        where: { status: 'running', updatedAt: { lt: quietSince }, ...afterCursor(after) },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: input.batchSize,
        select: { id: true, subjectType: true, status: true, workflowId: true, createdAt: true, updatedAt: true },
      });
      let failed = 0;
      for (const row of rows) {
        if (await reconcileBatch(reconcileDependencies(input), row)) failed++;
        Context.current().heartbeat(row.id);
      }
      return pageOf(rows, failed, input.batchSize);
    },

    /**
     * Marks the subject failed if it is still unfinished. Returns the `.failed` event to send when
     * this call changed it, null when the subject had already ended (so only one caller notifies).
     */
    async recordSubjectFailure(input: { subjectType: string; subjectId: string; reason: FailureReason; detail: string }): Promise<NotificationSubject | null> {
      const capability = declaration(input.subjectType);
      const changed = await capability.rows.markFailed(prisma, input.subjectId, { reason: input.reason, detail: input.detail, at: clock() });
      return changed ? await event(capability, input.subjectId) : null;
    },

    /** The `.failed` event of a subject reconciliation already marked failed. */
    async describeSubjectFailure(input: { subjectType: string; subjectId: string }): Promise<NotificationSubject> {
      return await event(declaration(input.subjectType), input.subjectId);
    },

    /**
     * The sweep's half of reconciliation (core/reconciliation.ts): one capability's unfinished
     * subjects that nobody has touched for a while are checked against their workflows, one bounded
     * batch per call, and those whose workflow closed without finishing them become `failed`. The
     * Temporal client is the worker's own (the activity context's).
     */
    async reconcileUnfinishedSubjects(input: {
      subjectType: string;
      untouchedForSeconds: number;
      batchSize: number;
      after: SweepCursor | null;
      taskQueue: string;
      webhook: WebhookRetrySettings;
    }): Promise<SweepBatch> {
      const capability = declaration(input.subjectType);
      const quietSince = new Date(clock().getTime() - input.untouchedForSeconds * 1000);
      const after = input.after ? { createdAt: new Date(input.after.createdAt), id: input.after.id } : null;
      const rows = await capability.rows.unfinished(prisma, { quietSince, after, take: input.batchSize });
      return await reconcileRows(capability, rows, { ...input, take: input.batchSize });
    },
  };
}

/** A page's outcome, and where the next one starts (null at the end). */
function pageOf(rows: { id: string; createdAt: Date }[], failed: number, take: number): SweepBatch {
  const last = rows.at(-1);
  return { checked: rows.length, failed, next: rows.length < take || !last ? null : { createdAt: last.createdAt.toISOString(), id: last.id } };
}

export type FailureActivities = ReturnType<typeof createFailureActivities>;
