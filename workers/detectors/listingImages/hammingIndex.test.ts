import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../fixtures/seededRandom.ts';
import { hammingDistance } from './hamming.ts';
import { HammingIndex } from './hammingIndex.ts';

function randomHash(next: () => number, bytes = 32): Buffer {
  return Buffer.from(Array.from({ length: bytes }, () => Math.floor(next() * 256)));
}

function flipBits(hash: Buffer, count: number, next: () => number): Buffer {
  const copy = Buffer.from(hash);
  const flipped = new Set<number>();
  while (flipped.size < count) flipped.add(Math.floor(next() * hash.length * 8));
  for (const bit of flipped) copy[bit >> 3] = copy[bit >> 3]! ^ (0x80 >> (bit & 7));
  return copy;
}

describe('HammingIndex', () => {
  it('finds exactly what a linear scan finds, at every radius the tables serve and beyond', () => {
    const { next } = seededRandom(7);
    const index = new HammingIndex({ mergeThreshold: 64 });
    const stored: Buffer[] = [];
    for (let i = 0; i < 3000; i += 1) {
      // clusters of near copies, so there is something to find at every distance
      const hash = i % 3 === 0 || stored.length === 0 ? randomHash(next) : flipBits(stored[Math.floor(next() * stored.length)]!, Math.floor(next() * 60), next);
      stored.push(hash);
      index.add(`h${i}`, hash);
    }
    let found = 0;
    for (let q = 0; q < 60; q += 1) {
      const query = flipBits(stored[Math.floor(next() * stored.length)]!, Math.floor(next() * 40), next);
      for (const radius of [0, 5, 15, 16, 31, 32, 40, 47, 48, 60]) {
        const indexed = index.search(query, radius);
        expect(indexed).toEqual(index.searchLinear(query, radius));
        found += indexed.length;
      }
    }
    expect(found).toBeGreaterThan(500);
  });

  it('finds what a scan finds where the search widens some tables, and the scan finds what byte distances say', () => {
    // at 30,000 hashes the search probes some tables a bit further than others below r = 47
    const { next } = seededRandom(19);
    const index = new HammingIndex({ mergeThreshold: 256 });
    const stored: Buffer[] = [];
    for (let i = 0; i < 30_000; i += 1) {
      const hash = i % 2 === 0 || stored.length === 0 ? randomHash(next) : flipBits(stored[Math.floor(next() * stored.length)]!, Math.floor(next() * 50), next);
      stored.push(hash);
      index.add(`h${i}`, hash);
    }
    let found = 0;
    for (let q = 0; q < 40; q += 1) {
      const query = flipBits(stored[Math.floor(next() * stored.length)]!, Math.floor(next() * 30), next);
      for (const radius of [3, 10, 20, 25, 31, 36, 40, 44, 47]) {
        const indexed = index.search(query, radius);
        expect(indexed).toEqual(index.searchLinear(query, radius));
        found += indexed.length;
      }
      if (q < 4) {
        const expected = stored.map((hash, i) => ({ id: `h${i}`, distance: hammingDistance(hash, query) })).filter((match) => match.distance <= 44);
        expect(index.searchLinear(query, 44)).toEqual(expected.sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
      }
    }
    expect(found).toBeGreaterThan(400);
  });

  it('finds every member of a dense cluster, more candidates than its buffers first hold', () => {
    const { next } = seededRandom(5);
    const index = new HammingIndex({ mergeThreshold: 64 });
    const base = randomHash(next);
    for (let i = 0; i < 4000; i += 1) index.add(`c${i}`, i % 4 === 0 ? randomHash(next) : flipBits(base, Math.floor(next() * 50), next));
    // at 31 and 44 bits the cluster's ~3,000 members all match: more than the 1,024 the buffers start with
    for (const { radius, atLeast } of [{ radius: 0, atLeast: 0 }, { radius: 10, atLeast: 0 }, { radius: 31, atLeast: 1025 }, { radius: 44, atLeast: 1025 }]) {
      const query = flipBits(base, 3, next);
      const indexed = index.search(query, radius);
      expect(indexed).toEqual(index.searchLinear(query, radius));
      expect(indexed.length).toBeGreaterThanOrEqual(atLeast);
    }
  });

  it('keeps exact answers when one bucket holds more entries than a 16-bit offset can count', () => {
    const { next } = seededRandom(13);
    const index = new HammingIndex({ mergeThreshold: 64 });
    const crowded = randomHash(next);
    for (let i = 0; i < 80_000; i += 1) index.add(`same${i}`, i % 8 === 0 ? randomHash(next) : crowded);
    const near = flipBits(crowded, 20, next);
    const indexed = index.search(near, 44);
    expect(indexed.length).toBe(70_000);
    expect(indexed).toEqual(index.searchLinear(near, 44));
    const other = flipBits(randomHash(next), 0, next);
    expect(index.search(other, 44)).toEqual(index.searchLinear(other, 44));
  });

  it('answers the nearest first with the true distance', () => {
    const { next } = seededRandom(3);
    const index = new HammingIndex();
    const base = randomHash(next);
    index.add('far', flipBits(base, 30, next));
    index.add('near', flipBits(base, 3, next));
    index.add('other', randomHash(next));
    expect(index.search(base, 40)).toEqual([
      { id: 'near', distance: 3 },
      { id: 'far', distance: 30 },
    ]);
  });

  it('forgets removed and replaced hashes, also after merging and compacting', () => {
    const { next } = seededRandom(11);
    const index = new HammingIndex({ mergeThreshold: 16 });
    const hashes = Array.from({ length: 200 }, () => randomHash(next));
    hashes.forEach((hash, i) => index.add(`h${i}`, hash));
    expect(index.search(hashes[5]!, 0)).toEqual([{ id: 'h5', distance: 0 }]);
    for (let i = 0; i < 120; i += 1) expect(index.remove(`h${i}`)).toBe(true);
    expect(index.remove('h0')).toBe(false);
    expect(index.size).toBe(80);
    expect(index.search(hashes[5]!, 20)).toEqual([]);
    expect(index.search(hashes[150]!, 0)).toEqual([{ id: 'h150', distance: 0 }]);
    index.add('h150', hashes[7]!);
    expect(index.search(hashes[150]!, 0)).toEqual([]);
    expect(index.search(hashes[7]!, 0)).toEqual([{ id: 'h150', distance: 0 }]);
    expect(index.size).toBe(80);
  });

  it('refuses hashes of the wrong length', () => {
    const index = new HammingIndex();
    expect(() => index.add('x', Buffer.alloc(8))).toThrow(RangeError);
    expect(() => index.search(Buffer.alloc(31), 4)).toThrow(RangeError);
  });
});
