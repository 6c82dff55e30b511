import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseGenericCsv } from './genericCsv.ts';
import { parseSdnCsv } from './sdnCsv.ts';
import type { ListIssue, WatchlistEntry } from './types.ts';
import { buildWatchlistIndex, type WatchlistIndex } from './watchlistIndex.ts';

/**
 * Reads list files and builds the index: the I/O edge in front of the pure detector. A worker
 * calls this once at start (and on list refresh) and passes the index to every screening.
 */

export type WatchlistSource =
  | { format: 'ofac-sdn-csv'; sdnPath: string; altPath?: string; listId?: string }
  | { format: 'generic-csv'; path: string; listId: string };

export interface LoadedWatchlists {
  index: WatchlistIndex;
  entries: WatchlistEntry[];
  /** rows skipped or repaired; worth logging, never fatal on their own */
  issues: ListIssue[];
  buildMilliseconds: number;
}

export class WatchlistLoadError extends Error {
  constructor(readonly code: 'WATCHLIST_EMPTY', message: string) {
    super(message);
    this.name = 'WatchlistLoadError';
  }
}

export async function loadWatchlistIndex(sources: readonly WatchlistSource[]): Promise<LoadedWatchlists> {
  const entries: WatchlistEntry[] = [];
  const issues: ListIssue[] = [];
  for (const source of sources) {
    const parsed = source.format === 'ofac-sdn-csv'
      ? parseSdnCsv(
        { sdn: await readListFile(source.sdnPath), alt: source.altPath === undefined ? undefined : await readListFile(source.altPath) },
        { listId: source.listId, sdnFileName: basename(source.sdnPath), altFileName: source.altPath && basename(source.altPath) },
      )
      : parseGenericCsv(await readListFile(source.path), { defaultListId: source.listId, fileName: basename(source.path) });
    entries.push(...parsed.entries);
    issues.push(...parsed.issues);
  }
  if (entries.length === 0) {
    // An empty index would clear every seller; refuse rather than screen against nothing.
    throw new WatchlistLoadError('WATCHLIST_EMPTY', `no usable entries in ${sources.length} watchlist source(s)`);
  }
  const started = performance.now();
  const index = buildWatchlistIndex(entries);
  return { index, entries, issues, buildMilliseconds: performance.now() - started };
}

async function readListFile(path: string): Promise<string> {
  return decodeListText(await readFile(path));
}

/**
 * Lists arrive as UTF-8 or, from older publishers' exports, Windows-1252; decoding the latter as
 * UTF-8 would turn every accented letter into U+FFFD and the name into a different one.
 */
export function decodeListText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
