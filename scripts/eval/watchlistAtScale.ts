import { LIST_SIZES } from '../../fixtures/seller-vetting/watchlists/generate.ts';
import { altCsv, sdnCsv } from '../../fixtures/seller-vetting/watchlists/ofacFormat.ts';
import { seededRandom } from '../../fixtures/seededRandom.ts';
import { generateEntries, type SyntheticEntry } from '../../fixtures/seller-vetting/watchlists/syntheticLists.ts';
import { percentile } from '../percentile.ts';
import { screenName } from '../../workers/detectors/watchlist/matcher.ts';
import { parseSdnCsv } from '../../workers/detectors/watchlist/sdnCsv.ts';
import { buildWatchlistIndex } from '../../workers/detectors/watchlist/watchlistIndex.ts';

/**
 * Timing at the size of the real SDN list (the committed fixture is 2,000 entries, the real list
 * roughly ten times that): a synthetic list of `entryCount` entries in OFAC layout, parsed,
 * indexed, then screened with queries drawn from it. Kept out of the unit tests: timings there
 * would be flaky on a busy CI machine.
 */

export interface ScaleTiming { entryCount: number; parseMs: number; indexBuildMs: number; medianScreeningMs: number; p95ScreeningMs: number }

export function benchmarkAtScale(entryCount: number, seed = 7): ScaleTiming {
  const factor = entryCount / Object.values(LIST_SIZES).reduce((sum, size) => sum + size, 0);
  const sizes = Object.fromEntries(Object.entries(LIST_SIZES).map(([type, size]) => [type, Math.round(size * factor)])) as typeof LIST_SIZES;
  const random = seededRandom(seed);
  const synthetic = generateEntries(random, sizes, new Set());

  let started = performance.now();
  const { entries } = parseSdnCsv({ sdn: sdnCsv(synthetic), alt: altCsv(synthetic) });
  const parseMs = performance.now() - started;
  started = performance.now();
  const index = buildWatchlistIndex(entries);
  const indexBuildMs = performance.now() - started;

  const queries = random.shuffle(synthetic).slice(0, 300).map((entry) => queryFor(entry));
  for (const query of queries) screenName(index, query.name, query.role);
  const durations = queries.map((query) => {
    const begun = performance.now();
    screenName(index, query.name, query.role);
    return performance.now() - begun;
  });
  return { entryCount: entries.length, parseMs, indexBuildMs, medianScreeningMs: percentile(durations, 0.5), p95ScreeningMs: percentile(durations, 0.95) };
}

/** Half the queries name a listed party, half swap the surname for an unlisted one (the usual case). */
function queryFor(entry: SyntheticEntry): { name: string; role: 'person' | 'organisation' } {
  if (entry.type !== 'individual') return { name: entry.entNum % 2 === 0 ? entry.name : `${entry.words} Novelty Shop`, role: 'organisation' };
  return { name: entry.entNum % 2 === 0 ? `${entry.given} ${entry.surname}` : `${entry.given} Quellingham`, role: 'person' };
}
