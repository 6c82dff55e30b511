import { inLineOrder, readCsvRows } from './csvRows.ts';
import type { EntryType, ListIssue, ParsedList, WatchlistEntry } from './types.ts';

/**
 * Parser for the simple list format we accept from marketplaces and smaller publishers:
 * a header row naming `id,name,type,aliases,list` (any order; `aliases` and `list` optional),
 * aliases separated by `;`. A row without a `list` value belongs to the caller's default list.
 */

const REQUIRED_COLUMNS = ['id', 'name', 'type'] as const;

// Marketplaces write their own vocabulary; these are the spellings seen in practice.
const TYPE_SYNONYMS: Record<string, EntryType> = {
  individual: 'individual', person: 'individual',
  entity: 'entity', organisation: 'entity', organization: 'entity', company: 'entity', business: 'entity',
  vessel: 'vessel', aircraft: 'aircraft',
};

export interface GenericParseOptions {
  /** list id for rows whose `list` column is empty or absent */
  defaultListId: string;
  fileName?: string;
}

export function parseGenericCsv(text: string, options: GenericParseOptions): ParsedList {
  const file = options.fileName ?? 'list.csv';
  const { rows, issues: readIssues } = readCsvRows(text, file);
  const issues: ListIssue[] = [...readIssues];
  const [header, ...body] = rows;
  if (header === undefined) return { entries: [], issues };

  const position = new Map(header.fields.map((name, index) => [name.toLowerCase(), index]));
  const missing = REQUIRED_COLUMNS.filter((name) => !position.has(name));
  if (missing.length > 0) {
    issues.push({ file, line: header.line, reason: `header lacks column(s) ${missing.join(', ')}` });
    return { entries: [], issues };
  }

  const entries: WatchlistEntry[] = [];
  const seen = new Set<string>();
  for (const { line, fields } of body) {
    const report = (reason: string) => issues.push({ file, line, reason });
    const column = (name: string) => {
      const index = position.get(name);
      return index === undefined ? '' : (fields[index] ?? '');
    };
    if (fields.length > header.fields.length) { report(`expected ${header.fields.length} columns, found ${fields.length}`); continue; }
    const entryId = column('id');
    const primaryName = column('name');
    const type = TYPE_SYNONYMS[column('type').toLowerCase()];
    const listId = column('list') || options.defaultListId;
    if (entryId === '' || primaryName === '') { report('id and name are required'); continue; }
    if (type === undefined) { report(`entry ${entryId} has unknown type "${column('type')}"`); continue; }
    const key = `${listId}\u0000${entryId}`;
    if (seen.has(key)) { report(`duplicate id ${entryId} in list ${listId}; the first row is kept`); continue; }
    seen.add(key);
    const aliases = column('aliases').split(';').map((alias) => alias.trim()).filter((alias) => alias !== '');
    entries.push({
      listId, privateList: true, entryId, primaryName, type, programs: [], datesOfBirth: [],
      aliases: aliases.map((name) => ({ name, kind: 'aka' as const })),
    });
  }
  return { entries, issues: inLineOrder(issues) };
}
