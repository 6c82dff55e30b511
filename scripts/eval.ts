/**
 * `npm run eval` (and `npm run eval:vetting`, `npm run eval:content`): detection quality over the labelled fixtures,
 * printed as tables. Nothing here asserts; the unit tests of each evaluator do.
 *
 * Document options, for working on a subset: `--set original|wide`, `--split tune|holdout`,
 * `--kind <damage kind>`, `--every N` (one image in N) (e.g. npm run eval:vetting -- --set wide --split tune --kind glare).
 * `npm run eval:listing-images`: image matching recall per transformation at zero false matches;
 * `-- --family randomised [--split holdout] [--fingerprints-only]` the set of randomised disguises written apart from the matcher.
 * `npm run eval:authenticity`: the frozen set of buyer authenticity checks through a platform of
 * its own, both splits (`--split tune|holdout` for one, `--mistakes` to list the misses,
 * `--results <file>` to keep every check's answer as JSON lines, for tuning without replaying).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { evaluateWatchlist, rateCells } from './eval/watchlistEvaluation.ts';
import { type DocumentSetName, type EvaluationLabel, loadDocumentSet } from './eval/documentLabels.ts';
import { evaluateDocumentSet, type ImageResult } from './eval/documentEvaluation.ts';
import { printDocumentReport } from './eval/documentReport.ts';
import { printListingReport } from './eval/listingReport.ts';
import { listingImages } from './eval/listingImagesReport.ts';
import { printRandomisedImages } from './eval/listingImagesRandomised.ts';
import { evaluateContentSet, loadContentSet, type ContentSplit } from './eval/contentEvaluation.ts';
import { printContentReport } from './eval/contentReport.ts';
import { evaluateIndependentContent, randomisedReads } from './eval/contentIndependentEvaluation.ts';
import { precisionRecallCells, shareWithInterval } from './eval/proportion.ts';
import { evaluateAuthenticityOnPlatform, printAuthenticityReport } from './eval/authenticityReport.ts';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { set: { type: 'string' }, split: { type: 'string' }, kind: { type: 'string' }, every: { type: 'string' }, mistakes: { type: 'boolean' }, 'fingerprints-only': { type: 'boolean' }, family: { type: 'string' }, results: { type: 'string' } },
});

async function documents(name: DocumentSetName): Promise<void> {
  const set = await loadDocumentSet(name);
  // --every N keeps one image in N (a quick look at every kind).
  const every = Number(options.every ?? 1);
  const include = (label: EvaluationLabel) => (!options.split || label.split === options.split) && (!options.kind || label.kind === options.kind) && set.images.indexOf(label) % every === 0;
  const progress = (result: ImageResult, done: number, total: number) => process.stderr.write(`\r${name}: ${done}/${total} ${result.file.padEnd(36)}`);
  const results = await evaluateDocumentSet(set, include, progress);
  process.stderr.write('\n');
  if (name === 'original') {
    printDocumentReport('Seller vetting: identity documents, original set', results);
    return;
  }
  // The wider set: tuned on one part, reported on the other (the split is fixed in its labels).
  for (const split of ['tune', 'holdout'] as const) {
    const part = results.filter((result) => result.split === split);
    if (part.length > 0) printDocumentReport(`Seller vetting: identity documents, wider set, ${split} split`, part);
  }
}

async function vetting(): Promise<void> {
  const sets: DocumentSetName[] = options.set === 'original' || options.set === 'wide' ? [options.set] : ['original', 'wide'];
  for (const name of sets) await documents(name);
  if (options.set) return;

  const watchlist = await evaluateWatchlist();
  console.log(`\n== Seller vetting: watchlist screening (${watchlist.caseCount} cases, ${watchlist.entryCount} list entries; 95% intervals in brackets) ==`);
  console.table({
    'strong match': rateCells(watchlist.strong),
    'any match (strong or weak)': rateCells(watchlist.anyMatch),
  });
  console.log(`screening time median ${watchlist.timing.medianScreeningMs.toFixed(2)} ms, p95 ${watchlist.timing.p95ScreeningMs.toFixed(2)} ms; index build ${Math.round(watchlist.timing.indexBuildMs)} ms`);
}

/** Listing screening: reported on the holdout split (`--split tune` while tuning, `--mistakes` to list the misses, `--family templated|marketplace|independent`). */
function listings(): void {
  const family = options.family === 'templated' || options.family === 'marketplace' || options.family === 'independent' ? options.family : undefined;
  printListingReport(options.split === 'tune' ? 'tune' : 'holdout', { showMistakes: options.mistakes ?? false, ...(family ? { family } : {}) });
}

/** Content screening: tuned on the tune stream, reported on both (the holdout is the figure that counts). */
async function content(): Promise<void> {
  if (options.family === 'independent') return await contentIndependent();
  const splits: ContentSplit[] = options.split === 'tune' || options.split === 'holdout' ? [options.split] : ['tune', 'holdout'];
  for (const split of splits) printContentReport(`Content screening, ${split} split`, await evaluateContentSet(loadContentSet(split)));
}

/**
 * Content screening on the set nobody here wrote: the tune split unless `--split holdout` (kept
 * for measuring a change once it is done); `--mistakes` lists the posts not flagged as labelled.
 */
async function contentIndependent(): Promise<void> {
  const report = await evaluateIndependentContent(options.split === 'holdout' ? 'holdout' : 'tune');
  console.log(`\n== Content screening, the independent set, ${report.split} split (${report.posts} posts; flagged = labelled or escalated; 95% intervals in brackets) ==`);
  console.table({ flagged: precisionRecallCells(report.flagged.truePositives, report.flagged.falsePositives, report.flagged.falseNegatives) });
  console.table(Object.fromEntries(Object.entries(report.kinds).map(([kind, { posts, asLabelled }]) => [kind, { posts, 'as labelled': asLabelled }])));
  const { sameLanguage, translated, clustered, independentReviewsClustered } = report.scripts;
  console.log(
    `script pairs (two creators, both in the split): reads of one script in one language found in one cluster ${shareWithInterval(sameLanguage.found, sameLanguage.total)} of ${sameLanguage.total}, a read and its translation ${shareWithInterval(translated.found, translated.total)} of ${translated.total}; ` +
      `pairs put in one cluster that read one script ${shareWithInterval(clustered.right, clustered.total)} of ${clustered.total}; independent reviews of a script's product that joined a script cluster: ${independentReviewsClustered.joined} of ${independentReviewsClustered.total}`,
  );
  for (const edited of await randomisedReads(report.split)) {
    console.log(`reads edited at random, ${Math.round(edited.rate * 100)}% of their words changed and sentences shuffled: found with their script ${shareWithInterval(edited.found, edited.reads)} of ${edited.reads}, put with another ${edited.wrong}`);
  }
  if (options.mistakes) {
    for (const mistake of report.mistakes) {
      console.log(`${mistake.row.id} ${mistake.row.kind}: labelled ${mistake.row.truth.flagged ? 'flagged' : 'clear'}, answered ${mistake.verdict} (${mistake.disclosureClass}; ${mistake.codes.join(', ')})`);
    }
  }
}

/** Buyer authenticity checks through the real platform: tuned on the tune split, the holdout split is the figure the docs quote. */
async function authenticity(): Promise<void> {
  const split = options.split === 'tune' || options.split === 'holdout' ? options.split : undefined;
  const { results, seconds, cores } = await evaluateAuthenticityOnPlatform(split ? { include: (check) => check.split === split } : {});
  printAuthenticityReport(results, { showMistakes: options.mistakes ?? false });
  if (options.results) writeFileSync(options.results, results.map(({ check, ...answer }) => JSON.stringify({ id: check.id, split: check.split, kind: check.kind, expected: check.expected, ...answer })).join('\n') + '\n');
  console.log(`\n${results.length} checks in ${seconds.toFixed(0)} s on ${cores} cores (after loading the brands, codes, gallery and listings)`);
}

const [what = 'all'] = positionals;
if (what === 'all' || what === 'vetting') await vetting();
if (what === 'all' || what === 'listings') listings();
if (what === 'all' || what === 'listing-images') {
  if (options.family === 'randomised') await printRandomisedImages(options.split === 'holdout' ? 'holdout' : 'tune', { fingerprintsOnly: options['fingerprints-only'] ?? false });
  else await listingImages({ showMistakes: options.mistakes ?? false });
}
if (what === 'all' || what === 'content') await content();
if (what === 'all' || what === 'authenticity') await authenticity();
