/**
 * The watchlist index a worker screens with, following WATCHLIST_DIR: when the refresh swaps the
 * link to a new version, the next screening loads it (once, however many screenings wait) and
 * later ones use it. Reading the link costs one system call per screening.
 */
import { realpath } from 'node:fs/promises';
import { ApplicationFailure } from '@temporalio/activity';
import { loadWatchlistIndex, type WatchlistIndex } from '../detectors/watchlist/index.ts';
import { watchlistSourcesIn } from './sources.ts';

export interface LiveWatchlist {
  index(): Promise<WatchlistIndex>;
}

export function followWatchlistDir(liveDir: string): LiveWatchlist {
  let current: { folder: string; index: WatchlistIndex } | undefined;
  let loading: { folder: string; done: Promise<WatchlistIndex> } | undefined;
  return {
    async index() {
      const folder = await realpath(liveDir).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
        // Retryable: the scheduled refresh has not downloaded the first lists yet.
        throw ApplicationFailure.retryable(`no watchlists at ${liveDir} yet (the first refresh has not finished)`, 'WatchlistNotLoaded');
      });
      if (current?.folder === folder) return current.index;
      if (loading?.folder !== folder) {
        const done = watchlistSourcesIn(folder).then(loadWatchlistIndex).then(({ index }) => index);
        loading = { folder, done };
        void done.then(
          (index) => {
            current = { folder, index };
          },
          () => undefined,
        ).finally(() => {
          if (loading?.folder === folder) loading = undefined;
        });
      }
      return await loading!.done;
    },
  };
}
