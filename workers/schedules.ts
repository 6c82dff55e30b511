import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { defaultRequestRecordsPurge, type purgeRequestRecords } from '../workflows/requestRecordsPurge.ts';
import type { sweepUnfinishedSubjects } from '../workflows/failureSweep.ts';
import { defaultStatementExport, type exportStatements } from '../workflows/statementExport.ts';
import { webhookDispatchWorkflowId, type WebhookDispatchInput, type webhookDispatch } from '../workflows/webhookDispatch.ts';

export const REQUEST_RECORDS_PURGE_SCHEDULE_ID = 'request-records-purge';
export const FAILURE_SWEEP_SCHEDULE_ID = 'failure-sweep';
export const STATEMENT_EXPORT_SCHEDULE_ID = 'statement-export';
/** the sweep's schedule when it swept vettings only; deleted once the shared sweep's exists */
const RETIRED_SWEEP_SCHEDULE_ID = 'vetting-sweep';

/**
 * A Temporal Schedule that starts one workflow every so many minutes. Every main worker calls
 * this at start: the first creates the schedule, later ones (restarts, replicas) bring its
 * interval, arguments and task queue up to date, so there is always exactly one schedule. A run
 * still going when the next is due is not doubled (overlap SKIP).
 */
async function ensureIntervalSchedule(
  client: Client,
  options: { scheduleId: string; workflowType: string; args: unknown[]; taskQueue: string; intervalMinutes: number },
): Promise<void> {
  const spec = { intervals: [{ every: `${options.intervalMinutes}m` }] };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: options.workflowType,
    workflowId: `${options.scheduleId}-run`,
    taskQueue: options.taskQueue,
    args: options.args,
  };
  try {
    await client.schedule.create({ scheduleId: options.scheduleId, spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP } });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(options.scheduleId).update((previous) => ({ ...previous, spec, action }));
  }
}

/** The purge of expired request records (workflows/requestRecordsPurge.ts). */
export async function ensureRequestRecordsPurgeSchedule(
  client: Client,
  options: { taskQueue: string; intervalMinutes: number; scheduleId?: string },
): Promise<void> {
  const args: Parameters<typeof purgeRequestRecords> = [defaultRequestRecordsPurge];
  await ensureIntervalSchedule(client, { ...options, scheduleId: options.scheduleId ?? REQUEST_RECORDS_PURGE_SCHEDULE_ID, workflowType: 'purgeRequestRecords', args });
}

/**
 * The sweep of unfinished subjects whose workflow closed without finishing them, for every
 * capability on the failure path (workflows/failureSweep.ts). Replaces the vettings-only schedule
 * of earlier releases, which is deleted here, so one sweep runs however the deployment was upgraded.
 */
export async function ensureFailureSweepSchedule(
  client: Client,
  options: { taskQueue: string; intervalMinutes: number; scheduleId?: string; sweep: Parameters<typeof sweepUnfinishedSubjects>[0] },
): Promise<void> {
  const args: Parameters<typeof sweepUnfinishedSubjects> = [options.sweep];
  await ensureIntervalSchedule(client, { ...options, scheduleId: options.scheduleId ?? FAILURE_SWEEP_SCHEDULE_ID, workflowType: 'sweepUnfinishedSubjects', args });
  if (options.scheduleId === undefined) {
    try {
      await client.schedule.getHandle(RETIRED_SWEEP_SCHEDULE_ID).delete();
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    }
  }
}

/** The submission of statements of reasons to the DSA Transparency Database (workflows/statementExport.ts). */
export async function ensureStatementExportSchedule(client: Client, options: { taskQueue: string; intervalMinutes: number; scheduleId?: string }): Promise<void> {
  const args: Parameters<typeof exportStatements> = [defaultStatementExport];
  await ensureIntervalSchedule(client, { ...options, scheduleId: options.scheduleId ?? STATEMENT_EXPORT_SCHEDULE_ID, workflowType: 'exportStatements', args });
}

/**
 * The dispatcher of webhook events recorded outside a workflow (workflows/webhookDispatch.ts): one
 * per task queue. Every main worker calls this at start; the first starts it and the others find
 * it running. A restart with new retry settings leaves the running one as it is until it
 * continues as new with its own input, so changed settings apply after `temporal workflow
 * terminate --workflow-id webhook-dispatch-<queue>` and a worker restart.
 */
export async function ensureWebhookDispatch(client: Client, options: { taskQueue: string; input: WebhookDispatchInput }): Promise<void> {
  await client.workflow.start<typeof webhookDispatch>('webhookDispatch', {
    workflowId: webhookDispatchWorkflowId(options.taskQueue),
    taskQueue: options.taskQueue,
    args: [options.input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}
