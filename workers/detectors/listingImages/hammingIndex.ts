/**
 * Every stored hash within a Hamming distance of a query, exactly (what a linear scan finds),
 * without scanning: multi-index hashing (Norouzi, Punjani and Fleet, "Fast Search in Hamming
 * Space with Multi-Index Hashing", 2012) with a count filter.
 *
 * Each hash is cut into m = 16 substrings of 16 bits, one table per substring position. If a
 * stored hash is within r bits of the query and only j of its substrings are within ρ bits of
 * the query's, the other m − j differ by at least ρ + 1 each, so (m − j)(ρ + 1) ≤ r: at least
 * k = m − ⌊r / (ρ + 1)⌋ of its substrings are within ρ. The search looks up every 16-bit key
 * within ρ of the query's substring in each table and checks in full the stored hashes found in
 * min(k, 2) tables (for the shipped radius 44, ρ = 2 and k = 2 exactly: a true match shares two
 * substrings within 2 bits of the query's, which a few hundred of a million random hashes do).
 * ρ is chosen per search from the index size (the fewest bucket entries plus full checks for
 * uniformly spread hashes).
 *
 * Where the time goes, measured at a million hashes (`npm run bench -- listing-images`): a search
 * at r = 44 reads 16 × 137 buckets and about 33,000 entries of 64 MB of tables, so it waits on
 * main memory. Three choices follow from that: the bucket bounds of every table are read first
 * in one short loop (with the first and last entry of each bucket), so the cache misses overlap
 * instead of coming one at a time; which hashes were seen once and which were taken is kept in
 * two bitsets (128 KiB each per million hashes: they stay in the core's cache, where a byte
 * counter per hash did not); and the candidates are collected, read ahead the same way, and only
 * then checked. Nothing is allocated per search but the answer.
 *
 * Why our own: usearch (the compiled HNSW library with a Hamming metric on binary vectors) is
 * approximate and answers the k nearest, not "every hash within r"; a missed gallery match is a
 * missed counterfeit. `npm run bench -- listing-images` measures both against the linear scan.
 *
 * Layout, for memory: the hashes sit in one Uint32Array; each table is a sorted array of slot
 * numbers with an offset per key (compressed sparse rows), 4 bytes per hash and table, plus two
 * bits per hash. Added hashes wait in a short list, scanned linearly, and are merged into
 * the tables at the next search once more than `mergeThreshold` wait (a counting sort, linear in
 * the index size); removals are marked and compacted away once they reach a quarter of the slots.
 */
import { popcount32 } from './hamming.ts';

export interface HammingMatch {
  id: string;
  distance: number;
}

const substringBits = 16;
const keysPerTable = 1 << substringBits;

export interface HammingIndexOptions {
  /** bytes per hash (a multiple of 4); 32 for the 256-bit image hashes */
  hashBytes: number;
  /** added hashes scanned linearly before they are merged into the tables */
  mergeThreshold: number;
}

export const defaultHammingIndexOptions: HammingIndexOptions = { hashBytes: 32, mergeThreshold: 2048 };

/** Keys within ρ bits of a 16-bit key, for ρ = 0..3. */
const ballSizes = [1, 17, 137, 697];

function binomialTail(trials: number, probability: number, atLeast: number): number {
  let tail = 0;
  let term = (1 - probability) ** trials;
  for (let j = 0; j <= trials; j += 1) {
    if (j >= atLeast) tail += term;
    term *= ((trials - j) / (j + 1)) * (probability / (1 - probability));
  }
  return tail;
}

/**
 * Every 16-bit mask of 0..3 set bits, fewest bits first: the keys within ρ bits of a key k are
 * k ^ masks[0 .. ballSizes[ρ]), with no list built per search.
 */
const ballMasks = (() => {
  const masks = new Uint16Array(ballSizes[ballSizes.length - 1]!);
  let at = 1;
  for (let i = 0; i < substringBits; i += 1) masks[at++] = 1 << i;
  for (let i = 0; i < substringBits; i += 1) for (let j = i + 1; j < substringBits; j += 1) masks[at++] = (1 << i) | (1 << j);
  for (let i = 0; i < substringBits; i += 1) for (let j = i + 1; j < substringBits; j += 1) for (let k = j + 1; k < substringBits; k += 1) masks[at++] = (1 << i) | (1 << j) | (1 << k);
  return masks;
})();

export class HammingIndex {
  readonly options: HammingIndexOptions;
  private readonly words: number;
  private readonly tables: number;
  private hashes: Uint32Array;
  private ids: (string | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  private slots = 0;
  private dead = 0;
  /** slots below this are in the tables; the rest are scanned */
  private merged = 0;
  /**
   * Where each key's bucket starts, in two levels to halve their memory (4 MiB in one level is
   * what dominates a small index): bases[key >> shift] + lows[key], the base per block of
   * 2^shift keys and a 16-bit remainder per key; a table whose blocks hold 65,536 entries or more
   * takes smaller blocks (shift 0 is the plain offsets).
   */
  private bases: Uint32Array[] = [];
  private lows: Uint16Array[] = [];
  private shifts: number[] = [];
  private entries: Uint32Array[] = [];
  /** one bit per slot during one search (hit once, taken as a candidate), back to zero after it */
  private seen = new Uint32Array(0);
  private taken = new Uint32Array(0);
  private candidates = new Uint32Array(1024);
  private readonly query: Uint32Array;
  /** bucket bounds of every probe of one search, table after table, and what reading ahead gave (kept, so the reads stay) */
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  private sink = 0;

  constructor(options: Partial<HammingIndexOptions> = {}) {
    this.options = { ...defaultHammingIndexOptions, ...options };
    if (this.options.hashBytes % 4 !== 0 || this.options.hashBytes <= 0) throw new RangeError('hashBytes must be a positive multiple of 4');
    this.words = this.options.hashBytes / 4;
    this.tables = this.options.hashBytes / 2;
    this.hashes = new Uint32Array(this.words * 1024);
    this.query = new Uint32Array(this.words);
    this.starts = new Uint32Array(this.tables * ballSizes[ballSizes.length - 1]!);
    this.ends = new Uint32Array(this.starts.length);
  }

  /** Live hashes. */
  get size(): number {
    return this.slots - this.dead;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Adds `hash` under `id`, replacing what `id` held before. */
  add(id: string, hash: Uint8Array): void {
    if (hash.length !== this.options.hashBytes) throw new RangeError(`hash has ${hash.length} bytes, the index holds ${this.options.hashBytes}`);
    this.remove(id);
    if ((this.slots + 1) * this.words > this.hashes.length) {
      const grown = new Uint32Array(Math.max(this.hashes.length * 2, (this.slots + 1) * this.words));
      grown.set(this.hashes);
      this.hashes = grown;
    }
    const base = this.slots * this.words;
    for (let w = 0; w < this.words; w += 1) {
      this.hashes[base + w] = ((hash[w * 4]! << 24) | (hash[w * 4 + 1]! << 16) | (hash[w * 4 + 2]! << 8) | hash[w * 4 + 3]!) >>> 0;
    }
    this.ids[this.slots] = id;
    this.slotOf.set(id, this.slots);
    this.slots += 1;
  }

  /** Removes `id`; false when it was not there. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.ids[slot] = undefined;
    this.dead += 1;
    return true;
  }

  /** Every stored hash within `maxDistance` bits of `hash`, nearest first (ties by id). */
  search(hash: Uint8Array, maxDistance: number): HammingMatch[] {
    const query = this.queryWords(hash);
    const matches: HammingMatch[] = [];
    if (maxDistance < 0) return matches;
    if (this.dead * 4 > this.slots && this.dead > 0) this.compact();
    if (this.slots - this.merged > this.options.mergeThreshold) this.mergePending();
    const plan = this.merged > 0 ? this.planSearch(maxDistance) : null;
    if (!plan) {
      this.scanSlots(query, maxDistance, 0, this.slots, matches);
      return sortMatches(matches);
    }
    this.probeWithBits(query, maxDistance, plan.radius, plan.needed, matches);
    this.scanSlots(query, maxDistance, this.merged, this.slots, matches);
    return sortMatches(matches);
  }

  /**
   * Probes every table, then checks in full each slot hit in `needed` (1 or 2) of them. One bit per
   * slot says "seen", another "taken": an eighth of the memory byte counters would take, so the
   * bits of a million hashes (128 KiB each) stay in the core's cache while the table entries
   * stream past. (A filter of two hits where the pigeonhole bound allows more keeps this cheap
   * bookkeeping; the few hundred extra full checks cost less than counting every entry: at
   * r = 31 and a million hashes, 0.59 ms a search with byte counters, 0.46 ms with two bits.)
   */
  private probeWithBits(query: Uint32Array, maxDistance: number, radius: number, needed: number, matches: HammingMatch[]): void {
    const seen = this.seen;
    const taken = this.taken;
    const { starts, ends } = this;
    let candidates = this.candidates;
    let candidateCount = 0;
    const ball = ballSizes[radius]!;
    for (let table = 0; table < this.tables; table += 1) this.locateBuckets(query, table, ball);
    for (let table = 0; table < this.tables; table += 1) this.touchBuckets(table, ball);
    for (let table = 0; table < this.tables; table += 1) {
      const entries = this.entries[table]!;
      for (let k = table * ball, last = k + ball; k < last; k += 1) {
        for (let at = starts[k]!, end = ends[k]!; at < end; at += 1) {
          const slot = entries[at]!;
          const word = slot >>> 5;
          const bit = 1 << (slot & 31);
          if (needed === 2) {
            const before = seen[word]!;
            if ((before & bit) === 0) {
              seen[word] = before | bit;
              continue;
            }
          }
          const done = taken[word]!;
          if ((done & bit) !== 0) continue;
          taken[word] = done | bit;
          if (candidateCount === candidates.length) {
            const grown = new Uint32Array(candidates.length * 2);
            grown.set(candidates);
            candidates = this.candidates = grown;
          }
          candidates[candidateCount++] = slot;
        }
      }
    }
    if (needed === 2) seen.fill(0);
    for (let i = 0; i < candidateCount; i += 1) taken[candidates[i]! >>> 5] = 0; // a bit is taken exactly when its slot is a candidate
    // The same trick as locateBuckets: read every candidate's first word back to back, then check.
    const hashes = this.hashes;
    const words = this.words;
    let touched = 0;
    for (let i = 0; i < candidateCount; i += 1) touched ^= hashes[candidates[i]! * words]!;
    this.sink ^= touched;
    for (let i = 0; i < candidateCount; i += 1) this.checkSlot(query, maxDistance, candidates[i]!, matches);
  }

  /**
   * Finds where the buckets of the keys within the ball around the query's substring start and
   * end. The offsets of all tables (2 MiB) and the tables themselves (64 bytes per hash) outgrow
   * the caches of a large index, so each read here is likely a cache miss; issued back to back in
   * this short loop, with no read waiting on another, the misses overlap (the processor keeps
   * many loads in flight), where the loop over the entries would meet them one at a time.
   */
  private locateBuckets(query: Uint32Array, table: number, ball: number): void {
    const key = table % 2 === 0 ? query[table >> 1]! >>> 16 : query[table >> 1]! & 0xffff;
    const bases = this.bases[table]!;
    const lows = this.lows[table]!;
    const shift = this.shifts[table]!;
    const { starts, ends } = this;
    for (let k = 0; k < ball; k += 1) {
      const probe = key ^ ballMasks[k]!;
      starts[table * ball + k] = bases[probe >>> shift]! + lows[probe]!;
      ends[table * ball + k] = bases[(probe + 1) >>> shift]! + lows[probe + 1]!;
    }
  }

  /**
   * Reads the first and last entry of every bucket located, for the same reason: the bucket loop
   * then finds them in cache (measured at a million hashes: 0.78 ms a search without reading
   * ahead, 0.57 ms with one pass per table, 0.36 ms with both passes over all tables first).
   */
  private touchBuckets(table: number, ball: number): void {
    const entries = this.entries[table]!;
    const { starts, ends } = this;
    let touched = 0;
    for (let k = table * ball, last = k + ball; k < last; k += 1) {
      const start = starts[k]!;
      const end = ends[k]!;
      if (start < end) touched ^= entries[start]! ^ entries[end - 1]!;
    }
    this.sink ^= touched;
  }


  /**
   * The substring radius ρ and the hits a candidate needs (the pigeonhole bound k, at most 2:
   * see probeWithBits) for a search within `maxDistance`, choosing the ρ with the least expected
   * work for uniformly spread hashes: bucket probes, entries read, and full checks weighted as
   * three entries; null when no ρ ≤ 3 gives k ≥ 1 or a scan costs less (the search then scans).
   */
  private planSearch(maxDistance: number): { radius: number; needed: number } | null {
    let best: { radius: number; needed: number; cost: number } | null = null;
    for (let radius = 0; radius < ballSizes.length; radius += 1) {
      const bound = this.tables - Math.floor(maxDistance / (radius + 1));
      if (bound < 1) continue;
      const needed = Math.min(bound, 2);
      const share = ballSizes[radius]! / keysPerTable;
      const cost = this.tables * ballSizes[radius]! + this.merged * (this.tables * share + 3 * binomialTail(this.tables, share, needed));
      if (!best || cost < best.cost) best = { radius, needed, cost };
    }
    return best && best.cost < this.merged * 2 ? { radius: best.radius, needed: best.needed } : null;
  }

  /** The same answer by scanning every hash: the reference the index is tested and benchmarked against. */
  searchLinear(hash: Uint8Array, maxDistance: number): HammingMatch[] {
    const matches: HammingMatch[] = [];
    this.scanSlots(this.queryWords(hash), maxDistance, 0, this.slots, matches);
    return sortMatches(matches);
  }

  /** Bytes held: the hashes as stored, the tables, and the id bookkeeping (strings and maps, estimated). */
  memoryBytes(): { hashes: number; tables: number; ids: number } {
    const tables = [...this.bases, ...this.lows].reduce((sum, table) => sum + table.byteLength, 0) + this.entries.reduce((sum, table) => sum + table.byteLength, 0) + this.seen.byteLength + this.taken.byteLength + this.candidates.byteLength;
    const ids = this.ids.reduce((sum, id) => sum + (id ? 2 * id.length + 16 : 0), 0) + this.ids.length * 8 + this.slotOf.size * 40;
    return { hashes: this.slots * this.words * 4, tables, ids };
  }

  private queryWords(hash: Uint8Array): Uint32Array {
    if (hash.length !== this.options.hashBytes) throw new RangeError(`hash has ${hash.length} bytes, the index holds ${this.options.hashBytes}`);
    const query = this.query;
    for (let w = 0; w < this.words; w += 1) query[w] = ((hash[w * 4]! << 24) | (hash[w * 4 + 1]! << 16) | (hash[w * 4 + 2]! << 8) | hash[w * 4 + 3]!) >>> 0;
    return query;
  }

  private checkSlot(query: Uint32Array, maxDistance: number, slot: number, matches: HammingMatch[]): void {
    const base = slot * this.words;
    let distance = 0;
    for (let w = 0; w < this.words && distance <= maxDistance; w += 1) distance += popcount32(query[w]! ^ this.hashes[base + w]!);
    if (distance > maxDistance) return;
    const id = this.ids[slot];
    if (id !== undefined) matches.push({ id, distance });
  }

  private scanSlots(query: Uint32Array, maxDistance: number, from: number, to: number, matches: HammingMatch[]): void {
    for (let slot = from; slot < to; slot += 1) this.checkSlot(query, maxDistance, slot, matches);
  }

  /** Rebuilds every table over all slots (a counting sort per table). */
  private mergePending(): void {
    const count = this.slots;
    this.bases = [];
    this.lows = [];
    this.shifts = [];
    this.entries = [];
    for (let table = 0; table < this.tables; table += 1) {
      const word = table >> 1;
      const high = table % 2 === 0;
      const offsets = new Uint32Array(keysPerTable + 1);
      for (let slot = 0; slot < count; slot += 1) {
        const value = this.hashes[slot * this.words + word]!;
        offsets[(high ? value >>> 16 : value & 0xffff) + 1]! += 1;
      }
      for (let key = 0; key < keysPerTable; key += 1) offsets[key + 1]! += offsets[key]!;
      const cursor = offsets.slice(0, keysPerTable);
      const entries = new Uint32Array(count);
      for (let slot = 0; slot < count; slot += 1) {
        const value = this.hashes[slot * this.words + word]!;
        const key = high ? value >>> 16 : value & 0xffff;
        entries[cursor[key]!] = slot;
        cursor[key]! += 1;
      }
      this.splitOffsets(offsets);
      this.entries.push(entries);
    }
    this.merged = count;
    if (this.seen.length * 32 < count) {
      this.seen = new Uint32Array(Math.ceil(Math.max(count, this.seen.length * 64) / 32));
      this.taken = new Uint32Array(this.seen.length);
    }
  }

  /** Stores one table's bucket offsets as bases per block of keys and 16-bit remainders, in the largest blocks that fit. */
  private splitOffsets(offsets: Uint32Array): void {
    let shift = 8;
    const fits = (bits: number) => {
      for (let key = 0; key <= keysPerTable; key += 1) if (offsets[key]! - offsets[(key >>> bits) << bits]! > 0xffff) return false;
      return true;
    };
    while (shift > 0 && !fits(shift)) shift -= 1;
    const bases = new Uint32Array((keysPerTable >>> shift) + 1);
    for (let block = 0; block < bases.length; block += 1) bases[block] = offsets[block << shift]!;
    const lows = new Uint16Array(keysPerTable + 1);
    for (let key = 0; key <= keysPerTable; key += 1) lows[key] = offsets[key]! - bases[key >>> shift]!;
    this.bases.push(bases);
    this.lows.push(lows);
    this.shifts.push(shift);
  }

  /** Drops removed slots, renumbering the rest, then rebuilds the tables. */
  private compact(): void {
    let next = 0;
    for (let slot = 0; slot < this.slots; slot += 1) {
      const id = this.ids[slot];
      if (id === undefined) continue;
      if (next !== slot) {
        this.hashes.copyWithin(next * this.words, slot * this.words, (slot + 1) * this.words);
        this.ids[next] = id;
        this.slotOf.set(id, next);
      }
      next += 1;
    }
    this.ids.length = next;
    this.slots = next;
    this.dead = 0;
    this.merged = 0;
    this.bases = [];
    this.lows = [];
    this.shifts = [];
    this.entries = [];
    if (this.slots > 0) this.mergePending();
  }
}

function sortMatches(matches: HammingMatch[]): HammingMatch[] {
  return matches.sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
