/**
 * Floors for content screening on the holdout stream (fixtures/content-screening/holdout.jsonl):
 * a change that lowers any of them fails CI. Set a little under what `npm run eval:content`
 * measured, so noise in a regenerated set does not fail them but a real regression does; held
 * through scripts/eval/floors.ts (0.9 or above, and only on kinds with 20 or more labelled
 * positives). The kinds with fewer are measured and shown in docs/content-screening.md, not floored.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateContentSet, loadContentSet, type ContentReport, type Score } from './contentEvaluation.ts';
import { expectFloor, expectPrecisionRecallFloor, expectTooFewToFloor } from './floors.ts';
import { readBlock, renderContentQuality } from './qualityBlocks.ts';

let report: ContentReport;
beforeAll(async () => {
  report = await evaluateContentSet(loadContentSet('holdout'));
});

const positives = (score: Score) => score.truePositives + score.falseNegatives;
const both = (floor: number) => ({ precision: floor, recall: floor });

/**
 * Too few labelled positives on the holdout stream for a floor (counts as measured there):
 * coordinated-group posts 18, excessive-cadence posts 9, the channel_mismatch disclosure class 16,
 * coordinated-group members 6 creators, paid creators for uniform praise 19 (whose recall, 8 of
 * 19, would not hold a floor of 0.9 either).
 */
const tooFew = {
  signals: ['content.coordinated_group', 'content.cadence_excessive'],
  disclosureClasses: ['channel_mismatch'],
} as const;

describe('content screening holdout floors', () => {
  it('has the set the issue asks for: 300 posts by 40 creators, 60 disclosure cases of each kind', () => {
    expect(report.posts).toBeGreaterThanOrEqual(300);
    expect(report.creators).toBeGreaterThanOrEqual(40);
    const classes = report.disclosureClasses;
    expect(Object.values(classes).reduce((sum, score) => sum + positives(score), 0)).toBeGreaterThanOrEqual(60);
    for (const score of Object.values(classes)) expect(positives(score)).toBeGreaterThanOrEqual(10);
  });

  it.each(['content.shared_script', 'content.affiliate_undisclosed', 'content.disclosure_* (not clear)'])('%s: precision and recall at least 0.95', (code) => {
    expectPrecisionRecallFloor(code, report.signals[code]!, both(0.95));
  });

  it('classifies every disclosure class with enough cases at 0.95 or better', () => {
    for (const [name, score] of Object.entries(report.disclosureClasses)) {
      if (!(tooFew.disclosureClasses as readonly string[]).includes(name)) expectPrecisionRecallFloor(`disclosure class ${name}`, score, both(0.95));
    }
  });

  it('clusters readings of one script together and nothing else, for every kind of reading', () => {
    expectPrecisionRecallFloor('same cluster = same script (pairs)', report.clusterPairs, { precision: 0.98, recall: 0.95 });
    for (const [variant, pairs] of Object.entries(report.pairsByVariant)) {
      expectFloor(`recall of pairs whose later post is ${variant}`, { hits: pairs.truePositives, of: positives(pairs), positives: positives(pairs) }, 0.95);
    }
  });

  it('gives the right final verdict at 0.95 or better for each of escalate, label and clean', () => {
    for (const [name, score] of Object.entries(report.verdicts)) expectPrecisionRecallFloor(`final verdict ${name}`, score, both(0.95));
  });

  it('leaves unfloored only the kinds with too few positives for a floor', () => {
    for (const code of tooFew.signals) expectTooFewToFloor(code, positives(report.signals[code]!));
    for (const name of tooFew.disclosureClasses) expectTooFewToFloor(`disclosure class ${name}`, positives(report.disclosureClasses[name]!));
    expectTooFewToFloor('coordinated group members (creators)', positives(report.coordinatedCreators));
    expectTooFewToFloor('uniform praise (paid creators)', positives(report.uniformPraiseCreators));
  });
});

describe('docs/content-screening.md', () => {
  // The holdout run above, and the tune stream (about a second) the page shows beside it.
  it('shows the figures this evaluation gives now (`npm run docs:quality -- content` rewrites them)', async () => {
    expect(readBlock('content')).toBe(renderContentQuality({ holdout: report, tune: await evaluateContentSet(loadContentSet('tune')) }));
  });
});
