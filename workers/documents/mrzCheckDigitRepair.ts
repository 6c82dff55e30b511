/**
 * Check digits decide between readings of positions that may hold letters or digits (document
 * and personal numbers). A check digit is only modulo 10, and the composite digit weighs these
 * fields exactly as their own digit does, so it is no second witness: every swap tried is a one
 * in ten chance of "confirming" a wrong number, or of hiding a tampered one. Hence only the one
 * confusion OCR keeps making on OCR-B, O for 0 and back, is tried, once per field, and kept only
 * when exactly one candidate validates. (Two swaps over O, 0, I, 1 "repaired" a misread number
 * into a wrong valid one on our fixtures; readings from other engines and crops are the better
 * source of alternatives, see mrzMerge.ts.)
 */
import { mrzCheckDigit } from './mrzCheckDigit.ts';
import { type CheckDigitName, type CheckDigitRule, type MrzLayout, sliceSpan } from './mrzLayout.ts';

export type CheckDigitResults = Partial<Record<CheckDigitName, boolean>>;

const swapFor: Readonly<Record<string, string>> = { O: '0', '0': 'O' };
const maxSwaps = 1;

/** The characters a rule covers and its digit; handles a TD1 document number that overflows. */
export function resolveCheckDigitRule(layout: MrzLayout, lines: readonly string[], rule: CheckDigitRule): { value: string; digit: string } {
  const digit = (lines[rule.digitAt.line] ?? '').charAt(rule.digitAt.index);
  const value = rule.covers.map((span) => sliceSpan(lines, span)).join('');
  const optional = layout.fields.optionalData;
  if (rule.name === 'documentNumber' && digit === '<' && optional) {
    // ICAO 9303: a number longer than 9 continues in the optional data; its check digit is the
    // last character before the first filler there.
    const overflow = sliceSpan(lines, optional).split('<')[0] ?? '';
    if (overflow.length >= 2) return { value: value + overflow.slice(0, -1), digit: overflow.slice(-1) };
  }
  return { value, digit };
}

export function checkDigitResults(layout: MrzLayout, lines: readonly string[]): CheckDigitResults {
  const results: CheckDigitResults = {};
  for (const rule of layout.checkDigits) {
    const { value, digit } = resolveCheckDigitRule(layout, lines, rule);
    // An empty personal number may carry `<` instead of 0 as its check digit.
    const emptyOptional = rule.name === 'personalNumber' && /^<*$/.test(value) && digit === '<';
    results[rule.name] = emptyOptional || mrzCheckDigit(value) === digit;
  }
  return results;
}

function replaceAt(line: string, index: number, character: string): string {
  return line.slice(0, index) + character + line.slice(index + 1);
}

/** Every way to swap up to `maxSwaps` of the ambiguous positions, fewest swaps first. */
function* swapCandidates(lines: readonly string[], rule: CheckDigitRule): Generator<{ lines: string[]; swaps: number }> {
  const positions = rule.covers.flatMap(({ line, start, end }) =>
    Array.from({ length: end - start }, (_, offset) => ({ line, index: start + offset })).filter(({ line: row, index }) => swapFor[(lines[row] ?? '').charAt(index)] !== undefined),
  );
  function* choose(from: number, left: number, current: string[]): Generator<string[]> {
    if (left === 0) {
      yield current;
      return;
    }
    for (let next = from; next < positions.length; next++) {
      const position = positions[next];
      if (!position) continue;
      const line = current[position.line] ?? '';
      const swapped = swapFor[line.charAt(position.index)] ?? line.charAt(position.index);
      const copy = [...current];
      copy[position.line] = replaceAt(line, position.index, swapped);
      yield* choose(next + 1, left - 1, copy);
    }
  }
  for (let swaps = 1; swaps <= maxSwaps; swaps++) {
    for (const candidate of choose(0, swaps, [...lines])) yield { lines: candidate, swaps };
  }
}

export interface CheckDigitRepair {
  lines: string[];
  swaps: number;
  checkDigits: CheckDigitResults;
}

/** The single validating candidate with the fewest swaps, or null when none or several do. */
function uniqueRepair(layout: MrzLayout, lines: readonly string[], rule: CheckDigitRule): { lines: string[]; swaps: number } | null {
  let found: { lines: string[]; swaps: number } | null = null;
  for (const candidate of swapCandidates(lines, rule)) {
    if (found && candidate.swaps > found.swaps) break;
    if (!checkDigitResults(layout, candidate.lines)[rule.name]) continue;
    if (found) return null;
    found = candidate;
  }
  return found;
}

/** Tries swaps in the alphanumeric fields whose check digit fails; keeps the original otherwise. */
export function repairWithCheckDigits(layout: MrzLayout, lines: readonly string[]): CheckDigitRepair {
  let current = [...lines];
  let totalSwaps = 0;
  for (const rule of layout.checkDigits) {
    if (rule.name !== 'documentNumber' && rule.name !== 'personalNumber') continue;
    if (checkDigitResults(layout, current)[rule.name]) continue;
    const repair = uniqueRepair(layout, current, rule);
    if (!repair) continue;
    current = repair.lines;
    totalSwaps += repair.swaps;
  }
  return { lines: current, swaps: totalSwaps, checkDigits: checkDigitResults(layout, current) };
}
