import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../fixtures/seededRandom.ts';
import type { GrayImage } from './grayImage.ts';
import { bandEdge, coreRegion, settledRegion, trimmedRegion } from './trimBorders.ts';

/** A width×height picture of `fill` with a noisy rectangle at (left, top, w, h). */
function pictureWith(width: number, height: number, fill: number, inner: { left: number; top: number; width: number; height: number }): GrayImage {
  const { next } = seededRandom(5);
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

/**
 * `picture` with a banner from row `top` to the bottom: `fill` with black and white "lettering" in
 * its middle fifth, every `gap`-th column left as it was (the picture showing through).
 */
function withBand(picture: GrayImage, top: number, fill: number, gap = 0): GrayImage {
  const pixels = Float32Array.from(picture.pixels);
  for (let y = top; y < picture.height; y += 1) {
    for (let x = 0; x < picture.width; x += 1) {
      const lettering = x >= picture.width * 0.4 && x < picture.width * 0.6 && y > top + 2;
      if (!gap || x % gap !== 0) pixels[y * picture.width + x] = lettering ? ((x + y) % 2) * 255 : fill;
    }
  }
  return { ...picture, pixels };
}

describe('settledRegion and coreRegion', () => {
  it('settles a framed copy on the same region as the original: the frame and then the plain background come off', () => {
    const inner = { left: 30, top: 20, width: 40, height: 30 };
    const original = pictureWith(100, 80, 240, inner);
    // the same picture inside a 10-pixel black frame
    const framed = pictureWith(120, 100, 0, { left: 0, top: 0, width: 0, height: 0 });
    for (let y = 0; y < 80; y += 1) for (let x = 0; x < 100; x += 1) framed.pixels[(y + 10) * 120 + x + 10] = original.pixels[y * 100 + x]!;
    expect(trimmedRegion(framed)).toEqual({ left: 10, top: 10, width: 100, height: 80 });
    expect(settledRegion(original)).toEqual(inner);
    expect(settledRegion(framed)).toEqual({ left: 40, top: 30, width: 40, height: 30 });
  });

  it('stops settling on a smooth gradient before the region shrinks below a tenth of the picture', () => {
    // grey rising 1 level a column: each round eats up to the tolerance, round after round
    const gradient: GrayImage = { width: 200, height: 100, pixels: Float32Array.from({ length: 200 * 100 }, (_, i) => 20 + (i % 200)) };
    const settled = settledRegion(gradient);
    expect(settled.width).toBeGreaterThanOrEqual(20);
    expect(settled.width).toBeLessThan(200);
    expect(coreRegion(gradient).width).toBeGreaterThanOrEqual(20);
  });

  it('finds a banner across the whole width, even where the picture under it shows through, and none on a plain edge', () => {
    const picture = withBand(pictureWith(100, 80, 240, { left: 30, top: 10, width: 40, height: 50 }), 70, 40, 3);
    expect(bandEdge(picture, { left: 0, top: 0, width: 100, height: 80 }, 'bottom')).toBe(70);
    expect(bandEdge(picture, { left: 0, top: 0, width: 100, height: 80 }, 'top')).toBeNull();
    expect(bandEdge(pictureWith(100, 80, 240, { left: 30, top: 10, width: 40, height: 50 }), { left: 0, top: 0, width: 100, height: 80 }, 'bottom')).toBeNull();
  });

  it('cuts the banner so the sides trim down to the product, as on the original', () => {
    const inner = { left: 30, top: 10, width: 40, height: 50 };
    const bannered = withBand(pictureWith(100, 80, 240, inner), 70, 40);
    expect(trimmedRegion(bannered)).toEqual({ left: 0, top: 10, width: 100, height: 70 });
    expect(coreRegion(bannered)).toEqual(inner);
    expect(coreRegion(pictureWith(100, 80, 240, inner))).toEqual(inner);
  });
});
