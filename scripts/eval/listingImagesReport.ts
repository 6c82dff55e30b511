/**
 * `npm run eval:listing-images`: recall per transformation at zero false matches, the match
 * threshold chosen on the tune split and every figure reported on the holdout split, for the
 * whole set and for its Debian pictures alone (real photographs and artwork, not our composer's).
 */
import { distractorPictures, galleryPictures } from '../../fixtures/listing-screening/images/set.ts';
import { transformationNames } from '../../fixtures/listing-screening/images/transformations.ts';
import { defaultImageMatchThresholds } from '../../workers/detectors/listingImages/matchImage.ts';
import { baselineRecall, evaluateListingImages, figuresByTransformation, isFalseMatch, isFound, type QueryOutcome, zeroFalseMatchThreshold } from './listingImagesEvaluation.ts';
import { shareWithInterval } from './proportion.ts';

function closestFalse(outcomes: QueryOutcome[]): string {
  const distances = outcomes.filter((outcome) => outcome.kind === 'distractor' && outcome.best).map((outcome) => outcome.best!.distance);
  return distances.length ? String(Math.min(...distances)) : 'none within probe';
}

const count = (pictures: typeof galleryPictures, source: 'composed' | 'debian') => pictures.filter((picture) => picture.source === source).length;

function falseMatchLine(label: string, distractors: QueryOutcome[], thresholds: { match: number; unsure: number }): string {
  return `${label}: ${distractors.filter((outcome) => isFalseMatch(outcome, thresholds.match)).length} of ${distractors.length} matched, ${distractors.filter((outcome) => isFalseMatch(outcome, thresholds.unsure)).length} unsure; closest ${closestFalse(distractors)}`;
}

/** Everything the evaluation reports, from its outcomes: what `npm run eval:listing-images` prints and docs/listing-screening.md shows. */
export interface Found {
  found: number;
  searched: number;
}

/** A recall with its 95% interval, n/a when nothing was searched. */
export const recallCell = (figures: Found) => shareWithInterval(figures.found, figures.searched);

export interface ListingImagesFigures {
  galleryCount: number;
  editCount: number;
  distractorCount: number;
  debianGalleryCount: number;
  debianDistractorCount: number;
  shipped: { match: number; unsure: number };
  tunedThreshold: number;
  holdoutThreshold: number;
  closestTune: string;
  closestHoldout: string;
  baselineThreshold: number;
  /** per edit: copies found of copies searched (recall), on each part, and sharp-phash's on the holdout split */
  rows: { name: string; tune: Found; holdout: Found; holdoutDebian: Found; holdoutUnsure: number; holdoutFalseMatches: number; baseline: Found }[];
  /** false matches among the holdout distractors: all, composed, Debian */
  distractorLines: string[];
}

export function listingImagesFigures(outcomes: QueryOutcome[]): ListingImagesFigures {
  const tune = outcomes.filter((outcome) => outcome.split === 'tune');
  const holdout = outcomes.filter((outcome) => outcome.split === 'holdout');
  const holdoutDebian = holdout.filter((outcome) => outcome.source === 'debian');
  const shipped = defaultImageMatchThresholds;
  const tuneFigures = figuresByTransformation(tune, shipped);
  const holdoutFigures = figuresByTransformation(holdout, shipped);
  const debianFigures = figuresByTransformation(holdoutDebian, shipped);
  const baseline = baselineRecall(outcomes);
  const distractors = holdout.filter((outcome) => outcome.kind === 'distractor');
  return {
    galleryCount: galleryPictures.length,
    editCount: transformationNames.length,
    distractorCount: distractorPictures.length,
    debianGalleryCount: count(galleryPictures, 'debian'),
    debianDistractorCount: count(distractorPictures, 'debian'),
    shipped: { match: shipped.match, unsure: shipped.unsure },
    tunedThreshold: zeroFalseMatchThreshold(tune),
    holdoutThreshold: zeroFalseMatchThreshold(holdout),
    closestTune: closestFalse(tune),
    closestHoldout: closestFalse(holdout),
    baselineThreshold: baseline.threshold,
    rows: transformationNames.map((name) => {
      const none = { found: 0, searched: 0, unsure: 0, falseMatches: 0 };
      const found = ({ found, searched }: Found) => ({ found, searched });
      const figures = holdoutFigures.get(name) ?? none;
      return {
        name,
        tune: found(tuneFigures.get(name) ?? none),
        holdout: found(figures),
        holdoutDebian: found(debianFigures.get(name) ?? none),
        holdoutUnsure: figures.unsure,
        holdoutFalseMatches: figures.falseMatches,
        baseline: found(baseline.recall.get(name) ?? none),
      };
    }),
    distractorLines: [
      falseMatchLine('holdout distractors at the shipped thresholds, all', distractors, shipped),
      falseMatchLine('composed', distractors.filter((outcome) => outcome.source === 'composed'), shipped),
      falseMatchLine('Debian', distractors.filter((outcome) => outcome.source === 'debian'), shipped),
    ],
  };
}

/** The whole set, searched as `npm run eval:listing-images` and `npm run docs:quality` search it. */
export const evaluateWholeListingImageSet = (progress?: (done: number, total: number) => void) =>
  evaluateListingImages({ gallery: galleryPictures, distractors: distractorPictures, transformations: transformationNames, withBaseline: true, ...(progress ? { progress } : {}) });

export async function listingImages(options: { showMistakes?: boolean } = {}): Promise<void> {
  const outcomes = await evaluateWholeListingImageSet((done, total) => process.stderr.write(`\rlisting images: ${done}/${total}`));
  process.stderr.write('\n');
  const figures = listingImagesFigures(outcomes);
  const holdout = outcomes.filter((outcome) => outcome.split === 'holdout');
  console.log(
    `\n== Listing screening: image match (${figures.galleryCount} gallery pictures × ${figures.editCount} edits, ${figures.distractorCount} distractors × 3; ` +
      `of them ${figures.debianGalleryCount} gallery pictures and ${figures.debianDistractorCount} distractors from Debian packages) ==`,
  );
  console.log(`zero-false-match threshold on tune: ${figures.tunedThreshold} bits of 256 (shipped: match ≤ ${figures.shipped.match}, unsure ≤ ${figures.shipped.unsure}); on holdout it would be ${figures.holdoutThreshold}`);
  console.log(`closest distractor: tune ${figures.closestTune}, holdout ${figures.closestHoldout}`);
  const rows: Record<string, Record<string, string | number>> = {};
  for (const row of figures.rows) {
    rows[row.name] = {
      'tune recall': recallCell(row.tune),
      'holdout recall': recallCell(row.holdout),
      'holdout Debian recall': `${recallCell(row.holdoutDebian)} (${row.holdoutDebian.found}/${row.holdoutDebian.searched})`,
      'holdout unsure': row.holdoutUnsure,
      'holdout false matches': row.holdoutFalseMatches,
      searched: row.holdout.searched,
      'sharp-phash holdout recall': recallCell(row.baseline),
    };
  }
  console.log('Recall per edit (95% intervals in brackets):');
  console.table(rows);
  console.log(`sharp-phash: one 64-bit hash per picture, threshold ${figures.baselineThreshold} of 64 (its own zero-false-match threshold on tune)`);
  const [all, composed, debian] = figures.distractorLines;
  console.log(all);
  console.log(`                                    ${composed}`);
  console.log(`                                      ${debian}`);
  const shipped = figures.shipped;
  const missed = holdout.filter((outcome) => outcome.kind === 'copy' && !isFound(outcome, shipped.match) && (options.showMistakes || outcome.source === 'debian'));
  if (missed.length > 0) {
    console.log(`holdout copies not matched (${options.showMistakes ? 'all' : 'Debian pictures; --mistakes for all'}):`);
    for (const outcome of missed) {
      const best = outcome.best ? `nearest ${outcome.best.galleryImageId === outcome.sourceId ? 'itself' : outcome.best.galleryImageId} at ${outcome.best.distance} (${outcome.best.listingVariant} → ${outcome.best.galleryVariant})` : 'nothing within probe';
      console.log(`  ${outcome.sourceId} ${outcome.transformation}: ${best}`);
    }
  }
}
