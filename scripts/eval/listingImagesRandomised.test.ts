import { describe, expect, it } from 'vitest';
import type { Query } from '../../fixtures/listing-screening/images-randomised/draw.ts';
import type { GalleryImageMatch } from '../../workers/detectors/listingImages/matchImage.ts';
import { loadRandomisedQueries, randomisedFigures, type RandomisedOutcome } from './listingImagesRandomised.ts';

const query = (id: string, kind: Query['kind'], editClass: Query['editClass'], source: string): Query => ({ id, split: 'tune', kind, source, edits: [], editClass });
const hit = (galleryImageId: string, distance: number): GalleryImageMatch => ({ galleryImageId, distance, listingVariant: 'full', galleryVariant: 'full', certainty: distance <= 40 ? 'match' : 'unsure' });

describe('figures of the randomised image family', () => {
  it('counts a copy found only when its own picture matches, unsure apart, and any distractor match as false', () => {
    const outcomes: RandomisedOutcome[] = [
      { query: query('a.rotate', 'copy', 'rotate', 'a'), best: hit('a', 12) },
      { query: query('b.rotate', 'copy', 'rotate', 'b'), best: hit('b', 43) },
      { query: query('c.rotate', 'copy', 'rotate', 'c'), best: hit('a', 30) },
      { query: query('d.banner', 'copy', 'banner', 'd'), best: null },
      { query: query('x.none', 'distractor', 'none', 'x'), best: hit('a', 38) },
      { query: query('y.combined', 'distractor', 'combined', 'y'), best: hit('b', 44) },
      { query: query('z.none', 'distractor', 'none', 'z'), best: null },
    ];
    const figures = randomisedFigures(outcomes);
    expect(figures.classes.get('rotate')).toEqual({ searched: 3, found: 1, unsure: 1, verified: 0 });
    expect(figures.classes.get('banner')).toEqual({ searched: 1, found: 0, unsure: 0, verified: 0 });
    expect(figures.copies).toEqual({ searched: 4, found: 1, unsure: 1, verified: 0 });
    expect(figures.wrongPicture).toBe(1);
    expect(figures.distractors).toEqual({ searched: 3, matched: 1, unsure: 1 });
  });

  it('reads the frozen queries: copies of gallery pictures and distractors in both splits', () => {
    const queries = loadRandomisedQueries();
    expect(queries.length).toBe(959);
    expect(new Set(queries.map((entry) => entry.split))).toEqual(new Set(['tune', 'holdout']));
    expect(queries.filter((entry) => entry.kind === 'distractor').length).toBe(350);
  });
});
