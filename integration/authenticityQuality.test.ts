/**
 * Floors for buyer authenticity checks on the frozen labelled set (fixtures/authenticity-checks/),
 * through the real API, workers, Temporal and PostgreSQL, as `npm run eval:authenticity` runs it.
 *
 * The whole set takes 7-10 minutes on a busy 2-core machine, more than the suite can spend, so
 * this replays a fixed part of it: the first PREFIX checks in the set's order (every brand, code,
 * gallery picture and listing is loaded as for the whole set). A prefix keeps what a check needs
 * from the checks before it (a clone's first use, a re-scan's first check, the photo a buyer
 * copied), which any other sample would cut; the first 120 hold every kind of check of the
 * holdout split (56 holdout checks). The floors are held on those holdout checks and sit a little
 * under what this test measured on them; one check moves a figure there by 2-5 points. They are
 * held through scripts/eval/floors.ts: 0.9 or above, on 20 or more labelled cases. The figures
 * of the whole set are in docs/authenticity-checks.md ("Quality", checked by its inputs digest in
 * scripts/eval/qualityBlocks.test.ts).
 */
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { type ApiCall, type AuthenticityFigures, type CheckResult, replayAuthenticitySet, scoreAuthenticity } from '../scripts/eval/authenticityEvaluation.ts';
import { expectFloor } from '../scripts/eval/floors.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

/** The part of the set replayed: its first checks, in its order. */
const PREFIX = 120;

/**
 * Measured on the 56 holdout checks of the first 120: precision 18/18, recall 18/21, 42/56 as
 * labelled, codes read 46/46, no retake asked of a readable photo, no wrong refund (0 of 17).
 * The counterfeit recall (85.7%) and the outcome as labelled (75.0%) are below the 0.9 a floor
 * sits at: they are measured and printed here, not floored.
 */
const FLOORS = {
  counterfeitPrecision: 0.94,
  codeRead: 0.95,
  /** checks whose code is readable that were not asked for a retake */
  noRetakeOnReadable: 0.95,
};

let platform: TestPlatform;
let results: CheckResult[];
let holdout: AuthenticityFigures;
let seconds: number;

beforeAll(async () => {
  platform = await startTestPlatform({ documents: true });
  const { apiKey } = await platform.createTenant();
  const api: ApiCall = async ({ method, url, headers = {}, payload }) => {
    const response = await platform.app.inject({ method, url, headers: { authorization: `Bearer ${apiKey}`, ...headers }, payload });
    return { statusCode: response.statusCode, body: response.body };
  };
  const started = performance.now();
  results = await replayAuthenticitySet(api, { include: (check) => Number(check.id.slice(3)) <= PREFIX });
  seconds = (performance.now() - started) / 1000;
  holdout = scoreAuthenticity(results.filter((result) => result.check.split === 'holdout'));
  // about 3 minutes; the rest is for a gallery activity that stalls until its 10-minute timeout and is retried (docs/authenticity-checks.md, "Quality")
}, 25 * 60_000);
afterAll(async () => {
  await platform?.close();
});

describe('buyer authenticity checks on the holdout checks of the frozen set’s first 120', () => {
  it('answers every check (none failed or left unsettled)', () => {
    expect(results.length).toBe(PREFIX);
    expect(results.filter((result) => result.outcome === 'failed').map((result) => `${result.check.id}: ${result.status}`)).toEqual([]);
    process.stdout.write(`[authenticity quality] ${results.length} checks in ${seconds.toFixed(0)} s; holdout part: ${JSON.stringify({ ...holdout, byKind: undefined })}\n`);
  });

  it('calls likely_counterfeit with precision above its floor', () => {
    const { truePositives, falsePositives, falseNegatives } = holdout.counterfeit;
    expectFloor('likely_counterfeit precision', { hits: truePositives, of: truePositives + falsePositives, positives: truePositives + falseNegatives }, FLOORS.counterfeitPrecision);
  });

  it('never refunds automatically where the labels say not to (both splits)', () => {
    // a label photo copied from another order's check, cropped or turned past the fingerprints
    // (ac-0116 among these), was taken for a clone and refunded until the photos were compared aligned
    const wrong = results.filter((result) => result.automaticRefund && !result.check.expected.automaticRefund).map((result) => result.check.id);
    expect(wrong).toEqual([]);
  });

  it('reads codes through mild damage, and seldom asks again for a readable photo', () => {
    const { codeRead, retakeOnReadable } = holdout;
    expectFloor('code read from the photos, checks whose code is readable', { ...codeRead, positives: codeRead.of }, FLOORS.codeRead);
    expectFloor('no retake asked, checks whose code is readable', { hits: retakeOnReadable.of - retakeOnReadable.hits, of: retakeOnReadable.of, positives: retakeOnReadable.of }, FLOORS.noRetakeOnReadable);
  });
});
