import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Signal } from '../../core/signals.ts';
import { watchlistDetector, type WatchlistThresholds } from '../../workers/detectors/watchlist/detector.ts';
import { loadWatchlistIndex } from '../../workers/detectors/watchlist/load.ts';
import { percentile } from '../percentile.ts';
import { ratio, shareWithInterval } from './proportion.ts';
import { benchmarkAtScale } from './watchlistAtScale.ts';
import { screenName } from '../../workers/detectors/watchlist/matcher.ts';
import type { WatchlistIndex } from '../../workers/detectors/watchlist/watchlistIndex.ts';

/**
 * Measures the detector on the labelled synthetic cases in fixtures/seller-vetting/watchlists.
 * Run: `npx tsx scripts/eval/watchlistEvaluation.ts` (or `npm run eval:vetting`).
 *
 * A case counts as found when the detector's best signal names the expected entry. Strong
 * precision: share of strong verdicts naming the right listed party (a strong verdict on a case
 * labelled weak is right: the label only asks for at least a review). Strong recall: share of
 * cases labelled strong given a strong verdict. Any-match: the same with weak and strong together.
 */

const FIXTURE_DIRECTORY = join(import.meta.dirname, '../../fixtures/seller-vetting/watchlists');

type Tier = 'strong' | 'weak' | 'none';
interface ScreeningCase {
  id: string;
  category: string;
  field: 'person' | 'business';
  query: string;
  expected: Tier;
  listId?: string;
  entryId?: string;
}

export interface CaseOutcome { id: string; category: string; expected: Tier; got: Tier; expectedEntry?: string; gotEntry?: string; score?: number }
/** Precision and recall (null when undefined: no verdict of the tier, no case labelled so) and the counts behind them. */
export interface Rate {
  precision: number | null;
  recall: number | null;
  /** verdicts naming the right listed party, of all verdicts of the tier */
  rightVerdicts: number;
  verdicts: number;
  /** labelled cases given the tier's verdict on the right party, of all cases labelled so */
  found: number;
  labelled: number;
}

export interface EvaluationReport {
  caseCount: number;
  entryCount: number;
  listIssues: number;
  strong: Rate;
  anyMatch: Rate;
  /** expected tier → predicted tier → count */
  confusion: Record<Tier, Record<Tier, number>>;
  /** cases whose outcome breaks their label */
  failures: CaseOutcome[];
  /**
   * How far the thresholds sit from the data: the lowest score the expected entry gets on a
   * case labelled strong, and the highest score any entry gets on a case labelled none.
   */
  margins: { weakestStrongCase: number; closestDecoy: number };
  timing: { indexBuildMs: number; medianScreeningMs: number; p95ScreeningMs: number };
}

export async function evaluateWatchlist(
  options: { directory?: string; thresholds?: WatchlistThresholds } = {},
): Promise<EvaluationReport> {
  const directory = options.directory ?? FIXTURE_DIRECTORY;
  const loaded = await loadWatchlistIndex([
    { format: 'ofac-sdn-csv', sdnPath: join(directory, 'sdn.csv'), altPath: join(directory, 'alt.csv') },
    { format: 'generic-csv', path: join(directory, 'banned-persons.csv'), listId: 'marketplace-banned' },
  ]);
  const { cases } = JSON.parse(await readFile(join(directory, 'screening-cases.json'), 'utf8')) as { cases: ScreeningCase[] };

  for (const screeningCase of cases) screen(loaded.index, screeningCase, options.thresholds); // warm-up: JIT, lazy maps
  const durations: number[] = [];
  const outcomes = cases.map((screeningCase) => {
    const started = performance.now();
    const signals = screen(loaded.index, screeningCase, options.thresholds);
    durations.push(performance.now() - started);
    return outcome(screeningCase, signals);
  });

  const right = (o: CaseOutcome) => o.expected !== 'none' && o.gotEntry === o.expectedEntry;
  const flagged = outcomes.filter((o) => o.got !== 'none');
  const strongVerdicts = outcomes.filter((o) => o.got === 'strong');
  const labelledStrong = outcomes.filter((o) => o.expected === 'strong');
  const labelledMatch = outcomes.filter((o) => o.expected !== 'none');
  const confusion = { strong: emptyRow(), weak: emptyRow(), none: emptyRow() };
  for (const o of outcomes) confusion[o.expected][o.got] += 1;

  return {
    caseCount: cases.length,
    entryCount: loaded.entries.length,
    listIssues: loaded.issues.length,
    strong: rate(strongVerdicts.filter(right).length, strongVerdicts.length, labelledStrong.filter((o) => o.got === 'strong' && right(o)).length, labelledStrong.length),
    anyMatch: rate(flagged.filter(right).length, flagged.length, labelledMatch.filter((o) => o.got !== 'none' && right(o)).length, labelledMatch.length),
    confusion,
    margins: margins(loaded.index, cases),
    failures: outcomes.filter((o) => (o.expected === 'none' ? o.got !== 'none' : !right(o) || (o.expected === 'strong' && o.got !== 'strong'))),
    timing: { indexBuildMs: loaded.buildMilliseconds, medianScreeningMs: percentile(durations, 0.5), p95ScreeningMs: percentile(durations, 0.95) },
  };
}

function screen(index: WatchlistIndex, screeningCase: ScreeningCase, thresholds?: WatchlistThresholds): Signal[] {
  // Business cases leave the person name blank, which screens nothing, so each case tests one field.
  const input = screeningCase.field === 'person'
    ? { personName: screeningCase.query, index }
    : { personName: '', businessName: screeningCase.query, index };
  return watchlistDetector.detect(input, thresholds);
}

function outcome(screeningCase: ScreeningCase, signals: Signal[]): CaseOutcome {
  const best = [...signals].sort((a, b) => b.score - a.score)[0];
  const expectedEntry = screeningCase.entryId === undefined ? undefined : `${screeningCase.listId ?? ''}/${screeningCase.entryId}`;
  const base = { id: screeningCase.id, category: screeningCase.category, expected: screeningCase.expected, expectedEntry };
  if (best === undefined) return { ...base, got: 'none' };
  return {
    ...base,
    got: best.code === 'watchlist.strong_match' ? 'strong' : 'weak',
    gotEntry: `${String(best.evidence.listId)}/${String(best.evidence.entryId)}`,
    score: best.score,
  };
}

function margins(index: WatchlistIndex, cases: readonly ScreeningCase[]): EvaluationReport['margins'] {
  let weakestStrongCase = 1;
  let closestDecoy = 0;
  for (const screeningCase of cases) {
    const matches = screenName(index, screeningCase.query, screeningCase.field === 'person' ? 'person' : 'organisation', { limit: 50 });
    if (screeningCase.expected === 'none') {
      closestDecoy = Math.max(closestDecoy, matches[0]?.score ?? 0);
    } else if (screeningCase.expected === 'strong') {
      const expected = matches.find(({ name }) => name.entry.listId === screeningCase.listId && name.entry.entryId === screeningCase.entryId);
      weakestStrongCase = Math.min(weakestStrongCase, expected?.score ?? 0);
    }
  }
  return { weakestStrongCase, closestDecoy };
}

const emptyRow = (): Record<Tier, number> => ({ strong: 0, weak: 0, none: 0 });
const rate = (rightVerdicts: number, verdicts: number, found: number, labelled: number): Rate => ({
  precision: ratio(rightVerdicts, verdicts),
  recall: ratio(found, labelled),
  rightVerdicts,
  verdicts,
  found,
  labelled,
});

/** Precision and recall of a tier, each with its 95% interval. */
export const rateCells = (tier: Rate) => ({ precision: shareWithInterval(tier.rightVerdicts, tier.verdicts), recall: shareWithInterval(tier.found, tier.labelled) });


if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await evaluateWatchlist();
  const ms = (value: number, digits = 1) => `${value.toFixed(digits)} ms`;
  const { strong, anyMatch, margins, timing } = report;
  console.log(`watchlist ${watchlistDetector.version}: ${report.caseCount} cases, ${report.entryCount} entries, ${report.listIssues} list issues`);
  console.log(`strong    precision ${rateCells(strong).precision}  recall ${rateCells(strong).recall} (95% intervals in brackets)`);
  console.log(`any match precision ${rateCells(anyMatch).precision}  recall ${rateCells(anyMatch).recall}`);
  console.log('expected → got:', JSON.stringify(report.confusion));
  console.log(`margins: weakest strong-labelled case ${margins.weakestStrongCase}, closest decoy ${margins.closestDecoy}`);
  console.log(`index build ${ms(timing.indexBuildMs)}; screening median ${ms(timing.medianScreeningMs, 3)}, p95 ${ms(timing.p95ScreeningMs, 3)}`);
  for (const failure of report.failures) console.log('  off label:', JSON.stringify(failure));
  const scale = benchmarkAtScale(20_000);
  console.log(`at ${scale.entryCount} entries: parse ${ms(scale.parseMs, 0)}, index build ${ms(scale.indexBuildMs, 0)}, `
    + `screening median ${ms(scale.medianScreeningMs, 3)}, p95 ${ms(scale.p95ScreeningMs, 3)}`);
}
