import { normalizeName, roleOfEntryType, type NameRole } from './normalize.ts';
import type { NameKind, WatchlistEntry } from './types.ts';

/**
 * The screening index, built once per list load. Why our own and not a search library: what we
 * need is small and specific (typo-tolerant token blocking with edit budgets that depend on token
 * length, and rarity weights computed per role over entries, not aliases), it must run inside a
 * pure detector with no service or native dependency, and it must be deterministic so a replayed
 * vetting produces the same signals. Two hundred lines of our own beat bending a full-text
 * engine's analyser and scoring to those rules.
 *
 * Blocking: every vocabulary token is stored under its deletion variants (the token with up to
 * its edit budget of characters removed), so a query token finds every listed token within that
 * edit distance with a handful of map look-ups instead of comparing against the whole list.
 */

export interface IndexedName {
  entry: WatchlistEntry;
  /** the name exactly as written on the list */
  listedName: string;
  kind: NameKind;
  tokens: string[];
  sortedKey: string;
}

export interface SimilarToken {
  token: string;
  /** 1 for identical, otherwise 1 - edits / longer length */
  similarity: number;
}

export interface RoleIndex {
  readonly names: readonly IndexedName[];
  /** listed tokens within edit budget of `token`, itself included when listed */
  similarTokens(token: string): SimilarToken[];
  /** ids (positions in `names`) of names containing `token` */
  namesWithToken(token: string): readonly number[];
  /** rarity weight: high for a token few entries carry, low for "mohammed" or "trading" */
  weight(token: string): number;
  /** the weight of a token no entry carries: the ceiling that rarity is measured against */
  readonly unseenWeight: number;
}

export interface WatchlistIndex {
  /** individuals, screened against a seller's personal name */
  person: RoleIndex;
  /** entities, screened against a business name; vessels and aircraft are not screened */
  organisation: RoleIndex;
  entryCount: number;
}

// Words that fill company names everywhere. A marketplace-only list is too small for rarity to
// learn that "trading" is weak evidence, so they are capped whatever the list says.
const GENERIC_ORGANISATION_WORDS = new Set([
  'trading', 'trade', 'general', 'international', 'intl', 'group', 'holding', 'holdings', 'industries',
  'industrial', 'services', 'service', 'import', 'export', 'enterprise', 'enterprises', 'global',
  'commercial', 'investment', 'investments', 'development', 'shipping', 'logistics', 'technology',
  'technologies', 'engineering', 'construction', 'solutions', 'systems', 'resources', 'partners',
  'consulting', 'exchange', 'company', 'store', 'shop', 'online', 'market', 'new', 'first',
]);
const GENERIC_WEIGHT_CAP = 1;

/** Allowed edits per token length: short tokens must match exactly, long ones may carry typos. */
export function editBudget(length: number): number {
  if (length <= 4) return 0;
  if (length <= 8) return 1;
  return 2;
}

export function buildWatchlistIndex(entries: readonly WatchlistEntry[]): WatchlistIndex {
  const byRole: Record<NameRole, WatchlistEntry[]> = { person: [], organisation: [] };
  for (const entry of entries) {
    if (entry.type === 'individual' || entry.type === 'entity') byRole[roleOfEntryType(entry.type)].push(entry);
  }
  return {
    person: buildRoleIndex(byRole.person, 'person'),
    organisation: buildRoleIndex(byRole.organisation, 'organisation'),
    entryCount: entries.length,
  };
}

function buildRoleIndex(entries: readonly WatchlistEntry[], role: NameRole): RoleIndex {
  const names: IndexedName[] = [];
  const postings = new Map<string, number[]>();
  const entriesWithToken = new Map<string, number>();

  for (const entry of entries) {
    const entryTokens = new Set<string>();
    const listed = [{ name: entry.primaryName, kind: 'primary' as NameKind }, ...entry.aliases];
    for (const { name, kind } of listed) {
      const { tokens, sortedKey } = normalizeName(name, role);
      if (tokens.length === 0) continue;
      const id = names.length;
      names.push({ entry, listedName: name, kind, tokens, sortedKey });
      for (const token of new Set(tokens)) {
        appendTo(postings, token, id);
        entryTokens.add(token);
      }
    }
    for (const token of entryTokens) entriesWithToken.set(token, (entriesWithToken.get(token) ?? 0) + 1);
  }

  const variants = new Map<string, string[]>();
  for (const token of postings.keys()) {
    for (const variant of deletionVariants(token, editBudget(token.length))) appendTo(variants, variant, token);
  }

  // Inverse document frequency over entries; a token never listed is as rare as can be.
  const entryTotal = Math.max(entries.length, 1);
  const unseenWeight = Math.log(1 + entryTotal / 0.5);
  const weight = (token: string): number => {
    const count = entriesWithToken.get(token);
    const rarity = count === undefined ? unseenWeight : Math.log(1 + entryTotal / count);
    return role === 'organisation' && GENERIC_ORGANISATION_WORDS.has(token) ? Math.min(rarity, GENERIC_WEIGHT_CAP) : rarity;
  };

  const similarTokens = (token: string): SimilarToken[] => {
    const found = new Map<string, number>();
    for (const variant of deletionVariants(token, editBudget(token.length))) {
      for (const listed of variants.get(variant) ?? []) {
        if (found.has(listed)) continue;
        const similarity = tokenSimilarity(token, listed);
        if (similarity > 0) found.set(listed, similarity);
      }
    }
    return [...found].map(([listed, similarity]) => ({ token: listed, similarity }));
  };

  return { names, similarTokens, namesWithToken: (token) => postings.get(token) ?? [], weight, unseenWeight };
}

/** Similarity of two tokens under the edit budget of the shorter one; 0 when over budget. */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const budget = editBudget(Math.min(a.length, b.length));
  if (budget === 0 || Math.abs(a.length - b.length) > budget) return 0;
  const edits = typingDistance(a, b);
  return edits <= budget ? 1 - edits / Math.max(a.length, b.length) : 0;
}

/**
 * Edits between two words where swapping two adjacent letters counts once (optimal string
 * alignment). Plain Levenshtein charges a swap twice, which would put the most common typing
 * slip ("Delartam" for "Delatram") outside a one-edit budget.
 */
export function typingDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j += 1) {
      if (i === 0) { row.push(j); continue; }
      const above = rows[i - 1] ?? [];
      const substitution = (above[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/** The token and every string obtained by deleting up to `depth` characters from it. */
export function deletionVariants(token: string, depth: number): Set<string> {
  const result = new Set<string>([token]);
  let frontier = [token];
  for (let level = 0; level < depth; level += 1) {
    const next: string[] = [];
    for (const word of frontier) {
      for (let position = 0; position < word.length; position += 1) {
        const variant = word.slice(0, position) + word.slice(position + 1);
        if (!result.has(variant)) { result.add(variant); next.push(variant); }
      }
    }
    frontier = next;
  }
  return result;
}

function appendTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
