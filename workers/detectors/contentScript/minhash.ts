/**
 * Word 5-gram shingles, MinHash signatures (128 permutations) and LSH band keys.
 *
 * Why our own MinHash rather than the npm `minhash` package (0.0.9, compared in minhash.test.ts
 * and in `npm run bench -- content`):
 * - its permutation is `(a * h + b) % p` in floating point with `a` and `h` up to 2^32: the
 *   product exceeds 2^53, so low bits are lost and the "permutations" are far from independent
 *   (measured: its estimate strays several times further from the exact Jaccard than ours);
 * - it re-hashes the shingle string once per permutation (128 string hashes per shingle; ours
 *   hashes each shingle once and derives the 128 values with integer mixing, about 10x faster);
 * - signatures are stored in PostgreSQL and compared across processes and releases, so the
 *   permutation seeds must be fixed constants of this module (they are: a seeded generator).
 * `bloom-filters`' MinHash has the same floating-point permutation. Ours: each permutation is
 * `mix32(h XOR seed_i)`, with mix32 the murmur3 finaliser (a bijection on 32-bit integers), so
 * every permutation is a true permutation of the 32-bit shingle hashes.
 */

export const SHINGLE_SIZE = 5;
export const PERMUTATIONS = 128;
/**
 * 64 bands of 2 rows. A script read with 10% of its words changed keeps about 0.9^5 = 59% of its
 * 5-gram shingles, a Jaccard near 0.42 (0.3 at worst in our fixtures); 64x2 makes such a pair a
 * candidate with probability 1 - (1 - 0.3^2)^64 > 0.99, where 32x4 would find it one time in four.
 * The price is more candidates at low similarity, which the exact Jaccard then refuses.
 */
export const BANDS = 64;
export const ROWS_PER_BAND = PERMUTATIONS / BANDS;

/** FNV-1a over UTF-16 code units, then the murmur3 finaliser: a 32-bit hash of a string. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return mix32(hash);
}

/** murmur3's 32-bit finaliser: a bijection that spreads every input bit over the output. */
export function mix32(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** Fixed seeds (a splitmix-style generator from a constant): signatures must never change between processes. */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(PERMUTATIONS);
  let state = 0x9e3779b9;
  for (let index = 0; index < PERMUTATIONS; index += 1) {
    state = (state + 0x9e3779b9) >>> 0;
    seeds[index] = mix32(state ^ 0x5bd1e995);
  }
  return seeds;
})();

/** Sorted, distinct 32-bit hashes of the word 5-grams (a text shorter than 5 words is one shingle). */
export function shinglesOf(words: readonly string[], size = SHINGLE_SIZE): number[] {
  if (words.length === 0) return [];
  const hashes = new Set<number>();
  if (words.length < size) hashes.add(hashString(words.join(' ')));
  for (let start = 0; start + size <= words.length; start += 1) hashes.add(hashString(words.slice(start, start + size).join(' ')));
  return [...hashes].sort((left, right) => left - right);
}

/** The MinHash signature: for each permutation (the first `permutations` of them), the smallest permuted shingle hash. */
export function minhashSignature(shingles: readonly number[], permutations = PERMUTATIONS): Uint32Array {
  const signature = new Uint32Array(permutations).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let index = 0; index < permutations; index += 1) {
      const value = mix32(shingle ^ SEEDS[index]!);
      if (value < signature[index]!) signature[index] = value;
    }
  }
  return signature;
}

/** The share of permutations whose minimum agrees: an estimate of the Jaccard similarity. */
export function estimatedJaccard(left: Uint32Array, right: Uint32Array): number {
  let same = 0;
  for (let index = 0; index < PERMUTATIONS; index += 1) if (left[index] === right[index]) same += 1;
  return same / PERMUTATIONS;
}

/** Exact Jaccard similarity of two sorted, distinct shingle lists. */
export function exactJaccard(left: readonly number[], right: readonly number[]): number {
  if (left.length === 0 && right.length === 0) return 0;
  const shared = sharedCount(left, right);
  return shared / (left.length + right.length - shared);
}

/** How many values two sorted, distinct lists have in common (one merge pass). */
function sharedCount(left: readonly number[], right: readonly number[]): number {
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    if (left[i] === right[j]) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (left[i]! < right[j]!) i += 1;
    else j += 1;
  }
  return shared;
}

/** Shared shingles over the smaller set: how much of the shorter text the longer one contains. */
export function containment(left: readonly number[], right: readonly number[]): { shared: number; containment: number } {
  const shared = sharedCount(left, right);
  const smaller = Math.min(left.length, right.length);
  return { shared, containment: smaller === 0 ? 0 : shared / smaller };
}

/**
 * The paraphrase features' signature: 64 permutations, 32 bands of 2 rows, numbered after the
 * 5-grams' bands. A reading in other words at the verification threshold (Jaccard 0.35) is a
 * candidate with probability 1 - (1 - 0.35^2)^32 = 0.985; half the bands of the 5-grams' keep the
 * index and the work small.
 */
export const PARAPHRASE_PERMUTATIONS = 64;
export const PARAPHRASE_FIRST_BAND = BANDS;

/**
 * One key per band (ROWS_PER_BAND values of the signature each): the band's number and its rows'
 * values hashed into a signed 64-bit integer (PostgreSQL's bigint), as a decimal string so it
 * survives JSON. Two posts sharing any band key are candidates. `firstBand` numbers the bands of a
 * second signature (the paraphrase features'), so its keys never meet the 5-gram signature's;
 * `scope` (a promoted seller) makes keys meet only between posts of the same scope.
 */
export function bandKeys(signature: Uint32Array, firstBand = 0, scope?: string): string[] {
  const keys: string[] = [];
  const salt = scope === undefined ? 0 : hashString(scope);
  const bands = signature.length / ROWS_PER_BAND;
  for (let band = firstBand; band < firstBand + bands; band += 1) {
    let high = mix32((band + 0x632be5ab) ^ salt);
    let low = mix32(band ^ 0x7f4a7c15 ^ mix32(salt));
    for (let row = 0; row < ROWS_PER_BAND; row += 1) {
      const value = signature[(band - firstBand) * ROWS_PER_BAND + row]!;
      high = mix32(high ^ value);
      low = mix32(Math.imul(low ^ value, 0x27d4eb2d) ^ high);
    }
    keys.push(BigInt.asIntN(64, (BigInt(high) << 32n) | BigInt(low)).toString());
  }
  return keys;
}
