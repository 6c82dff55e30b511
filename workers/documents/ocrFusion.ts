/**
 * Combines two Tesseract engines' readings of the same MRZ band. On OCR-B the legacy engine keeps
 * the line structure (every `<` in a filler run, so positions line up) but confuses glyphs such as
 * W/H/N and M/H; the LSTM engine reads glyphs well but turns filler runs into K, L and C of any
 * length. So: align each LSTM line to the legacy line it overlaps (edit distance), keep the legacy
 * line's length and fillers, and take the LSTM's letters and digits where both read a run of
 * letters or digits that the two engines agree on both sides of. A disagreement between agreeing
 * characters is a glyph confusion; one inside garbage (the LSTM's filler runs, line ends) is not
 * evidence of anything.
 */
import type { OcrLine } from './mrzLines.ts';
import { cleanOcrLine } from './mrzLines.ts';

const fillerLookalikes = new Set(['<', 'K', 'L', 'C']);
const isGlyph = (character: string): boolean => /^[A-Z0-9]$/.test(character);

function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  if (fillerLookalikes.has(a) && fillerLookalikes.has(b)) return 0.4;
  return 1;
}

/** For each legacy position, the LSTM character aligned to it (undefined where LSTM has none). */
export function alignCharacters(legacy: string, lstm: string): (string | undefined)[] {
  const rows = legacy.length + 1;
  const columns = lstm.length + 1;
  const cost = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i++) cost[i * columns] = i;
  for (let j = 0; j < columns; j++) cost[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      cost[i * columns + j] = Math.min(
        (cost[(i - 1) * columns + j - 1] ?? 0) + substitutionCost(legacy.charAt(i - 1), lstm.charAt(j - 1)),
        (cost[(i - 1) * columns + j] ?? 0) + 1,
        (cost[i * columns + j - 1] ?? 0) + 1,
      );
    }
  }
  const aligned: (string | undefined)[] = Array<string | undefined>(legacy.length).fill(undefined);
  let i = legacy.length;
  let j = lstm.length;
  while (i > 0 && j > 0) {
    const here = cost[i * columns + j] ?? 0;
    if (here === (cost[(i - 1) * columns + j - 1] ?? 0) + substitutionCost(legacy.charAt(i - 1), lstm.charAt(j - 1))) {
      aligned[i - 1] = lstm.charAt(j - 1);
      i--;
      j--;
    } else if (here === (cost[(i - 1) * columns + j] ?? 0) + 1) i--;
    else j--;
  }
  return aligned;
}

function fuseLine(legacy: string, lstm: string): string {
  const aligned = alignCharacters(legacy, lstm);
  const agrees = (index: number): boolean => aligned[index] !== undefined && aligned[index] === legacy.charAt(index);
  const glyphSwap = (index: number): boolean => {
    const other = aligned[index];
    return other !== undefined && other !== legacy.charAt(index) && isGlyph(legacy.charAt(index)) && isGlyph(other);
  };
  /** Whether the run of glyph swaps around `index`, walking in `step`, ends on an agreement. */
  const boundedBy = (index: number, step: 1 | -1): boolean => {
    let cursor = index + step;
    while (glyphSwap(cursor)) cursor += step;
    return agrees(cursor);
  };
  return [...legacy].map((character, index) => (glyphSwap(index) && boundedBy(index, -1) && boundedBy(index, 1) ? (aligned[index] ?? character) : character)).join('');
}

function overlap(a: OcrLine, b: OcrLine): number {
  if (a.top === undefined || a.bottom === undefined || b.top === undefined || b.bottom === undefined) return 0;
  return Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
}

/** Legacy lines with glyphs corrected from the vertically overlapping LSTM line, if any. */
export function fuseOcrLines(legacy: readonly OcrLine[], lstm: readonly OcrLine[]): OcrLine[] {
  return legacy.map((line) => {
    const partner = lstm.reduce<OcrLine | null>((best, candidate) => (overlap(line, candidate) > (best ? overlap(line, best) : 0) ? candidate : best), null);
    if (!partner) return line;
    return { ...line, text: fuseLine(cleanOcrLine(line.text), cleanOcrLine(partner.text)) };
  });
}
