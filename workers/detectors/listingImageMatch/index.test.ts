import { describe, expect, it } from 'vitest';
import { imageMatchSignals } from './index.ts';

const match = (galleryImageId: string, distance: number, certainty: 'match' | 'unsure' = 'match') => ({ galleryImageId, distance, certainty, listingVariant: 'full' as const, galleryVariant: 'trimmed' as const });
const gallery = new Map([
  ['fake', { label: 'counterfeit', brandKey: 'gucci' }],
  ['official', { label: 'official', brandKey: 'gucci' }],
  ['stock', { label: 'never_match', brandKey: null }],
]);

describe('imageMatchSignals', () => {
  it('names the gallery picture, its label, the distance and the listing picture', () => {
    const [signal] = imageMatchSignals([{ position: 1, best: match('fake', 12) }], gallery, () => false);
    expect(signal).toMatchObject({ code: 'listing.image_match', severity: 'critical', score: 0.97, evidence: { galleryImageId: 'fake', label: 'counterfeit', distance: 12, listingImage: 1 } });
  });

  it('scores an unsure counterfeit match lower (escalated, not blocked)', () => {
    expect(imageMatchSignals([{ position: 0, best: match('fake', 55, 'unsure') }], gallery, () => false)[0]?.score).toBe(0.8);
  });

  it('flags an official photo only for sellers not authorized for its brand', () => {
    expect(imageMatchSignals([{ position: 0, best: match('official', 3) }], gallery, () => false)).toHaveLength(1);
    expect(imageMatchSignals([{ position: 0, best: match('official', 3) }], gallery, (brand) => brand === 'gucci')).toEqual([]);
  });

  it('says nothing for never_match pictures, unknown ids and pictures without a match', () => {
    expect(imageMatchSignals([{ position: 0, best: match('stock', 0) }, { position: 1, best: match('gone', 0) }, { position: 2, best: null }], gallery, () => false)).toEqual([]);
  });
});
