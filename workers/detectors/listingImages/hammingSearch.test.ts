import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../fixtures/seededRandom.ts';
import { BucketTables } from './bucketTables.ts';
import { candidateShare, planSearch, type SearchPlan, TableSearch, thresholdFor } from './hammingSearch.ts';
import { Hits, packHash, scanWithin } from './packedHashes.ts';

const hashBytes = 32;
const tableCount = 16;

function randomHash(next: () => number): Uint8Array {
  return Uint8Array.from({ length: hashBytes }, () => Math.floor(next() * 256));
}

/** A copy of `base` differing by exactly perSubstring[t] bits in 16-bit substring t (bytes 2t and 2t + 1). */
function atDistances(base: Uint8Array, perSubstring: number[], next: () => number): Uint8Array {
  const copy = Uint8Array.from(base);
  perSubstring.forEach((distance, table) => {
    const flipped = new Set<number>();
    while (flipped.size < distance) flipped.add(Math.floor(next() * 16));
    for (const bit of flipped) copy[2 * table + (bit >> 3)]! ^= 0x80 >> (bit & 7);
  });
  return copy;
}

/**
 * How `total` differing bits fall on the 16 substrings: spread evenly (the pigeonhole bound's
 * worst case: every substring just past the probe radius) or piled on a few.
 */
function pattern(total: number, next: () => number): number[] {
  const perSubstring = Array<number>(tableCount).fill(0);
  if (next() < 0.5) {
    for (let bit = 0; bit < total; bit += 1) perSubstring[bit % tableCount]! += 1;
    return perSubstring.sort(() => next() - 0.5);
  }
  for (let bit = 0; bit < total; ) {
    const table = Math.floor(next() * (next() < 0.5 ? 4 : tableCount));
    if (perSubstring[table]! < 16) {
      perSubstring[table]! += 1;
      bit += 1;
    }
  }
  return perSubstring;
}

function build(stored: Uint8Array[]): { hashes: Uint32Array; tables: BucketTables } {
  const hashes = new Uint32Array(stored.length * 8);
  stored.forEach((hash, slot) => packHash(hash, hashes, slot * 8));
  return { hashes, tables: new BucketTables(hashes, 8, stored.length) };
}

const sorted = (hits: Hits) => Array.from({ length: hits.count }, (_, i) => `${hits.slots[i]}:${hits.distances[i]}`).sort();

describe('thresholdFor', () => {
  it('is the slack of the pigeonhole bound, capped at 4, and null when there is none', () => {
    expect(thresholdFor(16, 44, 2, 0)).toBe(4); // 16 × 3 − 44
    expect(thresholdFor(16, 44, 1, 15)).toBe(3); // 16 × 2 + 15 − 44
    expect(thresholdFor(16, 31, 1, 0)).toBe(1);
    expect(thresholdFor(16, 10, 1, 0)).toBe(4);
    expect(thresholdFor(16, 32, 1, 0)).toBeNull();
    expect(thresholdFor(16, 64, 3, 0)).toBeNull();
  });
});

describe('planSearch', () => {
  it('always plans radii that keep every match, and scans when none do', () => {
    for (const count of [1_000, 30_000, 1_000_000]) {
      const plans = Array.from({ length: 71 }, (_, radius) => ({ radius, plan: planSearch(tableCount, count, radius) }));
      const planned = plans.flatMap(({ radius, plan }) => (plan ? [{ radius, plan }] : []));
      const scanned = plans.filter(({ plan }) => plan === null).map(({ radius }) => radius);
      expect(planned.map(({ plan }) => plan.threshold)).toEqual(planned.map(({ radius, plan }) => thresholdFor(tableCount, radius, plan.radius, plan.wider)));
      // up to 31 bits one bit a table keeps every match at any size; from 64 no plan does
      expect(Math.min(...scanned), `${count}`).toBeGreaterThanOrEqual(32);
      expect(scanned, `${count}`).toEqual(expect.arrayContaining([64, 65, 66, 67, 68, 69, 70]));
      if (count >= 30_000) expect(planned.map(({ radius }) => radius), `${count}`).toContain(44);
    }
  });

  it('expects far fewer full checks from savings than from counting hits', () => {
    // at r = 44 and ρ = 2 both need every table; two hits pass 4.5 in a thousand random hashes
    const savings = candidateShare(tableCount, { radius: 2, wider: 0, threshold: 4 });
    const twoHits = candidateShare(tableCount, { radius: 2, wider: 0, threshold: 2 });
    expect(savings * 1e6).toBeGreaterThan(5);
    expect(savings * 1e6).toBeLessThan(50);
    expect(twoHits / savings).toBeGreaterThan(100);
  });
});

describe('TableSearch', () => {
  const { next } = seededRandom(29);
  const bases = Array.from({ length: 24 }, () => randomHash(next));
  const stored: Uint8Array[] = [];
  for (const base of bases) for (let i = 0; i < 50; i += 1) stored.push(atDistances(base, pattern(Math.floor(next() * 65), next), next));
  for (let i = 0; i < 1500; i += 1) stored.push(randomHash(next));
  const { hashes, tables } = build(stored);
  const queries = bases.map((base) => {
    const words = new Uint32Array(8);
    packHash(base, words, 0);
    return words;
  });

  function compare(search: TableSearch, plan: SearchPlan, radius: number): number {
    let atRadius = 0;
    for (const query of queries) {
      const indexed = new Hits();
      search.search(tables, hashes, 8, query, radius, plan, indexed);
      const scanned = new Hits();
      scanWithin(hashes, 8, query, radius, 0, stored.length, scanned);
      expect(sorted(indexed)).toEqual(sorted(scanned));
      for (let i = 0; i < scanned.count; i += 1) if (scanned.distances[i] === radius) atRadius += 1;
    }
    return atRadius;
  }

  it('finds what a scan finds for every radius and widening, at the edge of each bound', () => {
    const search = new TableSearch();
    let atRadius = 0;
    for (let rho = 0; rho <= 3; rho += 1) {
      for (const wider of rho < 3 ? [0, 1, 2, 7, 15] : [0]) {
        const largest = tableCount * (rho + 1) + wider - 1; // slack 1
        for (const radius of [largest, largest - 1, largest - 2, largest - 3, largest - 5, Math.floor(largest / 2)]) {
          const threshold = thresholdFor(tableCount, radius, rho, wider)!;
          atRadius += compare(search, { radius: rho, wider, threshold }, radius);
        }
      }
    }
    expect(atRadius).toBeGreaterThan(100); // stored hashes exactly at the searched distance were there to be missed
  });

  it('keeps exact answers with a lower threshold than the slack allows', () => {
    // more candidates, same answer: the filter only ever lets more through
    const search = new TableSearch();
    for (const threshold of [1, 2, 3]) compare(search, { radius: 2, wider: 0, threshold }, 44);
  });

  it('grows its buffers for a dense cluster', () => {
    const base = randomHash(next);
    const cluster = Array.from({ length: 3000 }, () => atDistances(base, pattern(Math.floor(next() * 30), next), next));
    const dense = build(cluster);
    const query = new Uint32Array(8);
    packHash(base, query, 0);
    const search = new TableSearch();
    for (const plan of [{ radius: 2, wider: 0, threshold: 1 }, { radius: 2, wider: 0, threshold: 4 }]) {
      const indexed = new Hits();
      search.search(dense.tables, dense.hashes, 8, query, 44, plan, indexed);
      expect(indexed.count).toBe(3000);
    }
  });
});
