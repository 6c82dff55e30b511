import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { composePicture } from '../../../fixtures/listing-screening/images/compose.ts';
import type { GalleryImageMatch } from './matchImage.ts';
import { comparePhotographs } from './samePhotograph.ts';
import { defaultMatchVerification, verificationSearch, verifyGalleryMatch } from './verifyMatch.ts';

const thresholds = { match: 40, unsure: 44 };
const candidate = (distance: number): GalleryImageMatch => ({ galleryImageId: 'g-1', distance, listingVariant: 'full', galleryVariant: 'full', certainty: distance <= 40 ? 'match' : 'unsure' });

/** A seller's disguise: turned 7 degrees on white, a sale banner over the lower quarter, recompressed. */
async function disguised(picture: Buffer): Promise<Buffer> {
  const turned = await sharp(picture).rotate(7, { background: '#ffffff' }).png().toBuffer();
  const { width = 0, height = 0 } = await sharp(turned).metadata();
  const banner = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${Math.round(height / 4)}"><rect width="100%" height="100%" fill="#d62828"/><text x="20" y="${Math.round(height / 6)}" font-size="${Math.round(height / 9)}" fill="white" font-family="DejaVu Sans, sans-serif">SALE -70%</text></svg>`);
  return await sharp(turned).composite([{ input: banner, left: 0, top: height - Math.round(height / 4) }]).jpeg({ quality: 55 }).toBuffer();
}

describe('verifying the fingerprints’ near candidates', () => {
  it('searches as far as the verification reaches, and keeps the match distance', () => {
    expect(verificationSearch(thresholds)).toEqual({ match: 40, unsure: defaultMatchVerification.upTo });
  });

  it('confirms a turned, bannered copy of the gallery picture and turns away an unrelated picture', async () => {
    const gallery = await composePicture(7);
    const copy = await disguised(gallery);
    const unrelated = await composePicture(100_123);

    const confirmed = await verifyGalleryMatch(candidate(50), async () => await comparePhotographs(gallery, copy), thresholds);
    expect(confirmed).toMatchObject({ galleryImageId: 'g-1', distance: 50, certainty: 'match', alignment: { verified: true } });
    expect(confirmed!.alignment!.inliers).toBeGreaterThanOrEqual(defaultMatchVerification.minInliers);

    // not confirmed: nothing beyond the unsure distance, unsure within it, with what the alignment found
    expect(await verifyGalleryMatch(candidate(50), async () => await comparePhotographs(gallery, unrelated), thresholds)).toBeNull();
    expect(await verifyGalleryMatch(candidate(43), async () => await comparePhotographs(gallery, unrelated), thresholds)).toMatchObject({ certainty: 'unsure', alignment: { verified: false } });
  });

  it('compares only the candidates between the match distance and its reach', async () => {
    let compared = 0;
    const compare = async () => {
      compared += 1;
      return null;
    };
    expect(await verifyGalleryMatch(candidate(30), compare, thresholds)).toMatchObject({ certainty: 'match', distance: 30 });
    expect(await verifyGalleryMatch(candidate(60), compare, thresholds)).toBeNull();
    expect(await verifyGalleryMatch(null, compare, thresholds)).toBeNull();
    expect(compared).toBe(0);
    // a picture that cannot be read is left to the fingerprints
    expect(await verifyGalleryMatch(candidate(42), compare, thresholds)).toMatchObject({ certainty: 'unsure' });
    expect(compared).toBe(1);
  });
});
