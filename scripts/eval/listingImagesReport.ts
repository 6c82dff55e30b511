/**
 * `npm run eval:listing-images`: recall per transformation at zero false matches, the match
 * threshold chosen on the tune split and every figure reported on the holdout split.
 */
import { distractorPictures, galleryPictures } from '../../fixtures/listing-screening/images/set.ts';
import { transformationNames } from '../../fixtures/listing-screening/images/transformations.ts';
import { defaultImageMatchThresholds } from '../../workers/detectors/listingImages/matchImage.ts';
import { baselineRecall, evaluateListingImages, figuresByTransformation, isFalseMatch, type QueryOutcome, zeroFalseMatchThreshold } from './listingImagesEvaluation.ts';

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

function closestFalse(outcomes: QueryOutcome[]): string {
  const distances = outcomes.filter((outcome) => outcome.kind === 'distractor' && outcome.best).map((outcome) => outcome.best!.distance);
  return distances.length ? String(Math.min(...distances)) : 'none within probe';
}

export async function listingImages(): Promise<void> {
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
  const tuned = zeroFalseMatchThreshold(tune);
  const shipped = defaultImageMatchThresholds;
  console.log(`\n== Listing screening: image match (${galleryPictures.length} gallery pictures × ${transformationNames.length} edits, ${distractorPictures.length} distractors × 3) ==`);
  console.log(`zero-false-match threshold on tune: ${tuned} bits of 256 (shipped: match ≤ ${shipped.match}, unsure ≤ ${shipped.unsure}); on holdout it would be ${zeroFalseMatchThreshold(holdout)}`);
  console.log(`closest distractor: tune ${closestFalse(tune)}, holdout ${closestFalse(holdout)}`);
  const tuneFigures = figuresByTransformation(tune, shipped);
  const holdoutFigures = figuresByTransformation(holdout, shipped);
  const baseline = baselineRecall(outcomes);
  const rows: Record<string, Record<string, string | number>> = {};
  for (const name of transformationNames) {
    const figures = holdoutFigures.get(name)!;
    rows[name] = {
      'tune recall': pct(tuneFigures.get(name)!.recall),
      'holdout recall': pct(figures.recall),
      'holdout unsure': figures.unsure,
      'holdout false matches': figures.falseMatches,
      searched: figures.searched,
      'sharp-phash holdout recall': pct(baseline.recall.get(name) ?? 0),
    };
  }
  console.table(rows);
  console.log(`sharp-phash: one 64-bit hash per picture, threshold ${baseline.threshold} of 64 (its own zero-false-match threshold on tune)`);
  const distractors = holdout.filter((outcome) => outcome.kind === 'distractor');
  console.log(`holdout distractors matched at the shipped threshold: ${distractors.filter((outcome) => isFalseMatch(outcome, shipped.match)).length} of ${distractors.length}; unsure: ${distractors.filter((outcome) => isFalseMatch(outcome, shipped.unsure)).length}`);
}
