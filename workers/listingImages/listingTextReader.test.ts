import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createListingTextReader } from './listingTextReader.ts';

const label = (word: string) =>
  sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="900" height="400"><rect width="900" height="400" fill="white"/><text x="60" y="250" font-family="DejaVu Sans, sans-serif" font-size="140" font-weight="bold" fill="black">${word}</text></svg>`)).png().toBuffer();

const reader = createListingTextReader({ threads: 2 });
afterAll(async () => reader.close());

describe('listing text reader', () => {
  it('reads pictures on several threads at once, each answer its own picture', { timeout: 120_000 }, async () => {
    const words = ['REPLICA', 'ORIGINAL', 'COPY', 'GENUINE'];
    const pictures = await Promise.all(words.map(label));
    const texts = await Promise.all(pictures.map((picture) => reader.read(picture)));
    expect(texts).toEqual(words);
  });

  it('starts again after it was closed', { timeout: 60_000 }, async () => {
    await reader.close();
    expect(await reader.read(await label('DUPE'))).toBe('DUPE');
  });
});
