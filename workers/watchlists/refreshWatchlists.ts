/**
 * The watchlist refresh activity: download every configured list (through outboundFetch: https,
 * public addresses, a deadline and a size limit), validate the set by parsing it into an index,
 * and only then swap it in. A broken download (an error page, a truncated file, a list that
 * shrank to less than half) is refused and the previous lists stay in force.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import { outboundFetch, type HostnameResolver } from '../http/outboundFetch.ts';
import { loadWatchlistIndex, WatchlistLoadError } from '../detectors/watchlist/index.ts';
import { watchlistSourcesIn } from './sources.ts';
import { assertManagedLayout, currentVersion, newVersionFolder, swapIn } from './listVersions.ts';

export interface WatchlistRefreshDependencies {
  liveDir: string;
  sources: { file: string; url: string }[];
  maxBytes: number;
  timeoutMs: number;
  allowPrivateNetwork: boolean;
  resolveHostname?: HostnameResolver;
  clock: () => Date;
}

export interface WatchlistRefreshOutcome {
  version: string;
  entryCount: number;
  previousEntryCount: number | null;
  issueCount: number;
}

// A list that lost more than half its entries overnight is a broken export, not a policy change.
const MIN_SHARE_OF_PREVIOUS = 0.5;

/** A refusal retrying cannot fix: the previous lists stay; the next scheduled run tries again. */
const rejected = (message: string) => ApplicationFailure.nonRetryable(message, 'WatchlistRejected');

export function createWatchlistRefreshActivities(deps: WatchlistRefreshDependencies) {
  return {
    async refreshWatchlists(): Promise<WatchlistRefreshOutcome> {
      if (deps.sources.length === 0) throw rejected('WATCHLIST_SOURCES is empty: nothing to refresh');
      await assertManagedLayout(deps.liveDir).catch((error: Error) => {
        throw rejected(error.message);
      });
      const previous = await currentVersion(deps.liveDir);
      const previousEntryCount = previous ? (await loadWatchlistIndex(await watchlistSourcesIn(previous))).entries.length : null;
      const staged = await newVersionFolder(deps.liveDir, deps.clock().toISOString().replace(/[:.]/g, '-'));
      try {
        for (const source of deps.sources) {
          const response = await outboundFetch(source.url, {
            timeoutMs: deps.timeoutMs,
            maxResponseBytes: deps.maxBytes,
            allowPrivateNetwork: deps.allowPrivateNetwork,
            resolveHostname: deps.resolveHostname,
          });
          // 5xx and 429 may pass; anything else other than 200 is a broken source.
          if (response.status >= 500 || response.status === 429) throw ApplicationFailure.retryable(`${source.file}: HTTP ${response.status}`, 'WatchlistDownloadFailed');
          if (response.status !== 200) throw rejected(`${source.file}: HTTP ${response.status}`);
          await writeFile(path.join(staged, source.file), response.body);
        }
        let loaded;
        try {
          loaded = await loadWatchlistIndex(await watchlistSourcesIn(staged));
        } catch (error) {
          if (error instanceof WatchlistLoadError) throw rejected(`the downloaded lists do not parse: ${error.message}`);
          throw error;
        }
        const entryCount = loaded.entries.length;
        if (previousEntryCount !== null && entryCount < previousEntryCount * MIN_SHARE_OF_PREVIOUS) {
          throw rejected(`the downloaded lists have ${entryCount} entries, fewer than half of the ${previousEntryCount} in force`);
        }
        const version = await swapIn(deps.liveDir, staged);
        return { version: path.basename(version), entryCount, previousEntryCount, issueCount: loaded.issues.length };
      } catch (error) {
        await rm(staged, { recursive: true, force: true });
        throw error;
      }
    },
  };
}

export type WatchlistRefreshActivities = ReturnType<typeof createWatchlistRefreshActivities>;
