import { describe, expect, it } from 'vitest';
// The npm package we compared against (see minhash.ts for why ours is used).
import minhashPackage from 'minhash';
import { BANDS, bandKeys, estimatedJaccard, exactJaccard, minhashSignature, PERMUTATIONS, shinglesOf } from './minhash.ts';
import { normaliseScript } from './normalise.ts';

const words = (count: number, seed: number) => Array.from({ length: count }, (_, index) => `w${(index * 7919 + seed * 104729) % 5000}`);

describe('shingles and MinHash', () => {
  it('makes word 5-grams, one shingle for a short text, none for an empty one', () => {
    expect(shinglesOf(['a', 'b', 'c', 'd', 'e', 'f'])).toHaveLength(2);
    expect(shinglesOf(['a', 'b'])).toHaveLength(1);
    expect(shinglesOf([])).toEqual([]);
  });

  it('computes the exact Jaccard of sorted shingle lists', () => {
    expect(exactJaccard([1, 2, 3, 4], [3, 4, 5, 6])).toBeCloseTo(2 / 6);
    expect(exactJaccard([1, 2], [1, 2])).toBe(1);
    expect(exactJaccard([], [])).toBe(0);
  });

  it('estimates the Jaccard within a few points with 128 permutations, and is deterministic', () => {
    const base = words(200, 1);
    const edited = [...base.slice(0, 150), ...words(50, 2)];
    const left = shinglesOf(base);
    const right = shinglesOf(edited);
    const exact = exactJaccard(left, right);
    const estimate = estimatedJaccard(minhashSignature(left), minhashSignature(right));
    expect(Math.abs(estimate - exact)).toBeLessThan(0.12);
    expect(minhashSignature(left)).toEqual(minhashSignature(left));
    expect(minhashSignature(left)).toHaveLength(PERMUTATIONS);
  });

  it('gives 64 band keys, all shared by identical texts and almost none by unrelated ones', () => {
    const one = bandKeys(minhashSignature(shinglesOf(words(80, 3))));
    const same = bandKeys(minhashSignature(shinglesOf(words(80, 3))));
    const other = bandKeys(minhashSignature(shinglesOf(words(80, 9))));
    expect(one).toHaveLength(BANDS);
    expect(one).toEqual(same);
    expect(one.filter((key) => other.includes(key)).length).toBeLessThanOrEqual(1);
    for (const key of one) expect(BigInt(key) >= -(2n ** 63n) && BigInt(key) < 2n ** 63n).toBe(true);
  });

  it('estimates closer to the exact Jaccard than the npm minhash package (the reason we use our own)', () => {
    let ours = 0;
    let theirs = 0;
    for (let trial = 0; trial < 20; trial += 1) {
      const base = normaliseScript(words(120, trial).join(' '));
      const edited = base.map((word, index) => (index % 9 === trial % 9 ? `x${index}` : word));
      const [left, right] = [shinglesOf(base), shinglesOf(edited)];
      const exact = exactJaccard(left, right);
      ours += Math.abs(estimatedJaccard(minhashSignature(left), minhashSignature(right)) - exact);
      const make = (list: string[]) => {
        const hash = new minhashPackage.Minhash();
        for (let start = 0; start + 5 <= list.length; start += 1) hash.update(list.slice(start, start + 5).join(' '));
        return hash;
      };
      theirs += Math.abs(make(base).jaccard(make(edited)) - exact);
    }
    expect(ours / 20).toBeLessThan(0.06);
    expect(ours).toBeLessThan(theirs);
  });
});
