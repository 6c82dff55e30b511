/**
 * Finds terms (brand names, cue words) in folded text however they are disguised: letters
 * spread out by spaces or symbols ("Guc ci", "G.u.c.c.i"), a symbol standing for a letter
 * ("G*cci"), leetspeak ("N1ke", "4didas"), lookalike letters (folded already), zero-width
 * characters, and one misspelt letter in longer words ("Guci", "Addidas", "Rollex").
 *
 * Written here rather than taken from a fuzzy-search library because the matching has to know
 * which characters are separators, which stand for letters, where words begin and end in the
 * original text, and report how a match was disguised: a bounded edit distance (at most one edit)
 * anchored at word starts, with leetspeak and symbols as free substitutions, is a few dozen
 * lines, and it runs at thousands of listings a second.
 *
 * Catches: the disguises above, a match at word boundaries only ("Dior" not in "Diorama").
 * Misses: two or more misspellings, a disguised first letter that is no leetspeak ("*ucci"),
 * phonetic spellings ("Gootchy"), brand names split across lines of an image.
 */
import type { FoldedText } from './foldText.ts';
import { LOOKALIKE, OPAQUE_LETTER } from './foldText.ts';

/** Characters that stand for letters in leetspeak. */
const LEET: Record<string, string> = { '0': 'o', '1': 'il', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', $: 's', '!': 'i', '|': 'l', '+': 't' };
/** Symbols that stand for any one letter, or for nothing. */
const WILDCARDS = new Set(['*', '#', '?', '_', '~', '^']);
const isWordChar = (char: string | undefined) => char !== undefined && (/[a-z0-9]/.test(char) || char === OPAQUE_LETTER);
const isLeetSymbol = (char: string) => char in LEET && !/[0-9]/.test(char);

/** The folded text reduced to the characters that can be part of a word, each with its place. */
export interface CompactText {
  folded: FoldedText;
  chars: string;
  /** folded index of each compact character */
  at: number[];
  /** a separator (space, punctuation) stood between this compact character and the previous one */
  gapBefore: Uint8Array;
  /** the compact character begins a word of the folded text */
  wordStart: Uint8Array;
  /** how many wildcard symbols stand before each compact index (prefix counts, one more entry than chars) */
  symbolsBefore: Int32Array;
}

export function compactText(folded: FoldedText): CompactText {
  const chars: string[] = [];
  const at: number[] = [];
  const gaps: number[] = [];
  const starts: number[] = [];
  let gap = 0;
  const text = folded.text;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    // a symbol opening a word ("#gucci", "* item") marks a hashtag or a bullet, not a letter
    if (WILDCARDS.has(char) && !isWordChar(text[index - 1]) && (gap === 1 || chars.length === 0)) {
      gap = 1;
      continue;
    }
    if (isWordChar(char) || WILDCARDS.has(char) || isLeetSymbol(char)) {
      chars.push(char);
      at.push(index);
      gaps.push(gap);
      // a letter after a symbol standing inside a word ("M*i*c*h*a*e*l") continues that word: no brand begins there
      const joined = gap === 0 && chars.length > 1 && WILDCARDS.has(chars[chars.length - 2]!);
      starts.push(isWordChar(char) && !isWordChar(text[index - 1]) && !joined ? 1 : 0);
      gap = 0;
    } else gap = 1;
  }
  const symbolsBefore = new Int32Array(chars.length + 1);
  for (let index = 0; index < chars.length; index++) symbolsBefore[index + 1] = symbolsBefore[index]! + (WILDCARDS.has(chars[index]!) ? 1 : 0);
  return { folded, chars: chars.join(''), at, gapBefore: Uint8Array.from(gaps), wordStart: Uint8Array.from(starts), symbolsBefore };
}

export interface Term {
  /** the term's letters and digits, lowercase ASCII */
  letters: string;
  /** compact indexes at which the term has a space ("louis vuitton": 5) */
  breaks: Set<number>;
  /** edits allowed: 0, or 1 for longer terms */
  maxEdits: number;
  /** the phrase carries accents ("Hermès"): accented letters in a match are its spelling, not a disguise */
  accented: boolean;
  /** initials ("LV", "GG"): written with dots or spaces ("L.V.") as a matter of course, so separators are no disguise */
  initials: boolean;
}

/** Terms shorter than this match only exactly (with leetspeak, symbols and lookalikes). */
export const FUZZY_MIN_LENGTH = 5;

export function makeTerm(phrase: string, options: { fuzzy: boolean; initials?: boolean }): Term | null {
  const decomposed = phrase.normalize('NFKD');
  const lowered = decomposed.replace(/\p{M}/gu, '').toLowerCase();
  let letters = '';
  const breaks = new Set<number>();
  for (const char of lowered) {
    if (/[a-z0-9]/.test(char)) letters += char;
    else if (letters.length > 0) breaks.add(letters.length);
  }
  if (letters.length < 2) return null;
  const initials = options.initials === true;
  return { letters, breaks, maxEdits: options.fuzzy && !initials && letters.length >= FUZZY_MIN_LENGTH ? 1 : 0, accented: /\p{M}/u.test(decomposed), initials };
}

export type Disguise = 'lookalike' | 'invisible' | 'separator' | 'leetspeak' | 'symbol' | 'misspelling' | 'repetition';

export interface TermMatch {
  /** folded indexes [start, end) */
  foldedStart: number;
  foldedEnd: number;
  /** compact index just after the match */
  compactEnd: number;
  edits: number;
  disguises: Disguise[];
  /** the matched characters as compact letters (for the common-word check) */
  matched: string;
}

function equivalent(textChar: string, termChar: string): boolean {
  if (textChar === termChar) return true;
  const leet = LEET[textChar];
  return leet !== undefined && leet.includes(termChar);
}

const INFINITY = 99;

/**
 * Best alignment of `term` starting exactly at compact index `start`: [edits, compact end] or
 * null. A banded edit distance where wildcards substitute or vanish for free.
 */
function alignAt(compact: CompactText, start: number, term: Term, row: Int32Array, previousRow: Int32Array, beforePrevious: Int32Array): [number, number] | null {
  const text = compact.chars;
  const letters = term.letters;
  const m = letters.length;
  // symbols between the letters ("G*u*c*c*i") vanish for free, so the match may run as long as they add
  const symbols = compact.symbolsBefore[Math.min(text.length, start + 2 * m + term.maxEdits + 3)]! - compact.symbolsBefore[start]!;
  const maxSpan = Math.min(text.length - start, m + term.maxEdits + 3 + symbols);
  if (maxSpan < m - term.maxEdits) return null;
  // previousRow[j]: distance aligning the term's first i-1 letters with j text characters
  for (let j = 0; j <= maxSpan; j++) {
    previousRow[j] = j === 0 ? 0 : INFINITY;
    beforePrevious[j] = INFINITY;
  }
  for (let i = 1; i <= m; i++) {
    const termChar = letters[i - 1]!;
    row[0] = i;
    let rowBest = row[0]!;
    for (let j = 1; j <= maxSpan; j++) {
      const textChar = text[start + j - 1]!;
      const wildcard = WILDCARDS.has(textChar);
      let best = previousRow[j - 1]! + (wildcard || equivalent(textChar, termChar) ? 0 : 1);
      // a letter repeated ("Guuucci") costs nothing more than the letter once: it is flagged as a disguise below
      const repeated = j > 1 && textChar === text[start + j - 2];
      best = Math.min(best, previousRow[j]! + 1, row[j - 1]! + (wildcard || repeated ? 0 : 1));
      if (i > 1 && j > 1 && text[start + j - 1] === letters[i - 2] && text[start + j - 2] === termChar) best = Math.min(best, beforePrevious[j - 2]! + 1);
      row[j] = best;
      if (best < rowBest) rowBest = best;
    }
    if (rowBest > term.maxEdits) return null;
    for (let j = 0; j <= maxSpan; j++) {
      beforePrevious[j] = previousRow[j]!;
      previousRow[j] = row[j]!;
    }
  }
  let found: [number, number] | null = null;
  for (let j = Math.max(1, m - term.maxEdits); j <= maxSpan; j++) {
    const distance = previousRow[j]!;
    if (distance > term.maxEdits) continue;
    const lastFolded = compact.at[start + j - 1]!;
    // the match must end where a word ends in the folded text
    if (isWordChar(compact.folded.text[lastFolded + 1])) continue;
    if (WILDCARDS.has(text[start + j - 1]!)) continue;
    if (!found || distance < found[0] || (distance === found[0] && j > found[1] - start)) found = [distance, start + j];
  }
  return found;
}

function disguisesOf(compact: CompactText, start: number, end: number, term: Term, edits: number): Disguise[] {
  const found = new Set<Disguise>();
  const { folded } = compact;
  let gaps = 0;
  let leetCount = 0;
  for (let index = start; index < end; index++) {
    const char = compact.chars[index]!;
    if (index > start && compact.gapBefore[index]) gaps++;
    if (WILDCARDS.has(char)) found.add('symbol');
    if (char in LEET) leetCount++;
  }
  const termDigits = [...term.letters].filter((char) => /[0-9]/.test(char)).length;
  if (leetCount > termDigits) found.add('leetspeak');
  if (gaps > term.breaks.size && !term.initials) found.add('separator');
  const first = compact.at[start]!;
  const last = compact.at[end - 1]!;
  for (let index = first; index <= last; index++) {
    const kind = folded.lookalike[index];
    if (kind === LOOKALIKE || (kind && !term.accented)) found.add('lookalike');
    if (index > first && folded.invisibleBefore[index]) found.add('invisible');
  }
  if (edits > 0) found.add('misspelling');
  let letters = 0;
  for (let index = start; index < end; index++) if (!WILDCARDS.has(compact.chars[index]!)) letters++;
  if (letters > term.letters.length && !term.initials) found.add('repetition');
  return [...found];
}

/** Reusable scratch rows, sized for the longest term with a symbol after each letter. */
const scratch = { row: new Int32Array(512), previous: new Int32Array(512), before: new Int32Array(512) };

/** The term's match starting at compact index `start`, if any. */
export function matchTermAt(compact: CompactText, start: number, term: Term): TermMatch | null {
  if (!compact.wordStart[start] || !equivalent(compact.chars[start]!, term.letters[0]!)) return null;
  if (3 * term.letters.length + 8 > scratch.row.length) return null;
  const aligned = alignAt(compact, start, term, scratch.row, scratch.previous, scratch.before);
  if (!aligned) return null;
  const [edits, end] = aligned;
  const matched = compact.chars.slice(start, end);
  // digits and symbols alone ("99" for "GG") spell no name
  if (!/[a-z]/.test(matched)) return null;
  return {
    foldedStart: compact.at[start]!,
    foldedEnd: compact.at[end - 1]! + 1,
    compactEnd: end,
    edits,
    disguises: disguisesOf(compact, start, end, term, edits),
    matched,
  };
}

/** Every non-overlapping match of the term, left to right. */
export function findTerm(compact: CompactText, term: Term): TermMatch[] {
  const matches: TermMatch[] = [];
  for (let start = 0; start < compact.chars.length; start++) {
    const match = matchTermAt(compact, start, term);
    if (!match) continue;
    matches.push(match);
    start = match.compactEnd - 1;
  }
  return matches;
}

/** The characters a term's first letter may be written as (itself and its leetspeak forms). */
export function firstCharacters(term: Term): string[] {
  const first = term.letters[0]!;
  return [first, ...Object.entries(LEET).filter(([, letters]) => letters.includes(first)).map(([char]) => char)];
}
