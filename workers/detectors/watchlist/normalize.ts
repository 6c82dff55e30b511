import anyAscii from 'any-ascii';

/**
 * Name normalisation shared by list entries and screened names, so both sides meet in the same
 * form: ASCII (any-ascii transliterates accents and non-Latin scripts), lower case, punctuation
 * gone, "LAST, First" turned round, titles and legal forms removed, and a token-sorted key so
 * word order never matters.
 */

/** Persons and organisations are cleaned differently: a comma means "LAST, First" only for people. */
export type NameRole = 'person' | 'organisation';

export interface NormalizedName {
  tokens: string[];
  /** tokens sorted and joined with one space */
  sortedKey: string;
}

// Titles and generational suffixes say nothing about identity. "md" is deliberately absent:
// it is a common written form of Mohammed.
const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'rev', 'hon', 'esq', 'phd',
  'jr', 'sr', 'ii', 'iii', 'iv', 'haji', 'hajji', 'sheikh', 'shaikh', 'shaykh',
]);

// Legal forms vary between filings of the same company ("Co., Ltd." vs "Limited") and are
// therefore removed where they sit: at the end, or at the start for forms written first.
const TRAILING_LEGAL_FORMS = new Set([
  'llc', 'ltd', 'limited', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'gmbh',
  'mbh', 'ag', 'kg', 'sa', 'sas', 'sarl', 'srl', 'spa', 'sl', 'bv', 'nv', 'plc', 'lp', 'llp',
  'pte', 'pty', 'oy', 'oyj', 'ab', 'as', 'asa', 'aps', 'jsc', 'ojsc', 'pjsc', 'cjsc', 'fze', 'fzco',
  'fzc', 'fzllc', 'sdn', 'bhd', 'kft', 'sro', 'doo', 'sae', 'ltda', 'cia', 'cv', 'sab', 'kk', 'tbk',
]);
const LEADING_LEGAL_FORMS = new Set(['ooo', 'zao', 'oao', 'pao', 'ao', 'tov', 'pt', 'jsc', 'ojsc', 'pjsc', 'cjsc']);
const ORGANISATION_STOP_WORDS = new Set(['the', 'and', 'of']);

// Arabic articles and name prefixes are written joined, hyphenated or apart ("Al-Noor",
// "Al Noor", "Alnoor"; "Abdul Rahman", "Abdulrahman"): joining them to the next word makes all
// spellings one token.
const JOINED_PREFIXES = new Set(['al', 'el', 'abd', 'abdul', 'abdel', 'abu']);

export function roleOfEntryType(type: 'individual' | 'entity' | 'vessel' | 'aircraft'): NameRole {
  return type === 'individual' ? 'person' : 'organisation';
}

export function normalizeName(raw: string, role: NameRole): NormalizedName {
  let text = anyAscii(raw).toLowerCase();
  if (role === 'person') text = lastCommaFirstToNaturalOrder(text);
  text = text.replace(/['`\u00B4]/g, '');
  // "S.A." and "L.L.C." must become one token for organisations; in a person's name a dot ends
  // an initial ("J.R. Smith") and separates.
  text = role === 'organisation' ? text.replace(/\./g, '') : text.replace(/\./g, ' ');
  let tokens = text.split(/[^a-z0-9]+/).filter((token) => token !== '');
  tokens = role === 'person' ? cleanPersonTokens(tokens) : cleanOrganisationTokens(tokens);
  tokens = joinPrefixes(tokens);
  return { tokens, sortedKey: [...tokens].sort().join(' ') };
}

function lastCommaFirstToNaturalOrder(text: string): string {
  const comma = text.indexOf(',');
  if (comma < 0) return text;
  return `${text.slice(comma + 1)} ${text.slice(0, comma)}`;
}

function cleanPersonTokens(tokens: string[]): string[] {
  return keepIfEmptied(tokens, tokens.filter((token) => !HONORIFICS.has(token)));
}

function cleanOrganisationTokens(tokens: string[]): string[] {
  const merged = mergeSingleLetters(tokens).filter((token) => !ORGANISATION_STOP_WORDS.has(token));
  let start = 0;
  let end = merged.length;
  while (end > start && TRAILING_LEGAL_FORMS.has(merged[end - 1] ?? '')) end -= 1;
  while (start < end && LEADING_LEGAL_FORMS.has(merged[start] ?? '')) start += 1;
  return keepIfEmptied(tokens, merged.slice(start, end));
}

/** "a b c trading" → "abc trading": spaced-out initials of a company are one word. */
function mergeSingleLetters(tokens: string[]): string[] {
  const result: string[] = [];
  let run = '';
  for (const token of tokens) {
    if (token.length === 1 && /[a-z]/.test(token)) { run += token; continue; }
    if (run !== '') { result.push(run); run = ''; }
    result.push(token);
  }
  if (run !== '') result.push(run);
  return result;
}

function joinPrefixes(tokens: string[]): string[] {
  const result: string[] = [];
  let prefix = '';
  for (const token of tokens) {
    if (JOINED_PREFIXES.has(token)) { prefix += token; continue; }
    result.push(prefix + token);
    prefix = '';
  }
  if (prefix !== '') result.push(prefix);
  return result;
}

/** A name made only of titles or legal forms ("The Company Ltd") is kept rather than erased. */
function keepIfEmptied(original: string[], cleaned: string[]): string[] {
  return cleaned.length > 0 ? cleaned : original;
}
