/**
 * `npm run eval:listing-images`: recall per transformation at zero false matches, the match
 * threshold chosen on the tune split and every figure reported on the holdout split, for the
 * whole set and for its Debian pictures alone (real photographs and artwork, not our composer's).
 */
import { distractorPictures, galleryPictures } from '../../fixtures/listing-screening/images/set.ts';
import { transformationNames } from '../../fixtures/listing-screening/images/transformations.ts';
import { defaultImageMatchThresholds } from '../../workers/detectors/listingImages/matchImage.ts';
import { baselineRecall, evaluateListingImages, figuresByTransformation, isFalseMatch, isFound, type QueryOutcome, zeroFalseMatchThreshold } from './listingImagesEvaluation.ts';

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

function closestFalse(outcomes: QueryOutcome[]): string {
  const distances = outcomes.filter((outcome) => outcome.kind === 'distractor' && outcome.best).map((outcome) => outcome.best!.distance);
  return distances.length ? String(Math.min(...distances)) : 'none within probe';
}

const count = (pictures: typeof galleryPictures, source: 'composed' | 'debian') => pictures.filter((picture) => picture.source === source).length;

function falseMatchLine(label: string, distractors: QueryOutcome[], thresholds: { match: number; unsure: number }): string {
  return `${label}: ${distractors.filter((outcome) => isFalseMatch(outcome, thresholds.match)).length} of ${distractors.length} matched, ${distractors.filter((outcome) => isFalseMatch(outcome, thresholds.unsure)).length} unsure; closest ${closestFalse(distractors)}`;
}

export async function listingImages(options: { showMistakes?: boolean } = {}): Promise<void> {
  const outcomes = await evaluateListingImages({
    gallery: galleryPictures,
    distractors: distractorPictures,
    transformations: transformationNames,
    withBaseline: true,
    progress: (done, total) => process.stderr.write(`\rlisting images: ${done}/${total}`),
  });
  process.stderr.write('\n');
  const tune = outcomes.filter((outcome) => outcome.split === 'tune');
  const holdout = outcomes.filter((outcome) => outcome.split === 'holdout');
  const holdoutDebian = holdout.filter((outcome) => outcome.source === 'debian');
  const tuned = zeroFalseMatchThreshold(tune);
  const shipped = defaultImageMatchThresholds;
  console.log(
    `\n== Listing screening: image match (${galleryPictures.length} gallery pictures × ${transformationNames.length} edits, ${distractorPictures.length} distractors × 3; ` +
      `of them ${count(galleryPictures, 'debian')} gallery pictures and ${count(distractorPictures, 'debian')} distractors from Debian packages) ==`,
  );
  console.log(`zero-false-match threshold on tune: ${tuned} bits of 256 (shipped: match ≤ ${shipped.match}, unsure ≤ ${shipped.unsure}); on holdout it would be ${zeroFalseMatchThreshold(holdout)}`);
  console.log(`closest distractor: tune ${closestFalse(tune)}, holdout ${closestFalse(holdout)}`);
  const tuneFigures = figuresByTransformation(tune, shipped);
  const holdoutFigures = figuresByTransformation(holdout, shipped);
  const debianFigures = figuresByTransformation(holdoutDebian, shipped);
  const baseline = baselineRecall(outcomes);
  const rows: Record<string, Record<string, string | number>> = {};
  for (const name of transformationNames) {
    const figures = holdoutFigures.get(name)!;
    const debian = debianFigures.get(name)!;
    rows[name] = {
      'tune recall': pct(tuneFigures.get(name)!.recall),
      'holdout recall': pct(figures.recall),
      'holdout Debian recall': `${pct(debian.recall)} (${Math.round(debian.recall * debian.searched)}/${debian.searched})`,
      'holdout unsure': figures.unsure,
      'holdout false matches': figures.falseMatches,
      searched: figures.searched,
      'sharp-phash holdout recall': pct(baseline.recall.get(name) ?? 0),
    };
  }
  console.table(rows);
  console.log(`sharp-phash: one 64-bit hash per picture, threshold ${baseline.threshold} of 64 (its own zero-false-match threshold on tune)`);
  const distractors = holdout.filter((outcome) => outcome.kind === 'distractor');
  console.log(falseMatchLine('holdout distractors at the shipped thresholds, all', distractors, shipped));
  console.log(falseMatchLine('                                    composed', distractors.filter((outcome) => outcome.source === 'composed'), shipped));
  console.log(falseMatchLine('                                      Debian', distractors.filter((outcome) => outcome.source === 'debian'), shipped));
  const missed = holdout.filter((outcome) => outcome.kind === 'copy' && !isFound(outcome, shipped.match) && (options.showMistakes || outcome.source === 'debian'));
  if (missed.length > 0) {
    console.log(`holdout copies not matched (${options.showMistakes ? 'all' : 'Debian pictures; --mistakes for all'}):`);
    for (const outcome of missed) {
      const best = outcome.best ? `nearest ${outcome.best.galleryImageId === outcome.sourceId ? 'itself' : outcome.best.galleryImageId} at ${outcome.best.distance} (${outcome.best.listingVariant} → ${outcome.best.galleryVariant})` : 'nothing within probe';
      console.log(`  ${outcome.sourceId} ${outcome.transformation}: ${best}`);
    }
  }
}
