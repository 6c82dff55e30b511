/**
 * The image matcher on the randomised family (fixtures/listing-screening/images-randomised/): the
 * gallery pictures of the first set indexed as the platform indexes them, each query rendered from
 * its source picture with its edits and searched as a listing picture is: the fingerprints'
 * nearest candidate, then a near one compared aligned with the gallery picture (verifyMatch.ts).
 * Recall per edit class and false matches among the distractors, per split. The set was written
 * apart from the matcher; thresholds are never chosen on its holdout.
 */
import { readFileSync } from 'node:fs';
import type { Query } from '../../fixtures/listing-screening/images-randomised/draw.ts';
import { apply } from '../../fixtures/listing-screening/images-randomised/edits.ts';
import { galleryPictures, distractorPictures, pictureId, type SetPicture } from '../../fixtures/listing-screening/images/set.ts';
import { fingerprintImage } from '../../workers/detectors/listingImages/fingerprint.ts';
import { HammingIndex } from '../../workers/detectors/listingImages/hammingIndex.ts';
import { addGalleryImage, bestGalleryMatch, defaultImageMatchThresholds, type ImageMatchThresholds } from '../../workers/detectors/listingImages/matchImage.ts';
import { comparePhotographs } from '../../workers/detectors/listingImages/samePhotograph.ts';
import { defaultMatchVerification, verifiedGalleryMatch, type MatchVerification, type VerifiedGalleryMatch } from '../../workers/detectors/listingImages/verifyMatch.ts';
import { pictureBytes } from './listingImagesEvaluation.ts';
import { shareWithInterval } from './proportion.ts';

export type RandomisedSplit = 'tune' | 'holdout';

export interface RandomisedOutcome {
  query: Query;
  best: VerifiedGalleryMatch | null;
}

export function loadRandomisedQueries(): Query[] {
  return JSON.parse(readFileSync(new URL('../../fixtures/listing-screening/images-randomised/queries.json', import.meta.url), 'utf8')) as Query[];
}

export async function evaluateRandomisedImages({
  split,
  thresholds = defaultImageMatchThresholds,
  verification = defaultMatchVerification,
  progress,
}: { split?: RandomisedSplit; thresholds?: ImageMatchThresholds; verification?: MatchVerification | null; progress?: (done: number, total: number) => void } = {}): Promise<RandomisedOutcome[]> {
  const index = new HammingIndex();
  const gallery = new Map<string, Buffer>();
  for (const picture of galleryPictures) {
    const bytes = await pictureBytes(picture);
    gallery.set(pictureId(picture), bytes);
    addGalleryImage(index, pictureId(picture), await fingerprintImage(bytes));
  }
  // a distractor's bytes are read once, whichever of its queries comes first
  const distractors = new Map<string, Buffer>();
  const sourceBytes = async (picture: SetPicture) => {
    const id = pictureId(picture);
    const known = gallery.get(id) ?? distractors.get(id);
    if (known) return known;
    const bytes = await pictureBytes(picture);
    distractors.set(id, bytes);
    return bytes;
  };
  const sources = new Map<string, SetPicture>([...galleryPictures, ...distractorPictures].map((picture) => [pictureId(picture), picture]));
  const queries = loadRandomisedQueries().filter((query) => !split || query.split === split);
  const outcomes: RandomisedOutcome[] = [];
  for (const query of queries) {
    const source = sources.get(query.source);
    if (!source) throw new Error(`query ${query.id}: no picture ${query.source} in the first set`);
    const bytes = await apply(await sourceBytes(source), query.edits);
    const fingerprint = await fingerprintImage(bytes);
    // null: the fingerprints alone, as before verification
    const best = verification
      ? await verifiedGalleryMatch(fingerprint, index, async (id) => await comparePhotographs(gallery.get(id)!, bytes), thresholds, verification)
      : bestGalleryMatch(fingerprint, index, thresholds);
    outcomes.push({ query, best });
    progress?.(outcomes.length, queries.length);
  }
  return outcomes;
}

export interface RandomisedFigures {
  /** per edit class: copies found (a match to their own picture) of copies searched, and those found only as unsure */
  classes: Map<string, { searched: number; found: number; unsure: number; verified: number }>;
  copies: { searched: number; found: number; unsure: number; verified: number };
  /** distractor queries matched to anything, and called unsure */
  distractors: { searched: number; matched: number; unsure: number };
  /** copies matched to another gallery picture than their own */
  wrongPicture: number;
}

export function randomisedFigures(outcomes: readonly RandomisedOutcome[]): RandomisedFigures {
  const classes = new Map<string, { searched: number; found: number; unsure: number; verified: number }>();
  const copies = { searched: 0, found: 0, unsure: 0, verified: 0 };
  const distractors = { searched: 0, matched: 0, unsure: 0 };
  let wrongPicture = 0;
  for (const { query, best } of outcomes) {
    if (query.kind === 'distractor') {
      distractors.searched += 1;
      if (best?.certainty === 'match') distractors.matched += 1;
      else if (best?.certainty === 'unsure') distractors.unsure += 1;
      continue;
    }
    const row = classes.get(query.editClass) ?? { searched: 0, found: 0, unsure: 0, verified: 0 };
    classes.set(query.editClass, row);
    row.searched += 1;
    copies.searched += 1;
    if (best && best.galleryImageId !== query.source && best.certainty === 'match') wrongPicture += 1;
    if (best?.galleryImageId !== query.source) continue;
    if (best.certainty === 'match') {
      row.found += 1;
      copies.found += 1;
      if (best.alignment?.verified) {
        row.verified += 1;
        copies.verified += 1;
      }
    } else {
      row.unsure += 1;
      copies.unsure += 1;
    }
  }
  return { classes, copies, distractors, wrongPicture };
}

/** `npm run eval:listing-images -- --family randomised [--split holdout]`: the tune split unless asked; the holdout is measured once a change is done. */
export async function printRandomisedImages(split: RandomisedSplit, { fingerprintsOnly = false } = {}): Promise<void> {
  const outcomes = await evaluateRandomisedImages({ split, ...(fingerprintsOnly ? { verification: null } : {}), progress: (done, total) => process.stderr.write(`\rlisting images, randomised edits: ${done}/${total}`) });
  process.stderr.write('\n');
  const figures = randomisedFigures(outcomes);
  const { match, unsure } = defaultImageMatchThresholds;
  console.log(`\n== Listing screening: image match on the randomised family, ${split} split${fingerprintsOnly ? ', fingerprints alone' : ''} (${figures.copies.searched} disguised copies, ${figures.distractors.searched} distractor queries; match ≤ ${match}, unsure ≤ ${unsure} bits${fingerprintsOnly ? '' : `, compared aligned up to ${defaultMatchVerification.upTo}`}; 95% intervals in brackets) ==`);
  const rows: Record<string, Record<string, string | number>> = {};
  for (const [name, row] of [...figures.classes].sort(([a], [b]) => a.localeCompare(b))) {
    rows[name] = { searched: row.searched, 'recall (match)': shareWithInterval(row.found, row.searched), 'of them confirmed aligned': row.verified, 'found only as unsure': row.unsure };
  }
  rows['all copies'] = { searched: figures.copies.searched, 'recall (match)': shareWithInterval(figures.copies.found, figures.copies.searched), 'of them confirmed aligned': figures.copies.verified, 'found only as unsure': figures.copies.unsure };
  console.table(rows);
  console.log(`copies matched to another gallery picture: ${figures.wrongPicture}`);
  console.log(`distractor queries matched: ${figures.distractors.matched} of ${figures.distractors.searched}; unsure: ${figures.distractors.unsure}`);
}
