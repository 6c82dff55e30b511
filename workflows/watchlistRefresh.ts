/**
 * Scheduled refresh of the sanctions and banned-party lists (a Temporal Schedule starts it every
 * WATCHLIST_REFRESH_INTERVAL_SECONDS). One activity downloads, validates and swaps; a broken
 * download is refused there and the previous lists stay in force, so the run ends
 * `kept_previous` with the reason, and the next scheduled run tries again.
 */
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { WatchlistRefreshActivities, WatchlistRefreshOutcome } from '../workers/watchlists/refreshWatchlists.ts';

export type WatchlistRefreshResult = ({ outcome: 'swapped' } & WatchlistRefreshOutcome) | { outcome: 'kept_previous'; reason: string };

export const WATCHLIST_REFRESH_SCHEDULE_ID = 'watchlist-refresh';

// Downloads of tens of megabytes: the activity's own per-file timeout bounds each one.
const refresh = proxyActivities<WatchlistRefreshActivities>({
  startToCloseTimeout: '15 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 4, maximumAttempts: 3, nonRetryableErrorTypes: ['WatchlistRejected'] },
});

export async function watchlistRefresh(): Promise<WatchlistRefreshResult> {
  try {
    return { outcome: 'swapped', ...(await refresh.refreshWatchlists()) };
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    return { outcome: 'kept_previous', reason: error.cause?.message ?? error.message };
  }
}
