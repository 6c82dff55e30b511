import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DocumentImageError, prepareDocumentImage } from './preprocess.ts';
import { locateCard } from './locateDocument.ts';
import { estimateSkewDegrees } from './skew.ts';

/** A page of dark text-like bars, tilted by `degrees`. */
async function barsImage(degrees: number): Promise<Buffer> {
  const bars = Array.from({ length: 8 }, (_, index) => `<rect x="60" y="${60 + index * 50}" width="680" height="14" fill="#222"/>`).join('');
  const page = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="800" height="500"><rect width="800" height="500" fill="#f4f4f4"/>${bars}</svg>`)).png().toBuffer();
  return sharp(page).rotate(degrees, { background: '#f4f4f4' }).png().toBuffer();
}

// sharp work on full pages: seconds on a busy machine, more than vitest's 5 s default.
describe('prepareDocumentImage', { timeout: 30_000 }, () => {
  it('estimates the tilt of text lines within half a degree', async () => {
    for (const degrees of [0, 3, -4.5]) {
      const estimate = await estimateSkewDegrees(await barsImage(degrees), { maxDegrees: 6, stepDegrees: 0.5 });
      expect(Math.abs(estimate - degrees)).toBeLessThanOrEqual(0.5);
    }
  });

  it('levels the page and cuts the bottom band for the MRZ pass', async () => {
    const prepared = await prepareDocumentImage(await barsImage(3), { maxPixels: 10_000_000 });
    expect(Math.abs(prepared.skewDegrees - 3)).toBeLessThanOrEqual(0.5);
    const page = await sharp(prepared.page).metadata();
    const band = await sharp(prepared.mrzBand).metadata();
    expect(band.width).toBe(page.width);
    expect(band.height).toBeLessThan((page.height ?? 0) / 2);
  });

  it('refuses bytes that are not an image with a typed error', async () => {
    await expect(prepareDocumentImage(Buffer.from('not an image'), { maxPixels: 10_000_000 })).rejects.toMatchObject({ name: 'DocumentImageError', code: 'undecodable' });
  });

  it('refuses vector images instead of rendering them', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    await expect(prepareDocumentImage(svg, { maxPixels: 10_000_000 })).rejects.toMatchObject({ code: 'unsupported_format' });
  });

  it('copes with degenerate but valid images', async () => {
    const tiny = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const strip = await sharp({ create: { width: 3000, height: 4, channels: 3, background: '#000000' } }).png().toBuffer();
    for (const image of [tiny, strip]) {
      const prepared = await prepareDocumentImage(image, { maxPixels: 10_000_000 });
      expect((await sharp(prepared.mrzBand).metadata()).height).toBeGreaterThanOrEqual(1);
    }
  });

  it('refuses an image over the pixel limit before decoding it', async () => {
    const error = await prepareDocumentImage(await barsImage(0), { maxPixels: 1000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DocumentImageError);
    expect(error).toMatchObject({ code: 'too_large' });
  });
});

describe('locateCard', { timeout: 30_000 }, () => {
  /**
   * A small card (a third of the frame's height) on a grey surface: its left part is mostly a dark
   * photo and three MRZ-like lines of dark text run below it, so counted over the whole frame
   * height the columns through the photo look like surface.
   */
  async function cardWithPhoto(): Promise<{ gray: Buffer; width: number; height: number }> {
    const width = 1200;
    const height = 900;
    const card = { left: 200, top: 420, width: 760, height: 300 };
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <rect width="${width}" height="${height}" fill="#777"/>
      <rect x="${card.left}" y="${card.top}" width="${card.width}" height="${card.height}" rx="20" fill="#f2efe4"/>
      <rect x="${card.left + 20}" y="${card.top + 20}" width="220" height="200" fill="#555"/>
      ${[0, 1, 2].map((line) => `<rect x="${card.left + 20}" y="${card.top + 232 + line * 20}" width="720" height="12" fill="#333"/>`).join('')}
    </svg>`;
    const { data, info } = await sharp(Buffer.from(svg)).grayscale().png().toBuffer({ resolveWithObject: true });
    return { gray: data, width: info.width, height: info.height };
  }

  it('keeps the dark parts of a small card inside its box', async () => {
    const { gray, width, height } = await cardWithPhoto();
    const found = await locateCard(gray, width, height);
    expect(found).not.toBeNull();
    const { box } = found!;
    // the card spans x 200..960 and y 420..720; the box may add a small margin, never lose a side
    expect(box.left).toBeLessThanOrEqual(200);
    expect(box.left).toBeGreaterThan(120);
    expect(box.left + box.width).toBeGreaterThanOrEqual(960);
    expect(box.top).toBeLessThanOrEqual(420);
    expect(box.top + box.height).toBeGreaterThanOrEqual(720);
    expect(box.top + box.height).toBeLessThan(800);
  });
});
