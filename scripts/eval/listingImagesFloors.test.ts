/**
 * Holds image matching at its floors per transformation, so a regression fails CI: a small fixed
 * sample of the holdout split is searched for real against the whole gallery (composed and Debian
 * pictures), scored as `npm run eval:listing-images` scores the whole set, at the shipped
 * thresholds. The sample: the first six composed and the first three Debian gallery pictures of
 * the holdout split under every edit, and the first twelve composed and three Debian holdout
 * distractors as they are and edited. The Debian pictures are fetched by `npm test` before
 * vitest starts (scripts/debianPictures.ts); without them this file fails, it does not skip.
 */
import { describe, expect, it } from 'vitest';
import { distractorPictures, galleryPictures, pictureId, type SetPicture } from '../../fixtures/listing-screening/images/set.ts';
import { transformationNames } from '../../fixtures/listing-screening/images/transformations.ts';
import { defaultImageMatchThresholds } from '../../workers/detectors/listingImages/matchImage.ts';
import { evaluateListingImages, figuresByTransformation, isFalseMatch } from './listingImagesEvaluation.ts';

type Name = (typeof transformationNames)[number];

/**
 * Recall floors measured on this sample (nine copies an edit); the weaker edits have lower floors,
 * which can only go up. Every edit finds 9 of 9 here; the brightened copy of the Debian picture
 * Wood (light wood grain, brightened until much of it is white) comes in at 40 bits, the match
 * threshold itself, and the combination is the weakest edit on the whole set, so both floors
 * leave room for one miss.
 */
const floors: Partial<Record<Name, number>> = { brightness: 0.88, combination: 0.88 };
const floorOf = (name: Name) => floors[name] ?? 1;

const holdout = (pictures: SetPicture[], source: SetPicture['source'], count: number) => pictures.filter((picture) => picture.split === 'holdout' && picture.source === source).slice(0, count);
const sampled = new Set([...holdout(galleryPictures, 'composed', 6), ...holdout(galleryPictures, 'debian', 3)].map(pictureId));
const outcomes = await evaluateListingImages({
  gallery: galleryPictures,
  distractors: [...holdout(distractorPictures, 'composed', 12), ...holdout(distractorPictures, 'debian', 3)],
  transformations: transformationNames,
  searched: (picture) => sampled.has(pictureId(picture)),
});
const figures = figuresByTransformation(outcomes, defaultImageMatchThresholds);

describe('image matching on a holdout sample', () => {
  it('reports no distractor, composed or Debian, as a gallery match', () => {
    const distractors = outcomes.filter((outcome) => outcome.kind === 'distractor');
    expect(distractors.length).toBe(45);
    expect(distractors.filter((outcome) => outcome.source === 'debian').length).toBe(9);
    expect(distractors.filter((outcome) => isFalseMatch(outcome, defaultImageMatchThresholds.match))).toEqual([]);
  });

  it.each(transformationNames)('finds copies edited by %s at or above its floor, and never the wrong picture', (name) => {
    const figure = figures.get(name)!;
    expect(figure.searched).toBe(9);
    expect(outcomes.filter((outcome) => outcome.kind === 'copy' && outcome.transformation === name && outcome.source === 'debian').length).toBe(3);
    expect(figure.falseMatches).toBe(0);
    expect(figure.recall).toBeGreaterThanOrEqual(floorOf(name));
  });
});
