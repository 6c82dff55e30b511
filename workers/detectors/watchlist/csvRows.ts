import { parse } from 'csv-parse/sync';
import type { ListIssue } from './types.ts';

/**
 * Splits a list file into CSV rows one physical line at a time. Names and remarks on sanctions
 * lists never span lines, and parsing line by line means one stray quote costs one row (reported)
 * instead of swallowing the rest of the file, which is what a whole-file CSV parse does.
 */

export interface CsvRow {
  /** 1-based physical line, for issue reports */
  line: number;
  fields: string[];
}

// Control characters other than tab (Unicode category Cc): OFAC files end with a 0x1A
// end-of-file marker and older exports carry stray NULs; none of them can be part of a name.
const CONTROL_CHARACTERS = /[^\P{Cc}\t]/gu;

export function readCsvRows(text: string, file: string): { rows: CsvRow[]; issues: ListIssue[] } {
  const rows: CsvRow[] = [];
  const issues: ListIssue[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((rawLine, index) => {
    const line = rawLine.replace(CONTROL_CHARACTERS, '').trimEnd();
    if (line.trim() === '') return;
    try {
      const records: string[][] = parse(line, { relax_column_count: true });
      const fields = records[0];
      if (records.length !== 1 || fields === undefined) throw new Error('expected exactly one record');
      rows.push({ line: index + 1, fields: fields.map((field) => field.trim()) });
    } catch (error) {
      issues.push({ file, line: index + 1, reason: `unreadable CSV: ${(error as Error).message}` });
    }
  });
  return { rows, issues };
}

/** Issues of one file in line order, however they were collected. */
export function inLineOrder(issues: ListIssue[]): ListIssue[] {
  return [...issues].sort((a, b) => a.line - b.line);
}
