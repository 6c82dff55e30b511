/** Prints the document evaluation: per image (failures only), per kind of damage, per split. */
import type { ImageResult } from './documentEvaluation.ts';
import { type Figures, summarise } from './documentSummary.ts';
import { precisionRecallCells } from './proportion.ts';

const pct = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);
const short = (codes: string[]) => codes.map((code) => code.replace('document.', '')).join(' ');

function row(figures: Figures) {
  return { images: figures.images, 'outcome acc.': pct(figures.outcomeAccuracy), 'wrong approvals': figures.wrongApprovals, 'field acc.': pct(figures.fieldAccuracy), 'exact signals': figures.exactSignalMatches };
}

export function printDocumentReport(title: string, results: readonly ImageResult[]): void {
  const summary = summarise(results);
  console.log(`\n== ${title} (${results.length} images) ==`);
  const misses = results.filter((result) => result.expectedSignals.join() !== result.actualSignals.join() || result.fieldsCorrect < result.fieldsTotal);
  if (misses.length > 0) {
    console.table(misses.map((result) => ({ file: result.file, format: result.format ?? '-', wrong: result.wrongFields.join(' '), expected: short(result.expectedSignals), actual: short(result.actualSignals), outcome: `${result.expectedOutcome}→${result.actualOutcome}`, ms: result.durationMs })));
  }
  console.table({ ...Object.fromEntries(Object.entries(summary.byKind).map(([kind, figures]) => [kind, row(figures)])), ALL: row(summary.overall) });
  console.log('Signal codes (95% intervals in brackets; n/a: never emitted, or never expected):');
  console.table(Object.fromEntries(summary.signalCodes.map((score) => [short([score.code]), { ...precisionRecallCells(score.truePositives, score.falsePositives, score.falseNegatives), tp: score.truePositives, fp: score.falsePositives, fn: score.falseNegatives }])));
  console.log(`read time: median ${summary.readMs.median} ms, p95 ${summary.readMs.p95} ms`);
}
