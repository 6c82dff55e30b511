import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { composePicture } from '../../../fixtures/listing-screening/images/compose.ts';
import { drawFrom } from '../../../fixtures/listing-screening/images/random.ts';
import { transformationSeed } from '../../../fixtures/listing-screening/images/set.ts';
import { transformations } from '../../../fixtures/listing-screening/images/transformations.ts';
import { fingerprintImage, fingerprintVariants, ImageFingerprintError } from './fingerprint.ts';
import { hammingDistance } from './hamming.ts';

const hashOf = (fingerprint: Awaited<ReturnType<typeof fingerprintImage>>, variant: string) => fingerprint.fingerprints.find((entry) => entry.variant === variant)!.hash;

describe('fingerprintImage', () => {
  it('gives every variant a 256-bit hash and the picture size', async () => {
    const picture = await composePicture(1);
    const { width, height } = await sharp(picture).metadata();
    const fingerprint = await fingerprintImage(picture);
    expect(fingerprint.width).toBe(width);
    expect(fingerprint.height).toBe(height);
    expect(fingerprint.fingerprints.map((entry) => entry.variant)).toEqual(expect.arrayContaining([...fingerprintVariants]));
    for (const { hash } of fingerprint.fingerprints) expect(hash.length).toBe(32);
  });

  it('keeps a recompressed copy close, an unrelated picture far, and a mirror on its mirror hash', async () => {
    const picture = await composePicture(4);
    const original = await fingerprintImage(picture);
    const recompressed = await fingerprintImage(await transformations['jpeg-low'](picture, 1));
    const mirrored = await fingerprintImage(await transformations.mirror(picture, 1));
    const unrelated = await fingerprintImage(await composePicture(5));
    expect(hammingDistance(hashOf(original, 'full'), hashOf(recompressed, 'full'))).toBeLessThan(20);
    expect(hammingDistance(hashOf(original, 'mirror'), hashOf(mirrored, 'trimmed'))).toBeLessThan(10);
    expect(hammingDistance(hashOf(original, 'full'), hashOf(unrelated, 'full'))).toBeGreaterThan(60);
  });

  it('sees through a white frame and black letterboxing', async () => {
    const picture = await composePicture(9);
    const original = await fingerprintImage(picture);
    for (const name of ['white-border', 'black-letterbox'] as const) {
      const framed = await fingerprintImage(await transformations[name](picture, 2));
      const nearest = Math.min(...['full', 'trimmed'].map((variant) => hammingDistance(hashOf(original, variant), hashOf(framed, 'trimmed'))));
      expect(nearest, name).toBeLessThan(20);
    }
  });

  it('lines up a copy cropped, bannered, framed, dimmed and recompressed at once on its core-top, where one trim does not', async () => {
    const picture = await composePicture(1);
    const original = await fingerprintImage(picture);
    const combined = await fingerprintImage(await transformations.combination(picture, transformationSeed(1, 'combination')));
    expect(hammingDistance(hashOf(original, 'core-top'), hashOf(combined, 'core-top'))).toBeLessThan(30);
    expect(hammingDistance(hashOf(original, 'trimmed'), hashOf(combined, 'trimmed'))).toBeGreaterThan(60);
  });

  it('lines up a tilted copy of a dark wide photo on its tilt hashes, whose margin leaves out the white corner wedges', async () => {
    const draw = drawFrom(4);
    const shapes = Array.from({ length: 14 }, () => `<ellipse cx="${draw.between(0, 1200)}" cy="${draw.between(0, 675)}" rx="${draw.between(40, 200)}" ry="${draw.between(30, 120)}" fill="hsl(${draw.integer(0, 359)},40%,${draw.integer(12, 35)}%)"/>`).join('');
    const picture = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"><rect width="1200" height="675" fill="#0b0b12"/>${shapes}</svg>`)).jpeg({ quality: 90 }).toBuffer();
    const original = await fingerprintImage(picture);
    const tilted = await fingerprintImage(await transformations['rotate-3'](picture, 1));
    const nearestTilt = Math.min(...['tilt-left', 'tilt-right'].map((variant) => hammingDistance(hashOf(tilted, variant), hashOf(original, 'centre-90'))));
    expect(nearestTilt).toBeLessThan(20);
    expect(hammingDistance(hashOf(tilted, 'full'), hashOf(original, 'full'))).toBeGreaterThan(50);
  });

  it('lines up copies turned 6-9 degrees, on their own canvas or on one grown to hold the turn, whatever fills the corners', async () => {
    const picture = await composePicture(12);
    const original = hashOf(await fingerprintImage(picture), 'centre-90');
    const { width = 0, height = 0 } = await sharp(picture).metadata();
    const turned = async (degrees: number, background: string, grown: boolean) => {
      const rotated = sharp(await sharp(picture).rotate(degrees, { background }).png().toBuffer());
      // a canvas kept the picture's size: the turned picture cut back to it, centred
      if (grown) return await rotated.jpeg({ quality: 85 }).toBuffer();
      const bigger = await rotated.metadata();
      return await rotated.extract({ left: Math.round(((bigger.width ?? 0) - width) / 2), top: Math.round(((bigger.height ?? 0) - height) / 2), width, height }).jpeg({ quality: 85 }).toBuffer();
    };
    for (const [degrees, background, grown] of [[7, '#ffffff', false], [-8.5, '#1d6f42', false], [6.5, '#000000', true], [-9, '#c03a2b', true]] as const) {
      const copy = await fingerprintImage(await turned(degrees, background, grown));
      const nearest = Math.min(...copy.fingerprints.filter((entry) => entry.variant.startsWith('tilt-')).map((entry) => hammingDistance(entry.hash, original)));
      expect(nearest, `${degrees}° on ${background}, ${grown ? 'grown' : 'kept'} canvas`).toBeLessThanOrEqual(40);
      expect(hammingDistance(hashOf(copy, 'full'), hashOf(await fingerprintImage(picture), 'full')), `${degrees}°: the whole picture moved`).toBeGreaterThan(40);
    }
  });

  it('hashes a sideways JPEG as it is displayed (EXIF orientation), and CMYK and 16-bit pictures like RGB', async () => {
    const picture = await composePicture(3);
    const upright = await fingerprintImage(picture);
    const sideways = await fingerprintImage(await sharp(picture).rotate(270).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer());
    expect([sideways.width, sideways.height]).toEqual([upright.width, upright.height]);
    expect(hammingDistance(hashOf(sideways, 'full'), hashOf(upright, 'full'))).toBeLessThan(10);
    for (const bytes of [await sharp(picture).toColourspace('cmyk').jpeg().toBuffer(), await sharp(picture).toColourspace('rgb16').png().toBuffer()]) {
      expect(hammingDistance(hashOf(await fingerprintImage(bytes), 'full'), hashOf(upright, 'full'))).toBeLessThan(10);
    }
  });

  it('refuses what is not an image, too big or too small, with a code', async () => {
    const codeOf = async (bytes: Buffer, limits = {}) => {
      const error = await fingerprintImage(bytes, limits).then(() => null, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(ImageFingerprintError);
      return (error as ImageFingerprintError).code;
    };
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#808080' } }).png().toBuffer();
    expect(await codeOf(Buffer.from('not an image at all'))).toBe('image_undecodable');
    expect(await codeOf(png.subarray(0, 60))).toBe('image_undecodable');
    const jpeg = await sharp(png).jpeg().toBuffer();
    expect(await codeOf(jpeg.subarray(0, jpeg.length >> 1))).toBe('image_undecodable');
    expect(await codeOf(await sharp(png).gif().toBuffer())).toBe('image_unsupported_format');
    expect(await codeOf(png, { maxBytes: 100 })).toBe('image_too_large');
    expect(await codeOf(png, { maxPixels: 50_000 })).toBe('image_too_many_pixels');
    expect(await codeOf(await sharp(png).resize(10, 10).png().toBuffer())).toBe('image_too_small');
  });
});
