import { beforeAll, describe, expect, it } from 'vitest';
import { readBlock, renderWatchlistQuality } from './qualityBlocks.ts';
import { evaluateWatchlist, type EvaluationReport } from './watchlistEvaluation.ts';

// A regression gate on the labelled synthetic set: a change that lets decoys through or loses
// listed parties fails here. The floors sit just under the current figures (see docs/seller-vetting.md).
describe('evaluateWatchlist', () => {
  let report: EvaluationReport;
  // Builds the index and screens every case: seconds of work, more on a busy machine.
  beforeAll(async () => {
    report = await evaluateWatchlist();
  }, 60_000);

  it('keeps precision and recall on the labelled cases', () => {
    expect(report.caseCount).toBeGreaterThanOrEqual(150);
    expect(report.listIssues).toBe(0);
    expect(report.strong.precision).toBe(1);
    expect(report.strong.recall).toBeGreaterThanOrEqual(0.98);
    expect(report.anyMatch.precision).toBe(1);
    expect(report.anyMatch.recall).toBeGreaterThanOrEqual(0.9);
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
    expect(loose.anyMatch.precision).toBeLessThan(1);
  });
});
