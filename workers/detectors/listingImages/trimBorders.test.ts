import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../fixtures/listing-screening/images/random.ts';
import type { GrayImage } from './grayImage.ts';
import { trimmedRegion } from './trimBorders.ts';

/** A width×height picture of `fill` with a noisy rectangle at (left, top, w, h). */
function pictureWith(width: number, height: number, fill: number, inner: { left: number; top: number; width: number; height: number }): GrayImage {
  const next = seededRandom(5);
  const pixels = new Float32Array(width * height).fill(fill);
  for (let y = inner.top; y < inner.top + inner.height; y += 1) for (let x = inner.left; x < inner.left + inner.width; x += 1) pixels[y * width + x] = Math.floor(next() * 256);
  return { width, height, pixels };
}

describe('trimmedRegion', () => {
  it('takes a uniform frame off every side', () => {
    const inner = { left: 12, top: 7, width: 60, height: 40 };
    expect(trimmedRegion(pictureWith(90, 60, 255, inner))).toEqual(inner);
  });

  it('takes black bars off above and below and leaves the sides', () => {
    const inner = { left: 0, top: 15, width: 80, height: 50 };
    expect(trimmedRegion(pictureWith(80, 80, 0, inner))).toEqual(inner);
  });

  it('keeps a plain picture whole, and trims only inside the region it is given', () => {
    const plain = pictureWith(40, 30, 128, { left: 0, top: 0, width: 0, height: 0 });
    expect(trimmedRegion(plain)).toEqual({ left: 0, top: 0, width: 40, height: 30 });
    const framed = pictureWith(90, 60, 255, { left: 12, top: 7, width: 60, height: 40 });
    expect(trimmedRegion(framed, undefined, { left: 0, top: 0, width: 90, height: 30 })).toEqual({ left: 12, top: 7, width: 60, height: 23 });
  });
});
