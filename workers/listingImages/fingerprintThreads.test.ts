import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprintImage } from '../detectors/listingImages/fingerprint.ts';
import { createFingerprintThreads } from './fingerprintThreads.ts';

const threads = createFingerprintThreads({ threads: 2 });
afterAll(async () => threads.close());

const picture = (seed: number) =>
  sharp({ create: { width: 120, height: 90, channels: 3, background: { r: (seed * 37) % 256, g: 90, b: 200 } } })
    .composite([{ input: { create: { width: 40, height: 30, channels: 3, background: { r: 10, g: (seed * 53) % 256, b: 10 } } }, left: (seed * 7) % 70, top: 20 }])
    .png()
    .toBuffer();

describe('fingerprint threads', () => {
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
});
