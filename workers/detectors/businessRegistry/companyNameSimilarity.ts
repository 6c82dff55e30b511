import { ratio } from 'fuzzball';
import { normalizeName } from '../watchlist/normalize.ts';

/**
 * How alike two company names are, 0..1, after the watchlist detector's organisation
 * normalisation (ASCII, case, punctuation, "and"/"&", legal forms such as Ltd/GmbH/SAS/B.V.).
 * The better of two comparisons counts: words sorted (so word order does not matter) and words
 * joined (so "Skin Care" meets "Skincare"). Deliberately not a subset match: "Northgate" must
 * not fully match "Northgate Electronics", or any prefix of a real company would pass.
 */
export function companyNameSimilarity(declared: string, registered: string): number {
  const a = normalizeName(declared, 'organisation');
  const b = normalizeName(registered, 'organisation');
  const byWords = ratio(a.sortedKey, b.sortedKey, { full_process: false });
  const bySpelling = ratio(a.tokens.join(''), b.tokens.join(''), { full_process: false });
  return Math.max(byWords, bySpelling) / 100;
}
