import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { WATCHLIST_REFRESH_SCHEDULE_ID } from '../../workflows/watchlistRefresh.ts';

/**
 * Creates the watchlist refresh schedule (first run at once), or brings an existing one's
 * interval and task queue up to date. Every main worker calls it at start; they all converge on
 * the one schedule.
 */
export async function ensureWatchlistRefreshSchedule(client: Client, input: { taskQueue: string; intervalSeconds: number }): Promise<'created' | 'updated'> {
  const spec = { intervals: [{ every: input.intervalSeconds * 1000 }] };
  const action = { type: 'startWorkflow' as const, workflowType: 'watchlistRefresh', taskQueue: input.taskQueue, args: [] };
  try {
    await client.schedule.create({
      scheduleId: WATCHLIST_REFRESH_SCHEDULE_ID,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      state: { triggerImmediately: true },
    });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  await client.schedule.getHandle(WATCHLIST_REFRESH_SCHEDULE_ID).update((previous) => ({ ...previous, spec, action }));
  return 'updated';
}
