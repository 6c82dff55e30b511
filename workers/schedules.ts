import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { defaultRequestRecordsPurge, type purgeRequestRecords } from '../workflows/requestRecordsPurge.ts';

export const REQUEST_RECORDS_PURGE_SCHEDULE_ID = 'request-records-purge';

/**
 * The Temporal Schedule that runs the purge of expired request records. Every main worker calls
 * this at start: the first creates the schedule, later ones (restarts, replicas) bring its
 * interval and task queue up to date, so there is always exactly one schedule.
 */
export async function ensureRequestRecordsPurgeSchedule(
  client: Client,
  options: { taskQueue: string; intervalMinutes: number; scheduleId?: string },
): Promise<void> {
  const scheduleId = options.scheduleId ?? REQUEST_RECORDS_PURGE_SCHEDULE_ID;
  const spec = { intervals: [{ every: `${options.intervalMinutes}m` }] };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'purgeRequestRecords',
    workflowId: `${scheduleId}-run`,
    taskQueue: options.taskQueue,
    args: [defaultRequestRecordsPurge] as Parameters<typeof purgeRequestRecords>,
  };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP } });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
  }
}
