import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addGalleryImage, bestGalleryMatch, fingerprintImage, HammingIndex } from '../workers/detectors/listingImages/index.ts';
import { defaultImageMatchThresholds } from '../workers/detectors/listingImages/matchImage.ts';
import { writeListingSamples } from './sampleListings.ts';

const dataDir = await mkdtemp(path.join(tmpdir(), 'bonafide-samples-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe("the listing-screening walk-through's samples (docs/listing-screening.md)", () => {
  it('writes a batch of 1,000 listings with distinct ids, and pictures whose edited copies match their originals only', async () => {
    const folder = await writeListingSamples(dataDir);
    const lines = (await readFile(path.join(folder, 'batch.jsonl'), 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as { listingId: string; title: string; price: unknown });
    expect(lines).toHaveLength(1000);
    expect(new Set(lines.map((line) => line.listingId)).size).toBe(1000);
    expect(lines.filter((line) => !(typeof line.title === 'string' && line.price !== undefined))).toEqual([]);

    const read = async (name: string) => await fingerprintImage(await readFile(path.join(folder, name)));
    const index = new HammingIndex();
    addGalleryImage(index, 'fake-bag', await read('fake-bag.png'));
    expect(bestGalleryMatch(await read('l-4.jpg'), index, defaultImageMatchThresholds)).toMatchObject({ galleryImageId: 'fake-bag', certainty: 'match' });
    // the listing that the walk-through re-screens must not match the first counterfeit already
    expect(bestGalleryMatch(await read('l-5.jpg'), index, defaultImageMatchThresholds)).toBeNull();
    addGalleryImage(index, 'new-fake', await read('new-fake.png'));
    expect(bestGalleryMatch(await read('l-5.jpg'), index, defaultImageMatchThresholds)).toMatchObject({ galleryImageId: 'new-fake', certainty: 'match' });
  });
});
