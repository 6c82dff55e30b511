/**
 * Merges several readings of the same MRZ (different engines or crops) field by field: starting
 * from the preferred reading with the most valid check digits, each check-digit field that fails
 * there is taken, with its digit, from another reading where it validates. Names carry no check
 * digit, so they always come from the base reading (callers list their most glyph-accurate
 * reading first).
 */
import { checkDigitResults } from './mrzCheckDigitRepair.ts';
import { sliceSpan, type Span } from './mrzLayout.ts';
import { type RepairedMrz, validCount } from './mrz.ts';

function copySpan(target: string[], source: readonly string[], span: Span): void {
  const line = target[span.line] ?? '';
  target[span.line] = line.slice(0, span.start) + sliceSpan(source, span) + line.slice(span.end);
}

export function mergeMrzReadings(readings: readonly (RepairedMrz | null)[]): RepairedMrz | null {
  const present = readings.filter((reading): reading is RepairedMrz => reading !== null);
  const base = present.reduce<RepairedMrz | null>((best, reading) => (!best || validCount(reading) > validCount(best) ? reading : best), null);
  if (!base) return null;
  const layout = base.layout;
  const others = present.filter((reading) => reading !== base && reading.layout.format === layout.format);
  const lines = [...base.lines];
  let borrowed = false;
  for (const rule of layout.checkDigits) {
    if (rule.name === 'composite' || checkDigitResults(layout, lines)[rule.name]) continue;
    const donor = others.find((other) => other.checkDigits[rule.name]);
    if (!donor) continue;
    const spans = [...rule.covers, { line: rule.digitAt.line, start: rule.digitAt.index, end: rule.digitAt.index + 1 }];
    // A long TD1 document number continues, with its check digit, in the optional data.
    const overflow = rule.name === 'documentNumber' ? layout.fields.optionalData : null;
    for (const span of overflow ? [...spans, overflow] : spans) copySpan(lines, donor.lines, span);
    borrowed = true;
  }
  if (!borrowed) return base;
  const merged = { ...base, lines, checkDigits: checkDigitResults(layout, lines) };
  return validCount(merged) >= validCount(base) ? merged : base;
}
