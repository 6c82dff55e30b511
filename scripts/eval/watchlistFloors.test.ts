import { beforeAll, describe, expect, it } from 'vitest';
import { expectFloor } from './floors.ts';
import { readBlock, renderWatchlistQuality } from './qualityBlocks.ts';
import { evaluateWatchlist, type EvaluationReport, type Rate } from './watchlistEvaluation.ts';

// A regression gate on the labelled synthetic set: a change that lets decoys through or loses
// listed parties fails here. The floors sit just under the current figures (see docs/seller-vetting.md),
// held through scripts/eval/floors.ts (82 cases labelled strong, 114 labelled strong or weak).
const expectRateFloor = (what: string, rate: Rate, floors: { precision: number; recall: number }) => {
  expectFloor(`${what} precision`, { hits: rate.rightVerdicts, of: rate.verdicts, positives: rate.labelled }, floors.precision);
  expectFloor(`${what} recall`, { hits: rate.found, of: rate.labelled, positives: rate.labelled }, floors.recall);
};
describe('evaluateWatchlist', () => {
  let report: EvaluationReport;
  // Builds the index and screens every case: seconds of work, more on a busy machine.
  beforeAll(async () => {
    report = await evaluateWatchlist();
  }, 60_000);

  it('keeps precision and recall on the labelled cases', () => {
    expect(report.caseCount).toBeGreaterThanOrEqual(150);
    expect(report.listIssues).toBe(0);
    expectRateFloor('strong match', report.strong, { precision: 1, recall: 0.98 });
    expectRateFloor('any match', report.anyMatch, { precision: 1, recall: 0.9 });
    expect(report.confusion.none.strong + report.confusion.none.weak).toBe(0);
    expect(report.margins.closestDecoy).toBeLessThan(0.8);
    expect(report.failures.filter((failure) => !failure.category.startsWith('hard-'))).toEqual([]);
  });

  it('shows its figures in docs/seller-vetting.md as they are now (`npm run docs:quality -- watchlist` rewrites them)', () => {
    expect(readBlock('vetting-watchlist')).toBe(renderWatchlistQuality(report));
  });

  it('counts a decoy flagged by a looser threshold against precision', { timeout: 60_000 }, async () => {
    const loose = await evaluateWatchlist({ thresholds: { strongMatch: 0.92, weakMatch: 0.5 } });
    expect(loose.confusion.none.weak).toBeGreaterThan(0);
    expect(loose.anyMatch.precision).not.toBeNull();
    expect(loose.anyMatch.precision!).toBeLessThan(1);
  });
});
