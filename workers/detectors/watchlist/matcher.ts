import { token_set_ratio, token_sort_ratio } from 'fuzzball';
import { normalizeName, type NameRole, type NormalizedName } from './normalize.ts';
import { tokenSimilarity, type IndexedName, type RoleIndex, type WatchlistIndex } from './watchlistIndex.ts';

/**
 * Scores a screened name against the listed names the index proposes: a rarity-weighted token
 * overlap blended with fuzzball's token-sort and token-set similarity (word order and spelling).
 * Token-set similarity alone calls "Mohammed" a perfect match for "Mohammed Ali Zorvanov", so the
 * weighted overlap and the penalties below are what keep common words and partial names from
 * becoming strong matches.
 */

export interface NameMatch {
  name: IndexedName;
  /** 0..1 */
  score: number;
}

export interface ScreenOptions {
  /** at most this many entries, best first */
  limit?: number;
  /** drop matches scoring below this */
  minScore?: number;
}

// Candidates must cover this share of a listed name's weight before fuzzy scoring is worth it;
// the cap bounds the work for a query made of very common words.
const MIN_CANDIDATE_COVERAGE = 0.3;
const MAX_CANDIDATES = 50;
// Weight of the rarity-weighted token overlap in the score; the rest is fuzzball's spelling score.
const OVERLAP_SHARE = 0.6;
// One matching word never identifies a multi-word listed name, however rare it is.
const SINGLE_TOKEN_PENALTY = 0.6;
// Below this share of the rarest possible weight a word is "common" (a frequent given name).
const COMMON_TOKEN_RARITY = 0.5;
// A one-letter difference in a short name is usually a different name (Yusuf Kaya / Yusif Kaya).
const SHORT_NAME_LENGTH = 12;
const SHORT_NAME_FUZZY_PENALTY = 0.9;

export function screenName(index: WatchlistIndex, rawName: string, role: NameRole, options: ScreenOptions = {}): NameMatch[] {
  const roleIndex = index[role];
  const query = normalizeName(rawName, role);
  if (query.tokens.length === 0) return [];
  const bestPerEntry = new Map<string, NameMatch>();
  for (const id of candidateNameIds(query, roleIndex)) {
    const name = roleIndex.names[id];
    if (name === undefined) continue;
    const score = scoreName(query, name, roleIndex);
    const key = `${name.entry.listId}\u0000${name.entry.entryId}`;
    const previous = bestPerEntry.get(key);
    if (previous === undefined || score > previous.score) bestPerEntry.set(key, { name, score });
  }
  return [...bestPerEntry.values()]
    .filter((match) => match.score >= (options.minScore ?? 0))
    .sort(byScoreThenIdentity)
    .slice(0, options.limit ?? 10);
}

/** Names sharing enough weighted (possibly misspelt) tokens with the query to be worth scoring. */
function candidateNameIds(query: NormalizedName, roleIndex: RoleIndex): number[] {
  const covered = new Map<number, number>();
  for (const token of new Set(query.tokens)) {
    const bestForThisToken = new Map<number, number>();
    for (const { token: listed, similarity } of roleIndex.similarTokens(token)) {
      const contribution = roleIndex.weight(listed) * similarity;
      for (const id of roleIndex.namesWithToken(listed)) {
        bestForThisToken.set(id, Math.max(bestForThisToken.get(id) ?? 0, contribution));
      }
    }
    for (const [id, contribution] of bestForThisToken) covered.set(id, (covered.get(id) ?? 0) + contribution);
  }
  const ranked: { id: number; coverage: number }[] = [];
  for (const [id, weight] of covered) {
    const name = roleIndex.names[id];
    if (name === undefined) continue;
    const coverage = weight / totalWeight(name.tokens, roleIndex);
    if (coverage >= MIN_CANDIDATE_COVERAGE) ranked.push({ id, coverage });
  }
  ranked.sort((a, b) => b.coverage - a.coverage || a.id - b.id);
  return ranked.slice(0, MAX_CANDIDATES).map(({ id }) => id);
}

export function scoreName(query: NormalizedName, listed: IndexedName, roleIndex: RoleIndex): number {
  const pairs = alignTokens(query.tokens, listed.tokens);
  if (pairs.length === 0) return 0;
  const weight = (token: string) => roleIndex.weight(token);
  // Rarity-weighted overlap (Dice over both names): matching "Mohammed Ali" is little evidence,
  // matching a rare surname is much; a missing word costs what it would have proved.
  const matchedWeight = pairs.reduce(
    (sum, pair) => sum + pair.similarity * (weight(query.tokens[pair.query] ?? '') + weight(listed.tokens[pair.listed] ?? '')), 0);
  const overlap = matchedWeight / (totalWeight(query.tokens, roleIndex) + totalWeight(listed.tokens, roleIndex));

  // Character-level similarity regardless of word order, from fuzzball: it grades how close the
  // spellings are, which the token overlap above only sees through the per-word similarity.
  const options = { full_process: false };
  const spelling = (token_sort_ratio(query.sortedKey, listed.sortedKey, options)
    + token_set_ratio(query.sortedKey, listed.sortedKey, options)) / 200;
  let score = OVERLAP_SHARE * overlap + (1 - OVERLAP_SHARE) * spelling;

  if (pairs.length === 1) {
    const only = listed.tokens[pairs[0]?.listed ?? 0] ?? '';
    const common = weight(only) / roleIndex.unseenWeight < COMMON_TOKEN_RARITY;
    if (listed.tokens.length > 1 || common) score *= SINGLE_TOKEN_PENALTY;
  }
  if (listed.tokens.join('').length < SHORT_NAME_LENGTH && pairs.some((pair) => pair.similarity < 1)) {
    score *= SHORT_NAME_FUZZY_PENALTY;
  }
  return Math.round(Math.min(score, 1) * 1000) / 1000;
}

interface TokenPair { query: number; listed: number; similarity: number }

/** One-to-one pairing of query and listed tokens, most similar pairs first. */
export function alignTokens(query: readonly string[], listed: readonly string[]): TokenPair[] {
  const candidates: TokenPair[] = [];
  query.forEach((q, qi) => listed.forEach((l, li) => {
    const similarity = tokenSimilarity(q, l);
    if (similarity > 0) candidates.push({ query: qi, listed: li, similarity });
  }));
  candidates.sort((a, b) => b.similarity - a.similarity || a.query - b.query || a.listed - b.listed);
  const usedQuery = new Set<number>();
  const usedListed = new Set<number>();
  const pairs: TokenPair[] = [];
  for (const pair of candidates) {
    if (usedQuery.has(pair.query) || usedListed.has(pair.listed)) continue;
    usedQuery.add(pair.query);
    usedListed.add(pair.listed);
    pairs.push(pair);
  }
  return pairs;
}

function totalWeight(tokens: readonly string[], roleIndex: RoleIndex): number {
  return Math.max(tokens.reduce((sum, token) => sum + roleIndex.weight(token), 0), Number.EPSILON);
}

function byScoreThenIdentity(a: NameMatch, b: NameMatch): number {
  return b.score - a.score
    || a.name.entry.listId.localeCompare(b.name.entry.listId)
    || a.name.entry.entryId.localeCompare(b.name.entry.entryId);
}
