/**
 * Floors for content screening on the holdout stream (fixtures/content-screening/holdout.jsonl):
 * a change that lowers any of them fails CI. Set a little under what `npm run eval:content`
 * measured, so noise in a regenerated set does not fail them but a real regression does.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateContentSet, loadContentSet, type ContentReport } from './contentEvaluation.ts';
import { readBlock, renderContentQuality } from './qualityBlocks.ts';

let report: ContentReport;
beforeAll(async () => {
  report = await evaluateContentSet(loadContentSet('holdout'));
});

describe('content screening holdout floors', () => {
  it('has the set the issue asks for: 300 posts by 40 creators, 60 disclosure cases of each kind', () => {
    expect(report.posts).toBeGreaterThanOrEqual(300);
    expect(report.creators).toBeGreaterThanOrEqual(40);
    const classes = report.disclosureClasses;
    expect(Object.values(classes).reduce((sum, score) => sum + score.truePositives + score.falseNegatives, 0)).toBeGreaterThanOrEqual(60);
    for (const score of Object.values(classes)) expect(score.truePositives + score.falseNegatives).toBeGreaterThanOrEqual(10);
  });

  it.each(['content.shared_script', 'content.coordinated_group', 'content.cadence_excessive', 'content.affiliate_undisclosed', 'content.disclosure_* (not clear)'])('%s: precision and recall at least 0.95', (code) => {
    expect(report.signals[code]!.precision).toBeGreaterThanOrEqual(0.95);
    expect(report.signals[code]!.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('classifies every disclosure class at 0.95 or better', () => {
    for (const [name, score] of Object.entries(report.disclosureClasses)) {
      expect(score.precision, name).toBeGreaterThanOrEqual(0.95);
      expect(score.recall, name).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('clusters readings of one script together and nothing else, for every kind of reading', () => {
    expect(report.clusterPairs.precision).toBeGreaterThanOrEqual(0.98);
    expect(report.clusterPairs.recall).toBeGreaterThanOrEqual(0.95);
    for (const recall of Object.values(report.pairRecallByVariant)) expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('finds the coordinated group, and uniform praise only among paid creators', () => {
    expect(report.coordinatedCreators.precision).toBeGreaterThanOrEqual(0.95);
    expect(report.coordinatedCreators.recall).toBeGreaterThanOrEqual(0.95);
    expect(report.uniformPraiseCreators.precision).toBeGreaterThanOrEqual(0.9);
    expect(report.uniformPraiseCreators.recall).toBeGreaterThanOrEqual(0.3);
  });

  it('gives the right final verdict at 0.95 or better for each of escalate, label and clean', () => {
    for (const [name, score] of Object.entries(report.verdicts)) {
      expect(score.precision, name).toBeGreaterThanOrEqual(0.95);
      expect(score.recall, name).toBeGreaterThanOrEqual(0.95);
    }
  });
});

describe('docs/content-screening.md', () => {
  // The holdout run above, and the tune stream (about a second) the page shows beside it.
  it('shows the figures this evaluation gives now (`npm run docs:quality -- content` rewrites them)', async () => {
    expect(readBlock('content')).toBe(renderContentQuality({ holdout: report, tune: await evaluateContentSet(loadContentSet('tune')) }));
  });
});
