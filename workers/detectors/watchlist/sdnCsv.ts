import { inLineOrder, readCsvRows } from './csvRows.ts';
import type { AliasKind, EntryType, ListIssue, ParsedList, WatchlistEntry } from './types.ts';

/**
 * Parser for OFAC's SDN "legacy CSV" pair: `sdn.csv` (one row per entry, 12 columns, no header)
 * and `alt.csv` (alternate names, 5 columns, no header). OFAC writes "-0-" for an empty field,
 * names individuals "LAST, First Middle", leaves SDN_Type as "-0-" for entities, and packs several
 * programs into one field as `SDGT] [IRGC` (the outer brackets dropped by the export).
 */

const SDN_COLUMNS = 12;
const ALT_COLUMNS = 5;
const EMPTY = '-0-';
// Column positions of the fields screening uses; the vessel columns are not needed for names.
const SDN = { entNum: 0, name: 1, type: 2, program: 3, remarks: 11 } as const;
const ALT = { entNum: 0, type: 2, name: 3 } as const;

export interface SdnFiles {
  sdn: string;
  /** alt.csv may be absent: the list is still usable, just without aliases */
  alt?: string;
}

export interface SdnParseOptions {
  listId?: string;
  /** file names used in issue reports */
  sdnFileName?: string;
  altFileName?: string;
}

export function parseSdnCsv(files: SdnFiles, options: SdnParseOptions = {}): ParsedList {
  const listId = options.listId ?? 'ofac-sdn';
  const sdnFile = options.sdnFileName ?? 'sdn.csv';
  const altFile = options.altFileName ?? 'alt.csv';
  const sdn = readCsvRows(files.sdn, sdnFile);
  const issues: ListIssue[] = [...sdn.issues];
  const byEntNum = new Map<string, WatchlistEntry>();

  for (const { line, fields } of sdn.rows) {
    const report = (reason: string) => issues.push({ file: sdnFile, line, reason });
    if (fields.length !== SDN_COLUMNS) { report(`expected ${SDN_COLUMNS} columns, found ${fields.length}`); continue; }
    const column = (index: number) => valueOf(fields[index]);
    const entNum = column(SDN.entNum);
    const name = column(SDN.name);
    const sdnType = column(SDN.type);
    if (!/^\d+$/.test(entNum)) { report(`ent_num is not a number: "${entNum}"`); continue; }
    if (name === '') { report(`entry ${entNum} has no name`); continue; }
    const type = entryTypeFromSdnType(sdnType);
    if (type === undefined) { report(`entry ${entNum} has unknown SDN_Type "${sdnType}"`); continue; }
    if (byEntNum.has(entNum)) { report(`duplicate ent_num ${entNum}; the first row is kept`); continue; }
    byEntNum.set(entNum, {
      listId, entryId: entNum, primaryName: name, aliases: [], type,
      programs: splitPrograms(column(SDN.program)), datesOfBirth: datesOfBirthFromRemarks(column(SDN.remarks)),
    });
  }

  const altIssues: ListIssue[] = [];
  if (files.alt !== undefined) attachAliases(files.alt, altFile, byEntNum, altIssues);
  return { entries: [...byEntNum.values()], issues: [...inLineOrder(issues), ...inLineOrder(altIssues)] };
}

function attachAliases(text: string, file: string, byEntNum: Map<string, WatchlistEntry>, issues: ListIssue[]): void {
  const alt = readCsvRows(text, file);
  issues.push(...alt.issues);
  for (const { line, fields } of alt.rows) {
    const report = (reason: string) => issues.push({ file, line, reason });
    if (fields.length !== ALT_COLUMNS) { report(`expected ${ALT_COLUMNS} columns, found ${fields.length}`); continue; }
    const entNum = valueOf(fields[ALT.entNum]);
    const altType = valueOf(fields[ALT.type]);
    const altName = valueOf(fields[ALT.name]);
    const entry = byEntNum.get(entNum);
    if (entry === undefined) { report(`alias for unknown ent_num "${entNum}"`); continue; }
    if (altName === '') { report(`alias of entry ${entNum} has no name`); continue; }
    let kind = aliasKindFromAltType(altType);
    if (kind === undefined) {
      // Still screened: an alias of unknown kind is a name on the list all the same.
      report(`alias of entry ${entNum} has unknown alt_type "${altType}"; screened as aka`);
      kind = 'aka';
    }
    entry.aliases.push({ name: altName, kind });
  }
}

function valueOf(field: string | undefined): string {
  return field === undefined || field === EMPTY ? '' : field;
}

function entryTypeFromSdnType(sdnType: string): EntryType | undefined {
  const normalised = sdnType.toLowerCase();
  if (normalised === '') return 'entity';
  if (normalised === 'individual' || normalised === 'vessel' || normalised === 'aircraft') return normalised;
  return undefined;
}

function aliasKindFromAltType(altType: string): AliasKind | undefined {
  const normalised = altType.toLowerCase().replace(/[.\s]/g, '');
  return normalised === 'aka' || normalised === 'fka' || normalised === 'nka' ? normalised : undefined;
}

/** `SDGT] [IRGC` → ["SDGT", "IRGC"] */
export function splitPrograms(program: string): string[] {
  return program.split(/\]\s*\[/).map((part) => part.replace(/[[\]]/g, '').trim()).filter((part) => part !== '');
}

/** Remarks read like `DOB 12 Mar 1965; alt. DOB 1966; POB Somewhere.`; every DOB is kept. */
export function datesOfBirthFromRemarks(remarks: string): string[] {
  return [...remarks.matchAll(/\bDOB\s+([^;]+)/g)]
    .map((match) => (match[1] ?? '').trim().replace(/\.$/, ''))
    .filter((value) => value !== '');
}
