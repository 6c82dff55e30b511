/**
 * Folds listing text to lowercase ASCII for matching, keeping for every folded character the
 * span of the original text it came from, so evidence can point at (and the console highlight)
 * the words as the seller wrote them.
 *
 * Lookalike letters go through `decancer`, a maintained Unicode confusables table. Compared on
 * the disguises sellers use (Cyrillic and Greek letters, full-width, mathematical, circled,
 * small capitals): `decancer` folded all of them to plain lowercase; `confusables` missed small
 * capitals ("ɢᴜᴄᴄɪ" became "GuccI"); `unhomoglyph` applies Unicode's TR39 skeletons, built to
 * compare two strings rather than to read one ("mirror" becomes "rnirror", "1:1" becomes "l:l")
 * and left full-width and circled letters alone. So only letters are asked of decancer (it
 * turns symbols into letters too: "®" would become "r"), each code point once (cached).
 *
 * Invisible characters (zero-width space and joiners, soft hyphens, bidi controls: Unicode's
 * format category) and combining marks are dropped, and recorded, since a zero-width space
 * inside a brand name is a disguise in itself.
 */
import decancer from 'decancer';

export interface FoldedText {
  /** lowercase ASCII letters and digits, ASCII punctuation, spaces; `\uFFFD` for a letter with no ASCII lookalike */
  text: string;
  /** original UTF-16 span of each folded character */
  sourceStart: number[];
  sourceEnd: number[];
  /**
   * where the folded character came from a non-ASCII letter or digit: 1 for a lookalike from
   * another script or form (Cyrillic, full-width...), 2 for a Latin letter with an accent ("è"),
   * which is the brand's own spelling when its name carries accents ("Hermès")
   */
  lookalike: Uint8Array;
  /** how many invisible characters were dropped just before each folded character */
  invisibleBefore: Uint8Array;
}

/** A letter with no plain lookalike: part of a word, equal to nothing. */
export const OPAQUE_LETTER = '\uFFFD';

const INVISIBLE = /[\p{Cf}\p{M}]/u;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
const ASCII_PRINTABLE = /^[\x20-\x7e]+$/;
const ASCII_LETTERS = /^[a-z0-9]+$/;
export const LOOKALIKE = 1;
export const ACCENTED = 2;

/** A code point folded: its ASCII form and what kind of lookalike it was (0 for none). */
interface FoldedCodePoint {
  folded: string;
  kind: number;
}

/** Code point → folded form; filled lazily, shared by every call (the table only grows by what text contains). */
const foldedCodePoints = new Map<string, FoldedCodePoint>();
/** Bounds the cache against text made of every code point there is. */
const CACHE_LIMIT = 50_000;

function foldCodePoint(char: string): FoldedCodePoint {
  const cached = foldedCodePoints.get(char);
  if (cached !== undefined) return cached;
  let folded: string;
  const letter = LETTER_OR_NUMBER.test(char);
  // a Latin letter with accents folds to its base letter ("ó" → "o"; canonical decomposition, so
  // full-width and mathematical letters stay lookalikes); the confusables table maps some accented letters to others
  const base = letter ? char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() : '';
  const accented = /^[a-z]$/.test(base);
  if (accented) folded = base;
  else if (letter) {
    let cured = '';
    try {
      cured = decancer(char).toString();
    } catch {
      // decancer documents no failure for a single code point; should its native code throw,
      // the letter stays opaque rather than failing the screening (a detector has no logger)
      cured = '';
    }
    folded = ASCII_LETTERS.test(cured) && !/\d/.test(cured) === !/\p{N}/u.test(char) ? cured : OPAQUE_LETTER;
  } else {
    // punctuation and spaces: their compatibility form when it is ASCII (full-width colon), else a space
    const compatible = char.normalize('NFKC');
    folded = ASCII_PRINTABLE.test(compatible) && compatible.length === 1 ? compatible.toLowerCase() : ' ';
  }
  const result = { folded, kind: !letter ? 0 : accented ? ACCENTED : LOOKALIKE };
  if (foldedCodePoints.size < CACHE_LIMIT) foldedCodePoints.set(char, result);
  return result;
}

export function foldText(original: string): FoldedText {
  const chars: string[] = [];
  const sourceStart: number[] = [];
  const sourceEnd: number[] = [];
  const lookalikeFlags: number[] = [];
  const invisibleFlags: number[] = [];
  let pendingInvisible = 0;
  let offset = 0;
  for (const char of original) {
    const start = offset;
    offset += char.length;
    const code = char.charCodeAt(0);
    let folded: string;
    let lookalike = 0;
    if (code < 0x80) {
      folded = code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : code < 0x20 || code === 0x7f ? ' ' : char;
    } else if (INVISIBLE.test(char)) {
      pendingInvisible = Math.min(255, pendingInvisible + 1);
      continue;
    } else {
      ({ folded, kind: lookalike } = foldCodePoint(char));
    }
    for (const piece of folded) {
      chars.push(piece);
      sourceStart.push(start);
      sourceEnd.push(offset);
      lookalikeFlags.push(lookalike);
      invisibleFlags.push(pendingInvisible);
      pendingInvisible = 0;
    }
  }
  return { text: chars.join(''), sourceStart, sourceEnd, lookalike: Uint8Array.from(lookalikeFlags), invisibleBefore: Uint8Array.from(invisibleFlags) };
}

/** The original UTF-16 span of folded characters [from, to). */
export function sourceSpan(folded: FoldedText, from: number, to: number): { start: number; end: number } {
  return { start: folded.sourceStart[from] ?? 0, end: folded.sourceEnd[Math.max(from, to - 1)] ?? 0 };
}
