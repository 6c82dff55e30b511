/**
 * Scores the image matcher on the labelled set (fixtures/listing-screening/images/set.ts):
 * every gallery picture is indexed, every edited copy and every distractor is searched, and each
 * search keeps its best candidate up to a wide `probe` distance so thresholds can be chosen after.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import phash from 'sharp-phash';
import { composePicture } from '../../fixtures/listing-screening/images/compose.ts';
import { distractorEdits, pictureId, type SetPicture, type Split, transformationSeed } from '../../fixtures/listing-screening/images/set.ts';
import { type TransformationName, transformations } from '../../fixtures/listing-screening/images/transformations.ts';
import { fingerprintImage } from '../../workers/detectors/listingImages/fingerprint.ts';
import { HammingIndex } from '../../workers/detectors/listingImages/hammingIndex.ts';
import { addGalleryImage, bestGalleryMatch, type GalleryImageMatch } from '../../workers/detectors/listingImages/matchImage.ts';
import { debianPicturesFolder } from '../debianPictures.ts';
import { ratio } from './proportion.ts';

export interface QueryOutcome {
  kind: 'copy' | 'distractor';
  split: Split;
  transformation: TransformationName | 'original';
  /** whether the searched picture (or the gallery picture it is a copy of) was composed or is a Debian picture */
  source: SetPicture['source'];
  /** `pictureId` of that picture */
  sourceId: string;
  best: GalleryImageMatch | null;
  /** sharp-phash's 64-bit hash, for comparison: the nearest gallery picture by it */
  baseline?: { galleryImageId: string; distance: number };
}

export interface EvaluationOptions {
  gallery: SetPicture[];
  distractors: SetPicture[];
  transformations: readonly TransformationName[];
  /** copies of these gallery pictures are searched (all of `gallery` is indexed) */
  searched?: (picture: SetPicture) => boolean;
  /** the widest distance any threshold may take */
  probe?: number;
  progress?: (done: number, total: number) => void;
  /** also search with sharp-phash (one 64-bit pHash per picture, no variants) */
  withBaseline?: boolean;
}

const bitDistance = (a: string, b: string) => [...a].reduce((sum, bit, i) => sum + (bit === b[i] ? 0 : 1), 0);

/**
 * The picture's bytes: composed from its seed, or read from the Debian pictures folder, which
 * `npm test`, `npm run eval` and `npm run setup` fill (scripts/debianPictures.ts). A missing
 * picture is an error: the figures are never computed on part of the set.
 */
export async function pictureBytes(picture: SetPicture): Promise<Buffer> {
  if (picture.source === 'composed') return await composePicture(picture.seed);
  const file = path.join(debianPicturesFolder(), picture.name);
  if (!existsSync(file)) throw new Error(`Debian picture ${file} is missing: npm test, npm run eval and npm run setup fetch them (scripts/debianPictures.ts, apt-get download)`);
  return await readFile(file);
}

export async function evaluateListingImages(options: EvaluationOptions): Promise<QueryOutcome[]> {
  const probe = options.probe ?? 96;
  const index = new HammingIndex();
  const sources = new Map<string, Buffer>();
  const baselineHashes = new Map<string, string>();
  for (const picture of options.gallery) {
    const bytes = await pictureBytes(picture);
    sources.set(pictureId(picture), bytes);
    addGalleryImage(index, pictureId(picture), await fingerprintImage(bytes));
    if (options.withBaseline) baselineHashes.set(pictureId(picture), await phash(bytes));
  }
  const nearestByBaseline = async (bytes: Buffer) => {
    const hash = await phash(bytes);
    let nearest = { galleryImageId: '', distance: Number.POSITIVE_INFINITY };
    for (const [id, other] of baselineHashes) {
      const distance = bitDistance(hash, other);
      if (distance < nearest.distance) nearest = { galleryImageId: id, distance };
    }
    return nearest;
  };
  const searched = options.gallery.filter(options.searched ?? (() => true));
  const total = searched.length * options.transformations.length + options.distractors.length * 3;
  let done = 0;
  const outcomes: QueryOutcome[] = [];
  const search = async (bytes: Buffer, outcome: Omit<QueryOutcome, 'best'>) => {
    const best = bestGalleryMatch(await fingerprintImage(bytes), index, { match: probe, unsure: probe });
    outcomes.push({ ...outcome, best, ...(options.withBaseline ? { baseline: await nearestByBaseline(bytes) } : {}) });
    options.progress?.((done += 1), total);
  };
  for (const picture of searched) {
    for (const name of options.transformations) {
      const edited = await transformations[name](sources.get(pictureId(picture))!, transformationSeed(picture.seed, name));
      await search(edited, { kind: 'copy', split: picture.split, transformation: name, source: picture.source, sourceId: pictureId(picture) });
    }
  }
  for (const picture of options.distractors) {
    const bytes = await pictureBytes(picture);
    const about = { kind: 'distractor', split: picture.split, source: picture.source, sourceId: pictureId(picture) } as const;
    await search(bytes, { ...about, transformation: 'original' });
    for (const name of distractorEdits(picture.seed)) {
      await search(await transformations[name](bytes, transformationSeed(picture.seed, name)), { ...about, transformation: name });
    }
  }
  return outcomes;
}

const isCorrect = (outcome: QueryOutcome) => outcome.kind === 'copy' && outcome.best?.galleryImageId === outcome.sourceId;

/** A search that would report a gallery picture it is not a copy of, at `threshold`. */
export const isFalseMatch = (outcome: QueryOutcome, threshold: number) => outcome.best !== null && outcome.best.distance <= threshold && !isCorrect(outcome);
export const isFound = (outcome: QueryOutcome, threshold: number) => isCorrect(outcome) && outcome.best!.distance <= threshold;

/** The largest threshold with no false match among `outcomes` (distractors and copies alike). */
export function zeroFalseMatchThreshold(outcomes: QueryOutcome[], probe = 96): number {
  const falseDistances = outcomes.filter((outcome) => outcome.best && !isCorrect(outcome)).map((outcome) => outcome.best!.distance);
  return Math.min(probe, ...falseDistances.map((distance) => distance - 1));
}

export interface TransformationFigures {
  searched: number;
  /** copies matched to their own picture at the match threshold */
  found: number;
  /** found of searched; null when none was searched */
  recall: number | null;
  /** found only between the match and unsure thresholds */
  unsure: number;
  falseMatches: number;
}

export function figuresByTransformation(outcomes: QueryOutcome[], thresholds: { match: number; unsure: number }): Map<string, TransformationFigures> {
  const byName = new Map<string, TransformationFigures>();
  for (const outcome of outcomes.filter((entry) => entry.kind === 'copy')) {
    const figures = byName.get(outcome.transformation) ?? { searched: 0, found: 0, recall: null, unsure: 0, falseMatches: 0 };
    figures.searched += 1;
    if (isFound(outcome, thresholds.match)) figures.found += 1;
    else if (isFound(outcome, thresholds.unsure)) figures.unsure += 1;
    if (isFalseMatch(outcome, thresholds.match)) figures.falseMatches += 1;
    byName.set(outcome.transformation, figures);
  }
  for (const figures of byName.values()) figures.recall = ratio(figures.found, figures.searched);
  return byName;
}

/** sharp-phash's recall per transformation at its own zero-false-match threshold (chosen on the same outcomes' tune split). */
export function baselineRecall(outcomes: QueryOutcome[]): { threshold: number; recall: Map<string, { found: number; searched: number; recall: number | null }> } {
  const correct = (outcome: QueryOutcome) => outcome.kind === 'copy' && outcome.baseline?.galleryImageId === outcome.sourceId;
  const falseDistances = outcomes.filter((outcome) => outcome.split === 'tune' && outcome.baseline && !correct(outcome)).map((outcome) => outcome.baseline!.distance);
  const threshold = Math.min(64, ...falseDistances.map((distance) => distance - 1));
  const recall = new Map<string, { found: number; searched: number; recall: number | null }>();
  const copies = outcomes.filter((outcome) => outcome.kind === 'copy' && outcome.split === 'holdout');
  for (const name of new Set(copies.map((outcome) => outcome.transformation))) {
    const ofName = copies.filter((outcome) => outcome.transformation === name);
    const found = ofName.filter((outcome) => correct(outcome) && outcome.baseline!.distance <= threshold).length;
    recall.set(name, { found, searched: ofName.length, recall: ratio(found, ofName.length) });
  }
  return { threshold, recall };
}
