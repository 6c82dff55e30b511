/**
 * Every stored hash within a Hamming distance of a query, exactly (what a linear scan finds),
 * without scanning: multi-index hashing (Norouzi, Punjani and Fleet, "Fast Search in Hamming
 * Space with Multi-Index Hashing", 2012), with a filter on how much of the pigeonhole bound the
 * hits of a stored hash use up.
 *
 * Each hash is cut into m = 16 substrings of 16 bits, one table per substring position
 * (bucketTables.ts). A search looks up every 16-bit key within ρ bits of the query's substring in
 * each table and checks in full only the stored hashes the pigeonhole bound cannot rule out
 * (hammingSearch.ts has the proof and the filter; for the shipped radius 44, ρ = 2, and a true
 * match has two substrings within 1 bit of the query's, one equal and another within 2, one
 * within 1 and two at 2, or four at 2). The radii, which may differ by a bit between tables, are
 * planned per search radius from the index size and kept until the tables change.
 *
 * Where the time goes, measured at a million hashes (`npm run bench -- listing-images` and a V8
 * profile): a search at r = 44 reads 16 × 137 buckets and about 33,400 entries of 64 MB of
 * tables, so it waits on main memory. The bucket bounds and the first and last entry of every
 * bucket are read first in short loops so the cache misses overlap; even so a bucket probe costs
 * 30-45 ns (about a third of the search) and an entry 7-8 ns, where the scan spends 8-10 ns a
 * hash. Other substring widths do not read less at this radius: 15 of 17 bits leave a slack of 1
 * at ρ = 2 (every bucket entry a full check), 14 of 18 bits need ρ = 3 and read about 1.6× the
 * entries, 12 of 20 bits need ρ = 3 and 1,351 bucket probes per table.
 *
 * Why our own: usearch (the compiled HNSW library with a Hamming metric on binary vectors) is
 * approximate and answers the k nearest, not "every hash within r"; a missed gallery match is a
 * missed counterfeit. `npm run bench -- listing-images` measures both against the linear scan.
 *
 * Memory: the hashes sit in one Uint32Array (packedHashes.ts); the tables take 4 bytes per hash
 * and table, plus three bits per hash for a search. Added hashes wait in a short list, scanned
 * linearly, and are merged into the tables at the next search once more than `mergeThreshold`
 * wait (a counting sort, linear in the index size); removals are marked and compacted away once
 * they reach a quarter of the slots.
 */
import { BucketTables } from './bucketTables.ts';
import { planSearch, type SearchPlan, TableSearch } from './hammingSearch.ts';
import { Hits, packHash, scanWithin } from './packedHashes.ts';

export interface HammingMatch {
  id: string;
  distance: number;
}

export interface HammingIndexOptions {
  /** bytes per hash (a multiple of 4); 32 for the 256-bit image hashes */
  hashBytes: number;
  /** added hashes scanned linearly before they are merged into the tables */
  mergeThreshold: number;
}

export const defaultHammingIndexOptions: HammingIndexOptions = { hashBytes: 32, mergeThreshold: 2048 };

export class HammingIndex {
  readonly options: HammingIndexOptions;
  private readonly words: number;
  private hashes: Uint32Array;
  private ids: (string | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  private slots = 0;
  private dead = 0;
  /** the slots below tables.count are in the tables; the rest are scanned */
  private tables: BucketTables | null = null;
  /** the plan per search radius, for the tables as they are */
  private readonly plans = new Map<number, SearchPlan | null>();
  private readonly tableSearch = new TableSearch();
  private readonly hits = new Hits();
  private readonly query: Uint32Array;

  constructor(options: Partial<HammingIndexOptions> = {}) {
    this.options = { ...defaultHammingIndexOptions, ...options };
    if (this.options.hashBytes % 4 !== 0 || this.options.hashBytes <= 0) throw new RangeError('hashBytes must be a positive multiple of 4');
    this.words = this.options.hashBytes / 4;
    this.hashes = new Uint32Array(this.words * 1024);
    this.query = new Uint32Array(this.words);
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
    this.checkLength(hash);
    this.remove(id);
    if ((this.slots + 1) * this.words > this.hashes.length) {
      const grown = new Uint32Array(Math.max(this.hashes.length * 2, (this.slots + 1) * this.words));
      grown.set(this.hashes);
      this.hashes = grown;
    }
    packHash(hash, this.hashes, this.slots * this.words);
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
    if (maxDistance < 0) return [];
    if (this.dead * 4 > this.slots && this.dead > 0) this.compact();
    const merged = this.tables?.count ?? 0;
    if (this.slots - merged > this.options.mergeThreshold) this.rebuild(this.slots);
    const tables = this.tables;
    const plan = tables ? this.planFor(tables, maxDistance) : null;
    this.hits.count = 0;
    if (tables && plan) {
      this.tableSearch.search(tables, this.hashes, this.words, query, maxDistance, plan, this.hits);
      scanWithin(this.hashes, this.words, query, maxDistance, tables.count, this.slots, this.hits);
    } else {
      scanWithin(this.hashes, this.words, query, maxDistance, 0, this.slots, this.hits);
    }
    return this.matches();
  }

  /** The same answer by scanning every hash: the reference the index is tested and benchmarked against. */
  searchLinear(hash: Uint8Array, maxDistance: number): HammingMatch[] {
    const query = this.queryWords(hash);
    this.hits.count = 0;
    if (maxDistance >= 0) scanWithin(this.hashes, this.words, query, maxDistance, 0, this.slots, this.hits);
    return this.matches();
  }

  /** Bytes held: the hashes as stored, the tables with a search's buffers, and the id bookkeeping (strings and maps, estimated). */
  memoryBytes(): { hashes: number; tables: number; ids: number } {
    const tables = (this.tables?.memoryBytes() ?? 0) + this.tableSearch.memoryBytes();
    const ids = this.ids.reduce((sum, id) => sum + (id ? 2 * id.length + 16 : 0), 0) + this.ids.length * 8 + this.slotOf.size * 40;
    return { hashes: this.slots * this.words * 4, tables, ids };
  }

  private checkLength(hash: Uint8Array): void {
    if (hash.length !== this.options.hashBytes) throw new RangeError(`hash has ${hash.length} bytes, the index holds ${this.options.hashBytes}`);
  }

  private queryWords(hash: Uint8Array): Uint32Array {
    this.checkLength(hash);
    packHash(hash, this.query, 0);
    return this.query;
  }

  /** The hits as matches, removed slots left out, nearest first (ties by id). */
  private matches(): HammingMatch[] {
    const { slots, distances, count } = this.hits;
    const matches: HammingMatch[] = [];
    for (let i = 0; i < count; i += 1) {
      const id = this.ids[slots[i]!];
      if (id !== undefined) matches.push({ id, distance: distances[i]! });
    }
    return matches.sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
    this.rebuild(next);
  }

  private rebuild(count: number): void {
    this.tables = count > 0 ? new BucketTables(this.hashes, this.words, count) : null;
    this.plans.clear();
  }

  private planFor(tables: BucketTables, maxDistance: number): SearchPlan | null {
    let plan = this.plans.get(maxDistance);
    if (plan === undefined) {
      plan = planSearch(tables.tableCount, tables.count, maxDistance);
      this.plans.set(maxDistance, plan);
    }
    return plan;
  }
}
