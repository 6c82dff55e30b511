import { describe, expect, it } from 'vitest';
import { composePicture } from '../../../fixtures/listing-screening/images/compose.ts';
import { transformations } from '../../../fixtures/listing-screening/images/transformations.ts';
import { fingerprintImage } from './fingerprint.ts';
import { HammingIndex } from './hammingIndex.ts';
import { addGalleryImage, matchImage, removeGalleryImage } from './matchImage.ts';

const thresholds = { match: 40, unsure: 56 };

async function galleryOf(seeds: number[]): Promise<{ index: HammingIndex; pictures: Buffer[] }> {
  const index = new HammingIndex();
  const pictures = await Promise.all(seeds.map((seed) => composePicture(seed)));
  for (const [position, picture] of pictures.entries()) addGalleryImage(index, `gallery-${seeds[position]}`, await fingerprintImage(picture));
  return { index, pictures };
}

describe('matchImage', () => {
  it('names the gallery picture, distance and variants behind each listing picture', async () => {
    const { index, pictures } = await galleryOf([21, 22, 23]);
    const listing = [
      await fingerprintImage(await transformations['crop-5-each-side'](pictures[1]!, 1)),
      await fingerprintImage(await composePicture(5021)),
      await fingerprintImage(await transformations['text-banner'](pictures[2]!, 2)),
      await fingerprintImage(await transformations.mirror(pictures[0]!, 3)),
    ];
    const matches = matchImage(listing, index, thresholds);
    expect(matches.map((match) => match.listingImage)).toEqual([0, 1, 2, 3]);
    expect(matches[0]!.best).toMatchObject({ galleryImageId: 'gallery-22', certainty: 'match' });
    expect(matches[1]!.best).toBeNull();
    expect(matches[2]!.best).toMatchObject({ galleryImageId: 'gallery-23', certainty: 'match' });
    expect(matches[3]!.best).toMatchObject({ galleryImageId: 'gallery-21', galleryVariant: 'mirror', certainty: 'match' });
    expect(matches[3]!.best!.distance).toBeLessThanOrEqual(thresholds.match);
  });

  it('calls a distance between the match and unsure thresholds unsure, and forgets removed pictures', async () => {
    const { index, pictures } = await galleryOf([31]);
    const copy = await fingerprintImage(await transformations.resize(pictures[0]!, 4));
    const exact = matchImage([copy], index, thresholds)[0]!.best!;
    expect(exact.certainty).toBe('match');
    const strict = matchImage([copy], index, { match: exact.distance - 1, unsure: exact.distance })[0]!.best!;
    expect(strict).toMatchObject({ galleryImageId: 'gallery-31', certainty: 'unsure' });
    removeGalleryImage(index, 'gallery-31');
    expect(index.size).toBe(0);
    expect(matchImage([copy], index, thresholds)[0]!.best).toBeNull();
  });
});
