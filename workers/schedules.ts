import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { defaultRequestRecordsPurge, type purgeRequestRecords } from '../workflows/requestRecordsPurge.ts';
import type { sweepUnfinishedVettings } from '../workflows/vettingSweep.ts';

export const REQUEST_RECORDS_PURGE_SCHEDULE_ID = 'request-records-purge';
export const VETTING_SWEEP_SCHEDULE_ID = 'vetting-sweep';

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

/** The sweep of unfinished vettings whose workflow closed without finishing them (workflows/vettingSweep.ts). */
export async function ensureVettingSweepSchedule(
  client: Client,
  options: { taskQueue: string; intervalMinutes: number; scheduleId?: string; sweep: Parameters<typeof sweepUnfinishedVettings>[0] },
): Promise<void> {
  const args: Parameters<typeof sweepUnfinishedVettings> = [options.sweep];
  await ensureIntervalSchedule(client, { ...options, scheduleId: options.scheduleId ?? VETTING_SWEEP_SCHEDULE_ID, workflowType: 'sweepUnfinishedVettings', args });
}
