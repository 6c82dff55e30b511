/**
 * `npm run eval` (and `npm run eval:vetting`): detection quality over the labelled fixtures,
 * printed as precision/recall tables. Nothing here asserts; the unit tests of each evaluator do.
 */
import type { Signal } from '../core/signals.ts';
import { evaluateWatchlist } from '../workers/detectors/watchlist/evaluate.ts';
import { evaluateDocuments } from '../workers/documents/evaluate.ts';
import { evaluatePolicy, type PolicyRules } from '../workers/policy/policy.ts';
import sellerVettingPolicy from '../workers/policy/sellerVettingPolicy.v1.json' with { type: 'json' };

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const policy = sellerVettingPolicy as PolicyRules;

/**
 * Signals from codes alone: every rule the documents' codes meet in policy v1 is by code (none
 * uses minScore), so severity and score do not change those verdicts.
 */
const asSignals = (codes: string[]): Signal[] =>
  codes.map((code) => ({ code, severity: code === 'document.verified' ? 'info' : 'medium', score: 0.5, summary: code, evidence: {}, detector: { id: 'eval', version: '0' } }));

async function vetting(): Promise<void> {
  const documents = await evaluateDocuments();
  console.log('\n== Seller vetting: identity documents (%d labelled images) ==', documents.images.length);
  console.log(`MRZ field accuracy       ${pct(documents.mrzFieldAccuracy)}`);
  console.log(`exact signal-set matches ${documents.exactSignalMatches}/${documents.images.length}`);
  console.log(`read time                median ${Math.round(documents.readMs.median)} ms, p95 ${Math.round(documents.readMs.p95)} ms`);
  console.table(Object.fromEntries(documents.signalCodes.map((score) => [score.code, { precision: pct(score.precision), recall: pct(score.recall), expected: score.truePositives + score.falseNegatives, emitted: score.truePositives + score.falsePositives }])));

  // The verdict each fixture should get under policy v1, against the one its actual signals get
  // (other checks clean: no registry, watchlist or linked-account signals).
  const confusion: Record<string, Record<string, number>> = {};
  let correct = 0;
  for (const image of documents.images) {
    const expected = evaluatePolicy(policy, asSignals(image.expectedSignals)).outcome;
    const actual = evaluatePolicy(policy, asSignals(image.actualSignals)).outcome;
    confusion[expected] ??= { approve: 0, escalate: 0, reject: 0 };
    confusion[expected][actual] = (confusion[expected][actual] ?? 0) + 1;
    if (expected === actual) correct++;
  }
  console.log(`\nverdict accuracy (policy v1) ${correct}/${documents.images.length} = ${pct(correct / documents.images.length)}; rows expected, columns actual:`);
  console.table(confusion);

  const watchlist = await evaluateWatchlist();
  console.log('\n== Seller vetting: watchlist screening (%d cases, %d list entries) ==', watchlist.caseCount, watchlist.entryCount);
  console.table({
    'strong match': { precision: pct(watchlist.strong.precision), recall: pct(watchlist.strong.recall) },
    'any match (strong or weak)': { precision: pct(watchlist.anyMatch.precision), recall: pct(watchlist.anyMatch.recall) },
  });
  console.log(`screening time median ${watchlist.timing.medianScreeningMs.toFixed(2)} ms, p95 ${watchlist.timing.p95ScreeningMs.toFixed(2)} ms; index build ${Math.round(watchlist.timing.indexBuildMs)} ms`);
}

const [what = 'all'] = process.argv.slice(2);
if (what === 'all' || what === 'vetting') await vetting();
