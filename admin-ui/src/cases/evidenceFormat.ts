/**
 * Evidence is whatever a detector recorded: numbers, words, lists, nested objects. People read
 * it as a definition list, never as raw JSON; these pure functions decide how each value reads
 * and bound how much of it is shown.
 */
export type EvidenceNode =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'list'; items: EvidenceNode[]; hidden: number }
  | { kind: 'entries'; entries: EvidenceEntry[]; hidden: number };

export interface EvidenceEntry {
  key: string;
  label: string;
  value: EvidenceNode;
}

/** Past this depth a value is written as one line of JSON. */
export const EVIDENCE_MAX_DEPTH = 4;
/** Items of a list, or keys of an object, shown before "and N more". */
export const EVIDENCE_MAX_ITEMS = 30;
/** Longest text shown before it is cut. */
export const EVIDENCE_MAX_CHARS = 500;

const cut = (text: string) => (text.length > EVIDENCE_MAX_CHARS ? `${text.slice(0, EVIDENCE_MAX_CHARS - 1)}…` : text);

/** "failedCheckDigits" and "failed_check_digits" both read "Failed check digits". */
export function evidenceLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  if (words === '') return key;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Fractions (scores, ratios) to at most three decimals; digit grouping only from five digits
 * on, so years and counts such as 1980 stay as written.
 */
export function formatEvidenceNumber(value: number, locale = 'en'): string {
  if (!Number.isFinite(value)) return String(value);
  const useGrouping = Math.abs(value) >= 10_000;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: Number.isInteger(value) ? 0 : 3, useGrouping }).format(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compact(value: unknown): string {
  try {
    return cut(JSON.stringify(value) ?? '');
  } catch {
    return '…';
  }
}

export function evidenceNode(value: unknown, locale = 'en', depth = 0): EvidenceNode {
  if (value === null || value === undefined || value === '') return { kind: 'empty' };
  if (typeof value === 'string') return { kind: 'text', text: cut(value) };
  if (typeof value === 'number') return { kind: 'text', text: formatEvidenceNumber(value, locale) };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'yes' : 'no' };
  if (typeof value !== 'object') return { kind: 'text', text: cut(String(value)) };
  if (depth >= EVIDENCE_MAX_DEPTH) return { kind: 'text', text: compact(value) };
  if (Array.isArray(value)) {
    if (value.length === 0) return { kind: 'empty' };
    const items = value.slice(0, EVIDENCE_MAX_ITEMS).map((item) => evidenceNode(item, locale, depth + 1));
    return { kind: 'list', items, hidden: value.length - items.length };
  }
  if (!isRecord(value)) return { kind: 'text', text: compact(value) };
  const keys = Object.keys(value);
  if (keys.length === 0) return { kind: 'empty' };
  const entries = keys
    .slice(0, EVIDENCE_MAX_ITEMS)
    .map((key) => ({ key, label: evidenceLabel(key), value: evidenceNode(value[key], locale, depth + 1) }));
  return { kind: 'entries', entries, hidden: keys.length - entries.length };
}

/** A list whose items are all plain text reads best on one line (as chips). */
export const isFlatList = (node: EvidenceNode): boolean =>
  node.kind === 'list' && node.items.every((item) => item.kind === 'text' || item.kind === 'empty');
