// The watchlist detector's public surface: load lists into an index once, then screen with it.
export { watchlistDetector, type WatchlistInput, type WatchlistThresholds } from './detector.ts';
export { loadWatchlistIndex, decodeListText, WatchlistLoadError, type LoadedWatchlists, type WatchlistSource } from './load.ts';
export { buildWatchlistIndex, type WatchlistIndex } from './watchlistIndex.ts';
export { parseSdnCsv } from './sdnCsv.ts';
export { parseGenericCsv } from './genericCsv.ts';
export type { WatchlistEntry, WatchlistAlias, EntryType, AliasKind, ListIssue, ParsedList } from './types.ts';
