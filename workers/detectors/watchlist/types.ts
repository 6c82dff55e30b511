/**
 * The shape every watchlist parser produces, whatever the source format, so the index and the
 * detector never need to know whether a name came from OFAC's files or a marketplace's own list.
 */

export type EntryType = 'individual' | 'entity' | 'vessel' | 'aircraft';

/** `primary` is the entry's main name; the others are OFAC's alternate-name types. */
export type AliasKind = 'aka' | 'fka' | 'nka';
export type NameKind = 'primary' | AliasKind;

export interface WatchlistAlias {
  /** as written on the list */
  name: string;
  kind: AliasKind;
}

export interface WatchlistEntry {
  /** which list the entry belongs to, e.g. `ofac-sdn` or `marketplace-banned` */
  listId: string;
  /**
   * A private list (a marketplace's own banned persons): its names are personal data, so
   * signals cite the entry's id only, never the listed name (signals reach workflow histories).
   */
  privateList?: boolean;
  /** the list's own identifier (OFAC's ent_num), unique within the list */
  entryId: string;
  primaryName: string;
  aliases: WatchlistAlias[];
  type: EntryType;
  programs: string[];
  /** dates of birth as written on the list ("12 Mar 1965", "circa 1970"); empty when unknown */
  datesOfBirth: string[];
}

/** A row the parser could not use; reported so a bad list update is noticed, never fatal. */
export interface ListIssue {
  file: string;
  /** 1-based physical line in the file */
  line: number;
  reason: string;
}

export interface ParsedList {
  entries: WatchlistEntry[];
  issues: ListIssue[];
}
