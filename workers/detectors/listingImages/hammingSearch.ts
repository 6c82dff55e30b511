/**
 * Searching the bucket tables: how far around each query substring to look, which hits make a
 * candidate, and the probe itself.
 *
 * The pigeonhole bound, with the distance of each hit. A hash is cut into m substrings, and the
 * search looks up every key within ρ_t bits of the query's substring in table t. A stored hash
 * found in table t at d bits (known from the probe: the ball masks come fewest bits first)
 * differs from the query by at least d bits on that substring, and by at least ρ_t + 1 on a
 * substring where it was not found; so a stored hash within r bits of the query has
 * Σ over its hits of (ρ_t + 1 − d) ≥ Σ_t (ρ_t + 1) − r. Call ρ_t + 1 − d the saving of a hit and
 * the right side the slack K: a stored hash whose hits do not add up to K cannot be a match, and
 * the search checks in full only those that do (or reach 4, when K is larger: a 2-bit counter
 * per hash). This is sharper than counting hits (Norouzi et al.: at least m − ⌊r / (ρ + 1)⌋):
 * at the shipped radius 44 (m = 16, ρ = 2, K = 4) a true match has two hits within 1 bit, one
 * exact hit and another, one hit within 1 bit and two at 2 bits, or four at 2 bits, where the
 * count asks for two hits; of a million random hashes about 16 a search pass, where 514 have
 * two hits.
 *
 * The radii need not be equal: `wider` tables are probed one bit further, which adds one to the
 * slack per table. At r = 31, all tables at ρ = 1 leave a slack of 1 (every hit is a candidate:
 * 4,100 full checks in a million hashes), all at ρ = 2 read 33,000 entries; 14 at 1 and two at 2
 * read 7,800 entries and check about 35. At r = 44 equal radii cost least (planSearch weighs
 * them).
 *
 * The savings are kept as two bitsets (bit 0 and bit 1 of each hash's counter, 128 KiB each per
 * million hashes), which stay in the core's cache while the table entries stream past; a byte
 * per hash did not. Most hits have saving 1 and meet a counter at 0, so the common step reads
 * and sets one bit, as a plain "seen" bitset would.
 */
import { ballSizes, type BucketTables, substringBits, substringOf } from './bucketTables.ts';
import { distanceWithin, type Hits } from './packedHashes.ts';

export interface SearchPlan {
  /** ρ: keys within this many bits of each query substring are looked up … */
  radius: number;
  /** … and within ρ + 1 in this many tables */
  wider: number;
  /** savings that make a candidate: the slack, at most 4 */
  threshold: number;
}

const maxBall = ballSizes[ballSizes.length - 1]!;
/** Keys exactly d bits from a 16-bit key. */
const keysAt = (d: number) => ballSizes[d]! - (d === 0 ? 0 : ballSizes[d - 1]!);

/** The threshold that keeps every match within `maxDistance`; null when these radii cannot. */
export function thresholdFor(tables: number, maxDistance: number, radius: number, wider: number): number | null {
  const slack = tables * (radius + 1) + wider - maxDistance;
  return slack >= 1 ? Math.min(slack, 4) : null;
}

/** The share of uniformly spread hashes whose hits add up to the plan's threshold. */
export function candidateShare(tables: number, plan: SearchPlan): number {
  const { radius, wider, threshold } = plan;
  let counts = [1, ...Array<number>(threshold).fill(0)];
  for (let table = 0; table < tables; table += 1) {
    const reach = table < wider ? radius + 1 : radius;
    const next = counts.map(() => 0);
    counts.forEach((before, saved) => {
      let missed = 1;
      for (let d = 0; d <= reach; d += 1) {
        const hit = keysAt(d) / 2 ** substringBits;
        next[Math.min(threshold, saved + reach + 1 - d)]! += before * hit;
        missed -= hit;
      }
      next[saved]! += before * missed;
    });
    counts = next;
  }
  return counts[threshold]!;
}

/**
 * The radii with the least expected work for `count` uniformly spread hashes, in units of one
 * entry read (about 8 ns at a million hashes): a bucket probe costs about 3, a full check about 8
 * (its hash is rarely in cache), a scanned hash about 1 (fitted to searches from 10,000 to a
 * million hashes at r = 31 and 44). Null when no radius ≤ 3 keeps every match or a scan costs less.
 */
export function planSearch(tables: number, count: number, maxDistance: number): SearchPlan | null {
  let best: (SearchPlan & { cost: number }) | null = null;
  for (let radius = 0; radius < ballSizes.length; radius += 1) {
    for (let wider = 0; wider < (radius + 1 < ballSizes.length ? tables : 1); wider += 1) {
      const threshold = thresholdFor(tables, maxDistance, radius, wider);
      if (threshold === null) continue;
      const plan = { radius, wider, threshold };
      const probes = (tables - wider) * ballSizes[radius]! + (wider > 0 ? wider * ballSizes[radius + 1]! : 0);
      const cost = 3 * probes + count * (probes / 2 ** substringBits + 8 * candidateShare(tables, plan));
      if (!best || cost < best.cost) best = { ...plan, cost };
    }
  }
  return best && best.cost < count ? { radius: best.radius, wider: best.wider, threshold: best.threshold } : null;
}

/** The buffers of one search, kept between searches so that nothing is allocated but the answer. */
export class TableSearch {
  /** bit 0 and bit 1 of each slot's savings counter */
  private low = new Uint32Array(0);
  private high = new Uint32Array(0);
  private taken = new Uint32Array(0);
  private candidates = new Uint32Array(1024);
  private candidateCount = 0;
  /** bucket bounds of every probe of one search: table t's from t × maxBall */
  private starts = new Uint32Array(0);
  private ends = new Uint32Array(0);
  /** each table's radius in this search */
  private reach = new Uint8Array(0);
  /** what reading ahead gave (kept, so the reads stay) */
  private sink = 0;

  /** Appends to `hits` every slot of `tables` within `maxDistance` of `query`, probing as `plan` says. */
  search(tables: BucketTables, hashes: Uint32Array, words: number, query: Uint32Array, maxDistance: number, plan: SearchPlan, hits: Hits): void {
    this.fit(tables);
    const { starts, ends, reach } = this;
    const count = tables.tableCount;
    for (let table = 0; table < count; table += 1) tables.locate(table, substringOf(query, 0, table), 0, ballSizes[plan.radius]!, starts, ends, table * maxBall);
    reach.fill(plan.radius, 0, count);
    if (plan.wider > 0) this.widen(tables, query, plan);
    for (let table = 0; table < count; table += 1) this.sink ^= tables.touch(table, starts, ends, table * maxBall, table * maxBall + ballSizes[reach[table]!]!);
    // Every counter starts at 4 − threshold, so that a candidate is always a counter reaching 4.
    const words32 = (tables.count >>> 5) + 1;
    this.low.fill((4 - plan.threshold) & 1 ? 0xffffffff : 0, 0, words32);
    this.high.fill((4 - plan.threshold) & 2 ? 0xffffffff : 0, 0, words32);
    this.candidateCount = 0;
    for (let d = 0; d <= plan.radius + (plan.wider > 0 ? 1 : 0); d += 1) {
      for (let table = 0; table < count; table += 1) {
        if (d > reach[table]!) continue;
        const saving = reach[table]! + 1 - d;
        const entries = tables.entriesOf(table);
        const first = table * maxBall + (d === 0 ? 0 : ballSizes[d - 1]!);
        const last = table * maxBall + ballSizes[d]!;
        if (saving >= plan.threshold) this.takeAll(entries, first, last);
        else if (saving === 1) this.addOne(entries, first, last);
        else this.addSaving(entries, first, last, saving);
      }
    }
    const { candidates, candidateCount, taken } = this;
    for (let i = 0; i < candidateCount; i += 1) taken[candidates[i]! >>> 5] = 0; // a bit is taken exactly when its slot is a candidate
    // The same trick as locate: read every candidate's first word back to back, then check.
    let touched = 0;
    for (let i = 0; i < candidateCount; i += 1) touched ^= hashes[candidates[i]! * words]!;
    this.sink ^= touched;
    for (let i = 0; i < candidateCount; i += 1) {
      const distance = distanceWithin(hashes, words, candidates[i]!, query, maxDistance);
      if (distance >= 0) hits.push(candidates[i]!, distance);
    }
  }

  /** Bytes held by the buffers. */
  memoryBytes(): number {
    return this.low.byteLength * 3 + this.candidates.byteLength + this.starts.byteLength * 2;
  }

  /**
   * Probes one bit further in the first `wider` tables. (Choosing the tables whose nearer balls
   * hold the fewest entries instead made no difference on random or gallery-like hashes, whose
   * substrings are spread evenly.)
   */
  private widen(tables: BucketTables, query: Uint32Array, plan: SearchPlan): void {
    for (let table = 0; table < plan.wider; table += 1) {
      this.reach[table] = plan.radius + 1;
      tables.locate(table, substringOf(query, 0, table), ballSizes[plan.radius]!, ballSizes[plan.radius + 1]!, this.starts, this.ends, table * maxBall);
    }
  }

  /** Hits that alone reach the threshold. */
  private takeAll(entries: Uint32Array, first: number, last: number): void {
    const { starts, ends } = this;
    for (let k = first; k < last; k += 1) for (let at = starts[k]!, end = ends[k]!; at < end; at += 1) this.take(entries[at]!);
  }

  /**
   * Hits of saving 1, the bulk of the entries: a counter at 0 or 2 (bit 0 clear) goes up by
   * setting bit 0, one at 1 goes to 2, one at 3 is taken.
   */
  private addOne(entries: Uint32Array, first: number, last: number): void {
    const { starts, ends, low, high } = this;
    for (let k = first; k < last; k += 1) {
      for (let at = starts[k]!, end = ends[k]!; at < end; at += 1) {
        const slot = entries[at]!;
        const word = slot >>> 5;
        const bit = 1 << (slot & 31);
        const before = low[word]!;
        if ((before & bit) === 0) {
          low[word] = before | bit;
          continue;
        }
        if ((high[word]! & bit) === 0) {
          low[word] = before & ~bit;
          high[word]! |= bit;
          continue;
        }
        this.take(slot);
      }
    }
  }

  /** Any other hit: adds its saving to the counter, taking the slot once it reaches 4. */
  private addSaving(entries: Uint32Array, first: number, last: number, saving: number): void {
    const { starts, ends, low, high } = this;
    for (let k = first; k < last; k += 1) {
      for (let at = starts[k]!, end = ends[k]!; at < end; at += 1) {
        const slot = entries[at]!;
        const word = slot >>> 5;
        const bit = 1 << (slot & 31);
        const saved = ((low[word]! & bit) !== 0 ? 1 : 0) + ((high[word]! & bit) !== 0 ? 2 : 0) + saving;
        if (saved >= 4) {
          this.take(slot);
          continue;
        }
        low[word] = (saved & 1) !== 0 ? low[word]! | bit : low[word]! & ~bit;
        high[word] = (saved & 2) !== 0 ? high[word]! | bit : high[word]! & ~bit;
      }
    }
  }

  private take(slot: number): void {
    const word = slot >>> 5;
    const bit = 1 << (slot & 31);
    const done = this.taken[word]!;
    if ((done & bit) !== 0) return;
    this.taken[word] = done | bit;
    if (this.candidateCount === this.candidates.length) {
      const grown = new Uint32Array(this.candidates.length * 2);
      grown.set(this.candidates);
      this.candidates = grown;
    }
    this.candidates[this.candidateCount++] = slot;
  }

  /** Sizes the bitsets to the tables' slots and the per-table buffers to their count. */
  private fit(tables: BucketTables): void {
    if (this.low.length * 32 <= tables.count) {
      const words = Math.ceil(Math.max(tables.count + 1, this.low.length * 64) / 32);
      this.low = new Uint32Array(words);
      this.high = new Uint32Array(words);
      this.taken = new Uint32Array(words);
    }
    if (this.reach.length < tables.tableCount) {
      this.starts = new Uint32Array(tables.tableCount * maxBall);
      this.ends = new Uint32Array(tables.tableCount * maxBall);
      this.reach = new Uint8Array(tables.tableCount);
    }
  }
}
