/**
 * Every stored hash within a Hamming distance of a query, exactly (what a linear scan finds),
 * without scanning: multi-index hashing (Norouzi, Punjani and Fleet, "Fast Search in Hamming
 * Space with Multi-Index Hashing", 2012).
 *
 * Each hash is cut into 16-bit substrings, one table per substring position. If two hashes are
 * within r bits and there are m substrings, r = m·q + a with 0 ≤ a < m, then one of the first a+1
 * substrings differs by at most q bits or one of the others by at most q-1 (otherwise the total
 * would exceed r). So the search looks up every 16-bit key within that radius in each table and
 * checks the full distance of those candidates only. For 256-bit hashes and r ≤ 47 that is at
 * most 137 keys per table and, for unrelated hashes, a few percent of the gallery as candidates
 * (r ≤ 31: under 1%), and it grows more slowly than the scan.
 *
 * Why our own: usearch (the compiled HNSW library with a Hamming metric on binary vectors) is
 * approximate and answers the k nearest, not "every hash within r"; a missed gallery match is a
 * missed counterfeit. `npm run bench -- listing-images` measures both against the linear scan.
 *
 * Layout, for memory: the hashes sit in one Uint32Array; each table is a sorted array of slot
 * numbers with an offset per key (compressed sparse rows), 4 bytes per hash and table. Added hashes
 * wait in a short list, scanned linearly, and are merged into the tables at the next search once
 * more than `mergeThreshold` wait (a counting sort, linear in the index size); removals are marked
 * and compacted away once they reach a quarter of the slots.
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
  /** above this per-substring radius the tables stop paying off and search scans instead */
  maxSubstringRadius: number;
}

export const defaultHammingIndexOptions: HammingIndexOptions = { hashBytes: 32, mergeThreshold: 2048, maxSubstringRadius: 2 };

/** Every 16-bit value within `radius` bits of `key` (key itself first). */
function neighbours(key: number, radius: number, out: number[]): void {
  out.push(key);
  if (radius >= 1) for (let i = 0; i < substringBits; i += 1) out.push(key ^ (1 << i));
  if (radius >= 2) for (let i = 0; i < substringBits; i += 1) for (let j = i + 1; j < substringBits; j += 1) out.push(key ^ (1 << i) ^ (1 << j));
  if (radius >= 3) {
    for (let i = 0; i < substringBits; i += 1)
      for (let j = i + 1; j < substringBits; j += 1) for (let k = j + 1; k < substringBits; k += 1) out.push(key ^ (1 << i) ^ (1 << j) ^ (1 << k));
  }
}

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
  private offsets: Uint32Array[] = [];
  private entries: Uint32Array[] = [];
  private seen = new Uint32Array(0);
  private searchStamp = 0;

  constructor(options: Partial<HammingIndexOptions> = {}) {
    this.options = { ...defaultHammingIndexOptions, ...options };
    if (this.options.hashBytes % 4 !== 0 || this.options.hashBytes <= 0) throw new RangeError('hashBytes must be a positive multiple of 4');
    if (this.options.maxSubstringRadius > 3) throw new RangeError('maxSubstringRadius is at most 3');
    this.words = this.options.hashBytes / 4;
    this.tables = this.options.hashBytes / 2;
    this.hashes = new Uint32Array(this.words * 1024);
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
    if (this.dead * 4 > this.slots && this.dead > 0) this.compact();
    if (this.slots - this.merged > this.options.mergeThreshold) this.mergePending();
    const quotient = Math.floor(maxDistance / this.tables);
    const remainder = maxDistance - quotient * this.tables;
    const matches: HammingMatch[] = [];
    if (maxDistance < 0) return matches;
    if (quotient > this.options.maxSubstringRadius || this.merged === 0) {
      this.scanSlots(query, maxDistance, 0, this.slots, matches);
      return sortMatches(matches);
    }
    this.searchStamp += 1;
    if (this.searchStamp === 0xffffffff) {
      this.seen.fill(0);
      this.searchStamp = 1;
    }
    const keys: number[] = [];
    for (let table = 0; table < this.tables; table += 1) {
      const radius = table <= remainder ? quotient : quotient - 1;
      if (radius < 0) continue;
      const key = table % 2 === 0 ? query[table >> 1]! >>> 16 : query[table >> 1]! & 0xffff;
      keys.length = 0;
      neighbours(key, radius, keys);
      const offsets = this.offsets[table]!;
      const entries = this.entries[table]!;
      for (const probe of keys) {
        for (let at = offsets[probe]!, end = offsets[probe + 1]!; at < end; at += 1) {
          const slot = entries[at]!;
          if (this.seen[slot] === this.searchStamp) continue;
          this.seen[slot] = this.searchStamp;
          this.checkSlot(query, maxDistance, slot, matches);
        }
      }
    }
    this.scanSlots(query, maxDistance, this.merged, this.slots, matches);
    return sortMatches(matches);
  }

  /** The same answer by scanning every hash: the reference the index is tested and benchmarked against. */
  searchLinear(hash: Uint8Array, maxDistance: number): HammingMatch[] {
    const matches: HammingMatch[] = [];
    this.scanSlots(this.queryWords(hash), maxDistance, 0, this.slots, matches);
    return sortMatches(matches);
  }

  /** Bytes held: the hashes as stored, the tables, and the id bookkeeping (strings and maps, estimated). */
  memoryBytes(): { hashes: number; tables: number; ids: number } {
    const tables = this.offsets.reduce((sum, table) => sum + table.byteLength, 0) + this.entries.reduce((sum, table) => sum + table.byteLength, 0) + this.seen.byteLength;
    const ids = this.ids.reduce((sum, id) => sum + (id ? 2 * id.length + 16 : 0), 0) + this.ids.length * 8 + this.slotOf.size * 40;
    return { hashes: this.slots * this.words * 4, tables, ids };
  }

  private queryWords(hash: Uint8Array): Uint32Array {
    if (hash.length !== this.options.hashBytes) throw new RangeError(`hash has ${hash.length} bytes, the index holds ${this.options.hashBytes}`);
    const query = new Uint32Array(this.words);
    for (let w = 0; w < this.words; w += 1) query[w] = ((hash[w * 4]! << 24) | (hash[w * 4 + 1]! << 16) | (hash[w * 4 + 2]! << 8) | hash[w * 4 + 3]!) >>> 0;
    return query;
  }

  private checkSlot(query: Uint32Array, maxDistance: number, slot: number, matches: HammingMatch[]): void {
    const id = this.ids[slot];
    if (id === undefined) return;
    const base = slot * this.words;
    let distance = 0;
    for (let w = 0; w < this.words && distance <= maxDistance; w += 1) distance += popcount32(query[w]! ^ this.hashes[base + w]!);
    if (distance <= maxDistance) matches.push({ id, distance });
  }

  private scanSlots(query: Uint32Array, maxDistance: number, from: number, to: number, matches: HammingMatch[]): void {
    for (let slot = from; slot < to; slot += 1) this.checkSlot(query, maxDistance, slot, matches);
  }

  /** Rebuilds every table over all slots (a counting sort per table). */
  private mergePending(): void {
    const count = this.slots;
    this.offsets = [];
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
      this.offsets.push(offsets);
      this.entries.push(entries);
    }
    this.merged = count;
    if (this.seen.length < count) this.seen = new Uint32Array(Math.max(count, this.seen.length * 2));
    this.seen.fill(0);
    this.searchStamp = 0;
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
    this.offsets = [];
    this.entries = [];
    if (this.slots > 0) this.mergePending();
  }
}

function sortMatches(matches: HammingMatch[]): HammingMatch[] {
  return matches.sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
