import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprintImage } from '../detectors/listingImages/fingerprint.ts';
import { comparePhotographs } from '../detectors/listingImages/samePhotograph.ts';
import { copied, photographed, printedLabel } from '../detectors/listingImages/photographedPictures.ts';
import { createImageThreads } from './imageThreads.ts';

const threads = createImageThreads({ threads: 2 });
afterAll(async () => threads.close());

const picture = (seed: number) =>
  sharp({ create: { width: 120, height: 90, channels: 3, background: { r: (seed * 37) % 256, g: 90, b: 200 } } })
    .composite([{ input: { create: { width: 40, height: 30, channels: 3, background: { r: 10, g: (seed * 53) % 256, b: 10 } } }, left: (seed * 7) % 70, top: 20 }])
    .png()
    .toBuffer();

describe('image threads', () => {
  it('hash pictures as this thread does, several at once', async () => {
    const pictures = await Promise.all([1, 2, 3, 4, 5].map(picture));
    const onThreads = await Promise.all(pictures.map((bytes) => threads.fingerprint(bytes)));
    const here = await Promise.all(pictures.map((bytes) => fingerprintImage(bytes)));
    expect(onThreads).toEqual(here);
    expect(threads.threads()).toBe(2);
  });

  it('answer a picture they cannot hash with its fingerprint error code', async () => {
    await expect(threads.fingerprint(Buffer.from('not a picture at all'))).rejects.toMatchObject({ name: 'ImageFingerprintError', code: 'image_undecodable' });
    const tiny = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer();
    await expect(threads.fingerprint(tiny)).rejects.toMatchObject({ code: 'image_too_small' });
  });

  it('compare photos as this thread does', async () => {
    const first = await photographed(await printedLabel('SN-0042'), { angle: -5, surface: ['#3d7a4f', '#8c7d6b'], light: 1, left: 200, top: 150 });
    const copy = await copied(first, { crop: 0.04, angle: 3 });
    const onThread = await threads.comparePhotographs(first, copy);
    expect(onThread).toMatchObject({ same: true });
    expect(onThread).toEqual(await comparePhotographs(first, copy));
  });
});
