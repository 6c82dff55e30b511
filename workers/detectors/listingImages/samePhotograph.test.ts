import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { copied, photographed, printedLabel as print } from './photographedPictures.ts';
import { comparePhotographs } from './samePhotograph.ts';

describe('one photograph or two', () => {
  it('takes a cropped, turned, brightened copy for the photo it was copied from, but not a new photo of the same label', async () => {
    const label = await print('SN-7781');
    const first = await photographed(label, { angle: -6, surface: ['#3d7a4f', '#8c7d6b'], light: 1, left: 180, top: 150 });
    const copy = await copied(first, { crop: 0.05, angle: 4 });
    // the same label, the same serial (a clone's print), photographed again somewhere else
    const again = await photographed(label, { angle: 3, surface: ['#6b5a7a', '#9a8f88'], light: 0.92, left: 200, top: 120 });

    const ofCopy = await comparePhotographs(first, copy);
    expect(ofCopy).toMatchObject({ same: true });
    expect(ofCopy.inliers).toBeGreaterThanOrEqual(20);
    expect(ofCopy.lightnessCorrelation!).toBeGreaterThan(0.96);
    expect(ofCopy.chromaDifference!).toBeLessThanOrEqual(2);

    const ofNewPhoto = await comparePhotographs(first, again);
    // the label itself aligns: what tells them apart is everything around and over it
    expect(ofNewPhoto.inliers).toBeGreaterThanOrEqual(20);
    expect(ofNewPhoto.same).toBe(false);
  });

  it('finds nothing to align between unrelated photos', async () => {
    const labelled = await photographed(await print('SN-0001'), { angle: 0, surface: ['#223344', '#556677'], light: 1, left: 100, top: 100 });
    const plain = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#777777' } }).jpeg().toBuffer();
    expect(await comparePhotographs(labelled, plain)).toEqual({ same: false, inliers: 0, overlap: 0, inlierSpread: 0, lightnessCorrelation: null, chromaDifference: null });
  });
});
