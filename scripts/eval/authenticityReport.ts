/**
 * `npm run eval:authenticity`: the frozen set of buyer authenticity checks through a throwaway
 * platform of its own (fresh database, Temporal dev server, the API on a free port, the workers
 * in this process: scripts/bench/environment.ts), printed per split. The tune split is what the
 * detectors and policy may be tuned on; the holdout split is the figure the docs quote.
 */
import { startBenchPlatform } from '../bench/environment.ts';
import {
  type ApiCall,
  type AuthenticityFigures,
  type CheckResult,
  type LabelledCheck,
  DAMAGE_KINDS,
  missesOf,
  OUTCOMES,
  replayAuthenticitySet,
  scoreAuthenticity,
  type Split,
} from './authenticityEvaluation.ts';
import { ambiguousLabels } from './authenticityLabels.ts';
import { precisionRecallCells } from './proportion.ts';

const pct = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);

/** An ApiCall over HTTP with the marketplace's key. */
export function httpApi(baseUrl: string, apiKey: string): ApiCall {
  return async ({ method, url, headers = {}, payload }) => {
    const json = payload !== undefined && !Buffer.isBuffer(payload) && typeof payload !== 'string';
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(json ? { 'content-type': 'application/json' } : {}), ...headers },
      body: payload === undefined ? undefined : json ? JSON.stringify(payload) : Buffer.isBuffer(payload) ? new Uint8Array(payload) : payload,
    });
    return { statusCode: response.status, body: await response.text() };
  };
}

/** The whole set through a platform of its own; `include` narrows it (the replay still loads every brand, code, gallery picture and listing). */
export async function evaluateAuthenticityOnPlatform(options: { include?: (check: LabelledCheck) => boolean; quiet?: boolean } = {}): Promise<{ results: CheckResult[]; seconds: number; cores: number }> {
  const platform = await startBenchPlatform({ workers: true, documents: true });
  const started = performance.now();
  try {
    const results = await replayAuthenticitySet(httpApi(platform.url, platform.apiKey), {
      include: options.include,
      progress: options.quiet ? undefined : (result, done, total) => process.stderr.write(`\rauthenticity checks: ${done}/${total} ${result.check.id} ${result.outcome.padEnd(20)}`),
    });
    if (!options.quiet) process.stderr.write('\n');
    return { results, seconds: (performance.now() - started) / 1000, cores: (await import('node:os')).availableParallelism() };
  } finally {
    await platform.close();
  }
}

export function printAuthenticityFigures(title: string, figures: AuthenticityFigures): void {
  console.log(`\n== ${title} (${figures.checks} checks) ==`);
  const { counterfeit } = figures;
  const cells = precisionRecallCells(counterfeit.truePositives, counterfeit.falsePositives, counterfeit.falseNegatives);
  console.log(`likely_counterfeit: precision ${cells.precision}, recall ${cells.recall} (95% intervals in brackets; TP ${counterfeit.truePositives}, FP ${counterfeit.falsePositives}, FN ${counterfeit.falseNegatives})`);
  console.log(`automatic refunds that were wrong: ${pct(figures.wrongRefunds.rate)} (${figures.wrongRefunds.hits} of ${figures.wrongRefunds.of}); labelled refunds that went out: ${pct(figures.refundRecall.rate)} (${figures.refundRecall.hits} of ${figures.refundRecall.of})`);
  console.log(`outcome as labelled: ${pct(figures.accuracy.rate)} (${figures.accuracy.hits} of ${figures.accuracy.of})`);
  console.log(`retake asked on checks whose code is readable: ${pct(figures.retakeOnReadable.rate)} (${figures.retakeOnReadable.hits} of ${figures.retakeOnReadable.of})`);
  console.log(`code read from the photos (checks whose code is readable), by damage on the label photo: ${pct(figures.codeRead.rate)} overall (${figures.codeRead.hits} of ${figures.codeRead.of})`);
  console.table(Object.fromEntries(DAMAGE_KINDS.map((damage) => [damage, { read: figures.codeReadByDamage[damage].hits, of: figures.codeReadByDamage[damage].of, rate: pct(figures.codeReadByDamage[damage].rate) }])));
  console.log('Outcomes: labelled (rows) against answered (columns):');
  console.table(Object.fromEntries(OUTCOMES.map((expected) => [expected, figures.confusion[expected]])));
  console.log('Outcome as labelled, per kind of check:');
  console.table(Object.fromEntries(Object.entries(figures.byKind).map(([kind, score]) => [kind, { right: score.hits, of: score.of, rate: pct(score.rate) }])));
}

export function printAuthenticityReport(results: readonly CheckResult[], options: { showMistakes: boolean }): void {
  const splits: Split[] = ['tune', 'holdout'];
  for (const split of splits) {
    const part = results.filter((result) => result.check.split === split);
    if (part.length > 0) printAuthenticityFigures(`Buyer authenticity checks, ${split} split${split === 'holdout' ? ' (the figure the docs quote)' : ' (tuned on)'}`, scoreAuthenticity(part));
  }
  const ambiguous = ambiguousLabels();
  console.log(`\nLabels ambiguous by the issue's own rules (kept as the set has them, counted as labelled): ${ambiguous.length}`);
  for (const entry of ambiguous) console.log(`- ${entry.ids.join(', ')}: ${entry.why}`);
  const misses = missesOf(results);
  console.log(`\nMisses (outcome or refund not as labelled): ${misses.length}${options.showMistakes ? '' : ' (--mistakes lists them)'}`);
  if (options.showMistakes) {
    for (const miss of misses) {
      console.log(`- ${miss.check.id} [${miss.check.split}] ${miss.check.kind}: labelled ${miss.check.expected.outcome}${miss.check.expected.automaticRefund ? ' (refund)' : ''}, answered ${miss.outcome}${miss.automaticRefund ? ' (refund)' : ''}; signals ${miss.signals.join(' ') || 'none'}${miss.retake.length ? `; retake ${miss.retake.map((r) => `${r.kind}:${r.reason}`).join(' ')}` : ''}`);
    }
  }
}
