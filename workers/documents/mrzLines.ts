/**
 * Finds the machine-readable zone in OCR output: runs of consecutive lines whose lengths are
 * close to a layout's (2x44 or 3x30) and whose characters mostly fit the layout's positions.
 * OCR often drops or doubles a `<` in a filler run, so each line also gets length-fitted
 * variants; the caller keeps the variant whose check digits validate.
 */
import icaoCodes from './icaoCodes.json' with { type: 'json' };
import { type MrzLayout, mrzLayouts } from './mrzLayout.ts';

export interface OcrLine {
  text: string;
  /** 0..1 */
  confidence: number;
  /** vertical extent in image pixels, used to pair lines read by two engines */
  top?: number;
  bottom?: number;
}

export interface MrzCandidate {
  layout: MrzLayout;
  /** per MRZ line, the length-fitted variants to try (first is the most likely) */
  lineVariants: string[][];
  /** 0..1: share of characters that fit their position's class */
  plausibility: number;
  /** 0..1: mean OCR confidence of the lines used */
  confidence: number;
  /** characters added or cut to fit the layout's line length, over all lines */
  lengthMisfit: number;
}

/**
 * OCR adds characters for a dark corner or a card edge beside a line (so longer lines are fitted
 * generously), and drops a few fillers; a line much shorter than the layout is another layout
 * (a TD2 line padded to 44 would pass for TD3: its extra fillers weigh 0 in every check digit).
 */
const lengthTolerance = { longer: 8, shorter: 4 };
const minimumPlausibility = 0.7;

/** Uppercases, maps the guillemets some engines emit for `<<`, drops spaces and other marks. */
export function cleanOcrLine(text: string): string {
  return text
    .toUpperCase()
    .replace(/[«≪]/g, '<<')
    .replace(/[‹＜]/g, '<')
    .replace(/[^A-Z0-9<]/g, '');
}

function longestFillerRun(line: string): { start: number; length: number } {
  let best = { start: -1, length: 0 };
  for (const match of line.matchAll(/<+/g)) {
    if (match[0].length > best.length) best = { start: match.index, length: match[0].length };
  }
  return best;
}

/** Variants of `line` with exactly `length` characters, most likely first. */
export function fitLineLength(line: string, length: number): string[] {
  const difference = line.length - length;
  if (difference === 0) return [line];
  const run = longestFillerRun(line);
  const variants: string[] = [];
  if (difference > 0) {
    if (run.length > difference) variants.push(line.slice(0, run.start) + line.slice(run.start + difference));
    // Extra characters at either end (a dark corner read as `L`, the card's edge as `I`): every
    // window of the right length, the check digits choose between them.
    for (let start = 0; start <= difference; start++) variants.push(line.slice(start, start + length));
  } else {
    const padding = '<'.repeat(-difference);
    if (run.length > 0) variants.push(line.slice(0, run.start) + padding + line.slice(run.start));
    variants.push(line + padding);
  }
  return [...new Set(variants)];
}

function fitsClass(character: string, characterClass: string): boolean {
  if (character === '<') return true;
  const isDigit = character >= '0' && character <= '9';
  if (characterClass === 'numeric') return isDigit;
  if (characterClass === 'alpha' || characterClass === 'sex') return !isDigit;
  return true;
}

function plausibility(layout: MrzLayout, lines: readonly string[]): number {
  let fitting = 0;
  lines.forEach((line, lineIndex) => {
    for (let index = 0; index < line.length; index++) {
      if (fitsClass(line.charAt(index), layout.classes[lineIndex]?.[index] ?? 'alnum')) fitting++;
    }
  });
  return fitting / (layout.lineCount * layout.lineLength);
}

const listedStates: ReadonlySet<string> = new Set([...icaoCodes.codes, ...icaoCodes.specimenCodes]);

/**
 * Every layout's first line opens with its structure: a document code (P for passports; I, A or C
 * for cards; V for visas), a letter or filler, then the issuing state, which must be on the ICAO
 * list. A line that opens that way is anchored where the MRZ begins.
 */
function opensAsDocumentCodeLine(line: string): boolean {
  return /^[PIACV][A-Z<]/.test(line) && listedStates.has(line.slice(2, 5).replace(/</g, ''));
}

/**
 * The first line has no check digit to choose its window: OCR may add characters before it (the
 * card's edge read as I, a shadow as V), which shift the issuing state into the document code and
 * the state into the name. Variants that start where the line's structure does: the OCR line from
 * the first position (among the first few) that opens like a document-code line, fitted to length
 * at its end, which holds fillers; failing that, the line with a filler read as an extra K or L
 * near its start dropped.
 */
function anchoredVariants(line: string, length: number): string[] {
  const fit = (rest: string) => (rest.length >= length ? rest.slice(0, length) : rest + '<'.repeat(length - rest.length));
  for (let start = 0; start <= lengthTolerance.longer && start < line.length; start++) {
    const rest = line.slice(start);
    if (opensAsDocumentCodeLine(rest)) return [fit(rest)];
  }
  // The LSTM engine reads a filler as K or L: "I<KKEN…" is "I<KEN…" with a filler read twice.
  for (let index = 1; index < 5 && index < line.length; index++) {
    if (line[index] !== 'K' && line[index] !== 'L') continue;
    const rest = line.slice(0, index) + line.slice(index + 1);
    if (opensAsDocumentCodeLine(rest)) return [fit(rest)];
  }
  return [];
}

/**
 * Variants of one line ordered by how well they fit the layout: the first line by its opening
 * structure, then every line by how many characters fit their position's class (stable).
 */
function mostPlausibleFirst(layout: MrzLayout, lineIndex: number, variants: string[]): string[] {
  const classes = layout.classes[lineIndex] ?? [];
  const fit = (line: string) => [...line].filter((character, index) => fitsClass(character, classes[index] ?? 'alnum')).length;
  const anchored = (line: string) => (lineIndex === 0 && opensAsDocumentCodeLine(line) ? 1 : 0);
  return variants
    .map((variant, order) => ({ variant, order, anchored: anchored(variant), fit: fit(variant) }))
    .sort((a, b) => b.anchored - a.anchored || b.fit - a.fit || a.order - b.order)
    .map(({ variant }) => variant);
}

/** MRZ candidates in reading order of plausibility, best first. */
export function findMrzCandidates(ocrLines: readonly OcrLine[]): MrzCandidate[] {
  const cleaned = ocrLines.map((line) => ({ text: cleanOcrLine(line.text), confidence: line.confidence })).filter((line) => line.text.length > 0);
  const candidates: MrzCandidate[] = [];
  for (const layout of mrzLayouts) {
    for (let first = 0; first + layout.lineCount <= cleaned.length; first++) {
      const window = cleaned.slice(first, first + layout.lineCount);
      const fits = (length: number) => length - layout.lineLength <= lengthTolerance.longer && layout.lineLength - length <= lengthTolerance.shorter;
      if (!window.every((line) => fits(line.text.length))) continue;
      if (!window.some((line) => line.text.includes('<'))) continue;
      const lineVariants = window.map((line, index) => {
        const fitted = fitLineLength(line.text, layout.lineLength);
        return mostPlausibleFirst(layout, index, index === 0 ? [...new Set([...fitted, ...anchoredVariants(line.text, layout.lineLength)])] : fitted);
      });
      const score = plausibility(layout, lineVariants.map((variants) => variants[0] ?? ''));
      if (score < minimumPlausibility) continue;
      const confidence = window.reduce((sum, line) => sum + line.confidence, 0) / window.length;
      const lengthMisfit = window.reduce((sum, line) => sum + Math.abs(line.text.length - layout.lineLength), 0);
      candidates.push({ layout, lineVariants, plausibility: score, confidence, lengthMisfit });
    }
  }
  return candidates.sort((a, b) => b.plausibility - a.plausibility);
}
