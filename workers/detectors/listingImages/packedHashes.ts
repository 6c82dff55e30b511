/**
 * Hashes packed as big-endian 32-bit words in one Uint32Array, slot after slot, and the two ways
 * of comparing a query with them: one slot (the index's check of a candidate) and a range of
 * slots (the linear scan, which is also the reference the index is tested and benchmarked
 * against, so it is written to be as fast as a plain scan can be: the query's words in locals,
 * four words per popcount, and a stop once the first 128 bits are already too far).
 */
import { popcount128, popcount32 } from './hamming.ts';

/** Writes `hash` (a multiple of 4 bytes) as words at `into[at..]`. */
export function packHash(hash: Uint8Array, into: Uint32Array, at: number): void {
  for (let w = 0, b = 0; b < hash.length; w += 1, b += 4) {
    into[at + w] = ((hash[b]! << 24) | (hash[b + 1]! << 16) | (hash[b + 2]! << 8) | hash[b + 3]!) >>> 0;
  }
}

/** Slots and their distances, found by a search; reused from one search to the next. */
export class Hits {
  slots = new Uint32Array(256);
  distances = new Uint16Array(256);
  count = 0;

  push(slot: number, distance: number): void {
    if (this.count === this.slots.length) {
      const slots = new Uint32Array(this.count * 2);
      slots.set(this.slots);
      this.slots = slots;
      const distances = new Uint16Array(this.count * 2);
      distances.set(this.distances);
      this.distances = distances;
    }
    this.slots[this.count] = slot;
    this.distances[this.count] = distance;
    this.count += 1;
  }
}

/** The distance between the query and the hash at `slot`, or -1 once it passes `maxDistance`. */
export function distanceWithin(hashes: Uint32Array, words: number, slot: number, query: Uint32Array, maxDistance: number): number {
  let base = slot * words;
  const end = base + words;
  let distance = 0;
  let w = 0;
  for (; base + 4 <= end; base += 4, w += 4) {
    distance += popcount128(query[w]! ^ hashes[base]!, query[w + 1]! ^ hashes[base + 1]!, query[w + 2]! ^ hashes[base + 2]!, query[w + 3]! ^ hashes[base + 3]!);
    if (distance > maxDistance) return -1;
  }
  for (; base < end; base += 1, w += 1) distance += popcount32(query[w]! ^ hashes[base]!);
  return distance > maxDistance ? -1 : distance;
}

/** Every slot in [from, to) within `maxDistance` of the query, into `hits`. */
export function scanWithin(hashes: Uint32Array, words: number, query: Uint32Array, maxDistance: number, from: number, to: number, hits: Hits): void {
  if (words !== 8) {
    for (let slot = from; slot < to; slot += 1) {
      const distance = distanceWithin(hashes, words, slot, query, maxDistance);
      if (distance >= 0) hits.push(slot, distance);
    }
    return;
  }
  // 256-bit hashes, the image hashes: the same comparison unrolled, with the query held in locals.
  const q0 = query[0]!, q1 = query[1]!, q2 = query[2]!, q3 = query[3]!, q4 = query[4]!, q5 = query[5]!, q6 = query[6]!, q7 = query[7]!;
  for (let slot = from, base = from * 8; slot < to; slot += 1, base += 8) {
    let distance = popcount128(q0 ^ hashes[base]!, q1 ^ hashes[base + 1]!, q2 ^ hashes[base + 2]!, q3 ^ hashes[base + 3]!);
    if (distance > maxDistance) continue;
    distance += popcount128(q4 ^ hashes[base + 4]!, q5 ^ hashes[base + 5]!, q6 ^ hashes[base + 6]!, q7 ^ hashes[base + 7]!);
    if (distance <= maxDistance) hits.push(slot, distance);
  }
}
