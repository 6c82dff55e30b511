/** Prints content screening's evaluation: per signal, per disclosure class, clustering and the final verdict. */
import type { ContentReport, Score } from './contentEvaluation.ts';
import { precisionRecallCells, shareWithInterval } from './proportion.ts';

// precision and recall with their 95% Wilson intervals in brackets, n/a where undefined
const row = (score: Score) => ({ ...precisionRecallCells(score.truePositives, score.falsePositives, score.falseNegatives), tp: score.truePositives, fp: score.falsePositives, fn: score.falseNegatives });

export function printContentReport(title: string, report: ContentReport): void {
  console.log(`\n== ${title} (${report.posts} posts, ${report.creators} creators; 95% intervals in brackets) ==`);
  console.log('Signals (per post):');
  console.table(Object.fromEntries(Object.entries(report.signals).map(([code, score]) => [code, row(score)])));
  console.log('Disclosure class (per post):');
  console.table(Object.fromEntries(Object.entries(report.disclosureClasses).map(([name, score]) => [name, row(score)])));
  console.log('Script clusters (pairs of posts reading one script) and creators:');
  console.table({
    'same cluster = same script (pairs)': row(report.clusterPairs),
    'coordinated group members (creators)': row(report.coordinatedCreators),
    'uniform praise (paid creators)': row(report.uniformPraiseCreators),
  });
  console.log(`pair recall by variant: ${Object.entries(report.pairsByVariant).map(([variant, pairs]) => `${variant} ${shareWithInterval(pairs.truePositives, pairs.truePositives + pairs.falseNegatives)} of ${pairs.truePositives + pairs.falseNegatives}`).join(', ')}`);
  console.log('Final verdict (per post):');
  console.table(Object.fromEntries(Object.entries(report.verdicts).map(([name, score]) => [name, row(score)])));
}
