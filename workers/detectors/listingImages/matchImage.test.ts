import { describe, expect, it } from 'vitest';
import { composePicture } from '../../../fixtures/listing-screening/images/compose.ts';
import { transformations } from '../../../fixtures/listing-screening/images/transformations.ts';
import { fingerprintImage } from './fingerprint.ts';
import { HammingIndex } from './hammingIndex.ts';
import { addGalleryImage, addListingImage, defaultImageMatchThresholds, listingsMatchingGalleryImage, matchImage, removeGalleryImage, removeListingImage } from './matchImage.ts';

const thresholds = defaultImageMatchThresholds;

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

  it('finds earlier listing pictures that show a picture newly added to the gallery', async () => {
    const counterfeit = await composePicture(41);
    const listings = new HammingIndex();
    addListingImage(listings, 'listing-1/0', await fingerprintImage(await transformations['text-banner'](counterfeit, 5)));
    addListingImage(listings, 'listing-2/0', await fingerprintImage(await composePicture(42)));
    addListingImage(listings, 'listing-3/0', await fingerprintImage(await transformations['white-border'](counterfeit, 6)));
    const found = listingsMatchingGalleryImage(await fingerprintImage(counterfeit), listings, thresholds);
    expect(found.map((match) => match.listingImageId).sort()).toEqual(['listing-1/0', 'listing-3/0']);
    expect(found.filter((match) => !(match.certainty === 'match' && match.distance <= thresholds.match))).toEqual([]);
    removeListingImage(listings, 'listing-1/0');
    expect(listingsMatchingGalleryImage(await fingerprintImage(counterfeit), listings, thresholds).map((match) => match.listingImageId)).toEqual(['listing-3/0']);
  });
});
