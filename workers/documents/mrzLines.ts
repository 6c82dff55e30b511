/**
 * Finds the machine-readable zone in OCR output: runs of consecutive lines whose lengths are
 * close to a layout's (2x44 or 3x30) and whose characters mostly fit the layout's positions.
 * OCR often drops or doubles a `<` in a filler run, so each line also gets length-fitted
 * variants; the caller keeps the variant whose check digits validate.
 */
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
}

const lengthTolerance = 4;
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
    variants.push(line.slice(0, length), line.slice(difference));
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

/** MRZ candidates in reading order of plausibility, best first. */
export function findMrzCandidates(ocrLines: readonly OcrLine[]): MrzCandidate[] {
  const cleaned = ocrLines.map((line) => ({ text: cleanOcrLine(line.text), confidence: line.confidence })).filter((line) => line.text.length > 0);
  const candidates: MrzCandidate[] = [];
  for (const layout of mrzLayouts) {
    for (let first = 0; first + layout.lineCount <= cleaned.length; first++) {
      const window = cleaned.slice(first, first + layout.lineCount);
      if (!window.every((line) => Math.abs(line.text.length - layout.lineLength) <= lengthTolerance)) continue;
      if (!window.some((line) => line.text.includes('<'))) continue;
      const lineVariants = window.map((line) => fitLineLength(line.text, layout.lineLength));
      const score = plausibility(layout, lineVariants.map((variants) => variants[0] ?? ''));
      if (score < minimumPlausibility) continue;
      const confidence = window.reduce((sum, line) => sum + line.confidence, 0) / window.length;
      candidates.push({ layout, lineVariants, plausibility: score, confidence });
    }
  }
  return candidates.sort((a, b) => b.plausibility - a.plausibility);
}
