import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../fixtures/seededRandom.ts';
import { hammingDistance, popcount128, popcount32 } from './hamming.ts';
import { distanceWithin, Hits, packHash, scanWithin } from './packedHashes.ts';

describe('popcount128', () => {
  it('counts the set bits of four words, full words included', () => {
    const { next } = seededRandom(17);
    const words = [0, 0xffffffff, 0x80000000, 1, ...Array.from({ length: 400 }, () => Math.floor(next() * 2 ** 32))];
    for (let i = 0; i + 4 <= words.length; i += 1) {
      const [a, b, c, d] = words.slice(i, i + 4) as [number, number, number, number];
      expect(popcount128(a, b, c, d)).toBe(popcount32(a) + popcount32(b) + popcount32(c) + popcount32(d));
    }
    expect(popcount128(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff)).toBe(128);
  });
});

describe('scanWithin and distanceWithin', () => {
  it('find exactly the hashes a byte-by-byte distance puts within the radius, for every hash length', () => {
    const { next } = seededRandom(23);
    for (const hashBytes of [4, 8, 12, 20, 32]) {
      const words = hashBytes / 4;
      const query = Uint8Array.from({ length: hashBytes }, () => Math.floor(next() * 256));
      // stored hashes at every distance from the query up to a third of its bits, and random ones
      const stored = Array.from({ length: 300 }, (_, i) => {
        const hash = Uint8Array.from(query);
        if (i % 3 === 0) return Uint8Array.from({ length: hashBytes }, () => Math.floor(next() * 256));
        for (let flip = Math.floor(next() * hashBytes * 3); flip > 0; flip -= 1) {
          const bit = Math.floor(next() * hashBytes * 8);
          hash[bit >> 3]! ^= 0x80 >> (bit & 7);
        }
        return hash;
      });
      const packed = new Uint32Array(stored.length * words);
      stored.forEach((hash, slot) => packHash(hash, packed, slot * words));
      const queryWords = new Uint32Array(words);
      packHash(query, queryWords, 0);
      for (const radius of [0, 1, 5, hashBytes, hashBytes * 2, hashBytes * 3, hashBytes * 8]) {
        const hits = new Hits();
        scanWithin(packed, words, queryWords, radius, 10, stored.length, hits);
        const expected = stored.map((hash, slot) => ({ slot, distance: hammingDistance(hash, query) })).filter(({ slot, distance }) => slot >= 10 && distance <= radius);
        expect(Array.from({ length: hits.count }, (_, i) => ({ slot: hits.slots[i], distance: hits.distances[i] }))).toEqual(expected);
        stored.forEach((hash, slot) => {
          const distance = hammingDistance(hash, query);
          expect(distanceWithin(packed, words, slot, queryWords, radius)).toBe(distance <= radius ? distance : -1);
        });
      }
    }
  });
});
