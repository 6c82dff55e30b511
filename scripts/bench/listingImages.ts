/**
 * `npm run bench -- listing-images`: the gallery index against a linear scan of the same hashes
 * (and against usearch, an approximate k-NN library), on random hashes and on gallery-like ones
 * with realistic queries, and hashing time per picture against decoding it and against
 * sharp-phash, all in one run. `--index-only` measures the index against the scan alone.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import phash from 'sharp-phash';
import { composePicture } from '../../fixtures/listing-screening/images/compose.ts';
import { seededRandom } from '../../fixtures/seededRandom.ts';
import { transformations } from '../../fixtures/listing-screening/images/transformations.ts';
import { hashBytes } from '../../workers/detectors/listingImages/dctHash.ts';
import { fingerprintImage, fingerprintVariants } from '../../workers/detectors/listingImages/fingerprint.ts';
import { HammingIndex, type HammingMatch } from '../../workers/detectors/listingImages/hammingIndex.ts';
import { defaultImageMatchThresholds } from '../../workers/detectors/listingImages/matchImage.ts';
import { debianPictureNames, debianPicturesFolder } from '../debianPictures.ts';
import { percentile } from '../percentile.ts';
import { ms } from './stats.ts';

// usearch's ES module build looks for its compiled library from a path it cannot work out under
// tsx; its CommonJS build finds it.
const usearch = createRequire(import.meta.url)('usearch') as typeof import('usearch');

/** Index searches take fractions of a millisecond. */
const msFine = (value: number) => `${value.toFixed(3)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function randomHashes(count: number, next: () => number): Uint8Array {
  const bytes = new Uint8Array(count * hashBytes);
  for (let i = 0; i < bytes.length; i += 4) {
    const word = Math.floor(next() * 2 ** 32);
    bytes[i] = word >>> 24;
    bytes[i + 1] = (word >>> 16) & 0xff;
    bytes[i + 2] = (word >>> 8) & 0xff;
    bytes[i + 3] = word & 0xff;
  }
  return bytes;
}

/** Half the queries are stored hashes with 0..radius bits flipped (so there is something to find), half are fresh. */
function queriesFor(stored: Uint8Array, count: number, radius: number, next: () => number): Uint8Array[] {
  const total = stored.length / hashBytes;
  return Array.from({ length: count }, (_, i) => {
    if (i % 2 === 1) return randomHashes(1, next);
    const at = Math.floor(next() * total) * hashBytes;
    const query = stored.slice(at, at + hashBytes);
    for (let flip = Math.floor(next() * (radius + 1)); flip > 0; flip -= 1) {
      const bit = Math.floor(next() * hashBytes * 8);
      query[bit >> 3] = query[bit >> 3]! ^ (0x80 >> (bit & 7));
    }
    return query;
  });
}

const sameMatches = (a: HammingMatch[], b: HammingMatch[]) => a.length === b.length && a.every((match, i) => match.id === b[i]!.id && match.distance === b[i]!.distance);

/** Milliseconds of this process's CPU time: steadier than the wall clock on a machine others share. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function timeEach<T>(queries: Uint8Array[], search: (query: Uint8Array) => T): { perQuery: number; results: T[] } {
  const results: T[] = [];
  const started = process.cpuUsage();
  for (const query of queries) results.push(search(query));
  return { perQuery: cpuMs(started) / queries.length, results };
}

function bitsAsFloats(hashes: Uint8Array, from: number, count: number): Float32Array {
  const floats = new Float32Array(count * hashBytes * 8);
  for (let i = 0; i < floats.length; i += 1) floats[i] = (hashes[from * hashBytes + (i >> 3)]! >> (7 - (i & 7))) & 1;
  return floats;
}

/** usearch's HNSW over the same hashes: time per query and the share of the scan's matches its top 16 holds. */
function usearchFigures(hashes: Uint8Array, count: number, queries: Uint8Array[], truth: HammingMatch[][], radius: number) {
  const index = new usearch.Index({ metric: usearch.MetricKind.Hamming, dimensions: hashBytes * 8, quantization: usearch.ScalarKind.B1, connectivity: 0, expansion_add: 0, expansion_search: 0, multi: false });
  const started = performance.now();
  for (let from = 0; from < count; from += 10_000) {
    const chunk = Math.min(10_000, count - from);
    index.add(BigUint64Array.from({ length: chunk }, (_, i) => BigInt(from + i)), bitsAsFloats(hashes, from, chunk));
  }
  const buildMs = performance.now() - started;
  const folder = mkdtempSync(path.join(tmpdir(), 'usearch-'));
  index.save(path.join(folder, 'index.usearch'));
  const bytes = statSync(path.join(folder, 'index.usearch')).size;
  rmSync(folder, { recursive: true });
  let wanted = 0;
  let found = 0;
  const searchStarted = process.cpuUsage();
  for (const [q, query] of queries.entries()) {
    const result = index.search(bitsAsFloats(query, 0, 1), 16, 1);
    const keys = new Set(Array.from(result.keys, (key, i) => (result.distances[i]! <= radius ? `h${key}` : '')));
    wanted += truth[q]!.length;
    found += truth[q]!.filter((match) => keys.has(match.id)).length;
  }
  return { perQuery: cpuMs(searchStarted) / queries.length, buildMs, bytes, recall: wanted ? found / wanted : 1 };
}

/**
 * Hashes as a gallery holds them: each picture is indexed under ten variants (whole, trimmed,
 * mirrored, crops) whose hashes lie near one another, modelled as a random base and nine copies
 * with 8-60 bits flipped.
 */
function galleryLikeHashes(count: number, next: () => number): Uint8Array {
  const bytes = randomHashes(count, next);
  for (let at = 0; at < count; at += 1) {
    if (at % 10 === 0) continue;
    const base = (at - (at % 10)) * hashBytes;
    bytes.copyWithin(at * hashBytes, base, base + hashBytes);
    flipDistinct(bytes.subarray(at * hashBytes, (at + 1) * hashBytes), 8 + Math.floor(next() * 53), next);
  }
  return bytes;
}

function flipDistinct(hash: Uint8Array, count: number, next: () => number): void {
  const flipped = new Set<number>();
  while (flipped.size < count) flipped.add(Math.floor(next() * hashBytes * 8));
  for (const bit of flipped) hash[bit >> 3] = hash[bit >> 3]! ^ (0x80 >> (bit & 7));
}

/** What listings send: half are copies of an indexed hash edited by exactly 0-40 bits (a re-used gallery picture), half unrelated pictures. */
function realisticQueries(stored: Uint8Array, count: number, next: () => number): Uint8Array[] {
  const total = stored.length / hashBytes;
  return Array.from({ length: count }, (_, i) => {
    if (i % 2 === 1) return randomHashes(1, next);
    const at = Math.floor(next() * total) * hashBytes;
    const query = stored.slice(at, at + hashBytes);
    flipDistinct(query, Math.floor(next() * 41), next);
    return query;
  });
}

function buildIndex(hashes: Uint8Array, count: number): { index: HammingIndex; buildMs: number } {
  const index = new HammingIndex();
  const started = performance.now();
  for (let i = 0; i < count; i += 1) index.add(`h${i}`, hashes.subarray(i * hashBytes, (i + 1) * hashBytes));
  index.search(hashes.subarray(0, hashBytes), 0); // merges the added hashes into the tables
  return { index, buildMs: performance.now() - started };
}

/**
 * The index against the scan on the same queries, in alternating rounds: the machines here are
 * shared, so one ratio is one sample of the load; the median and the range of the rounds say more.
 */
function compareWithScan(index: HammingIndex, queries: Uint8Array[], radius: number, rounds: number) {
  // a few searches first, so both paths are compiled before they are timed
  for (const query of queries.slice(0, 10)) {
    index.search(query, radius);
    index.searchLinear(query, radius);
  }
  const scans: number[] = [];
  const searches: number[] = [];
  let identical = true;
  let linear = timeEach(queries, (query) => index.searchLinear(query, radius));
  for (let round = 0; round < rounds; round += 1) {
    if (round > 0) linear = timeEach(queries, (query) => index.searchLinear(query, radius));
    const indexed = timeEach(queries, (query) => index.search(query, radius));
    identical &&= indexed.results.every((result, i) => sameMatches(result, linear.results[i]!));
    scans.push(linear.perQuery);
    searches.push(indexed.perQuery);
  }
  const ratios = scans.map((scan, i) => scan / searches[i]!);
  return {
    linear,
    row: {
      'index / query': msFine(percentile(searches, 0.5)),
      'scan / query': msFine(percentile(scans, 0.5)),
      'speed-up': `${percentile(ratios, 0.5).toFixed(1)}x (${Math.min(...ratios).toFixed(1)}-${Math.max(...ratios).toFixed(1)})`,
      identical: identical ? 'yes' : 'NO',
      matches: String(linear.results.reduce((sum, result) => sum + result.length, 0)),
    },
  };
}

async function indexSearch(options: { usearch: boolean; usearchAtMillion: boolean }): Promise<void> {
  // The matcher searches up to the unsure threshold; 31 bits (PDQ's customary match threshold) for comparison.
  const radii = [defaultImageMatchThresholds.unsure, 31];
  console.log(`\n== Gallery index: every hash within r bits (of 256), against a linear scan of the same hashes (CPU time per query) ==`);
  const { next } = seededRandom(2026);
  const rows: Record<string, Record<string, string>> = {};
  for (const count of [10_000, 100_000, 1_000_000]) {
    const queryCount = count >= 1_000_000 ? 200 : 400;
    const rounds = 5;
    let hashes = randomHashes(count, next);
    let { index, buildMs } = buildIndex(hashes, count);
    const raw = count * hashBytes;
    const memoryRow = () => {
      const memory = index.memoryBytes();
      return { 'build (add + merge)': ms(buildMs), 'hashes + tables / raw': `${((memory.hashes + memory.tables) / raw).toFixed(2)}x`, 'ids (estimate)': mb(memory.ids) };
    };
    for (const radius of radii) {
      const queries = queriesFor(hashes, queryCount, radius, next);
      const { linear, row: compared } = compareWithScan(index, queries, radius, rounds);
      const row: Record<string, string> = { ...compared, ...memoryRow() };
      if (options.usearch && radius === radii[0] && (count < 1_000_000 || options.usearchAtMillion)) {
        const external = usearchFigures(hashes, count, queries, linear.results, radius);
        row['usearch / query'] = ms(external.perQuery);
        row['usearch recall'] = `${(external.recall * 100).toFixed(1)}%`;
        row['usearch build'] = ms(external.buildMs);
        row['usearch size / raw'] = `${(external.bytes / raw).toFixed(2)}x`;
      }
      rows[`random ${count.toLocaleString('en')}, r ${radius}`] = row;
    }
    hashes = galleryLikeHashes(count, next);
    ({ index, buildMs } = buildIndex(hashes, count));
    const radius = defaultImageMatchThresholds.unsure;
    const { row } = compareWithScan(index, realisticQueries(hashes, queryCount, next), radius, rounds);
    rows[`gallery-like ${count.toLocaleString('en')}, r ${radius}`] = { ...row, ...memoryRow() };
  }
  console.table(rows);
  console.log('Times are medians of 5 alternating rounds of scan and index; speed-up is the median ratio of a round (lowest-highest).');
  console.log('random: uniformly random 256-bit hashes; half the queries are stored hashes with up to r bits flipped, half fresh.');
  console.log('gallery-like: groups of ten hashes 8-60 bits from their base (the variants of one picture); half the queries are stored hashes with exactly 0-40 bits flipped, half fresh.');
  if (options.usearch) console.log('usearch: top 16 by HNSW, one thread, at the first r.');
}

async function timeHashing(title: string, pictures: Buffer[]): Promise<void> {
  for (const picture of pictures.slice(0, 3)) await Promise.all([fingerprintImage(picture), phash(picture), sharp(picture).raw().toBuffer()]);
  const decode: number[] = [];
  const fingerprint: number[] = [];
  const baseline: number[] = [];
  for (const picture of pictures) {
    let started = performance.now();
    await sharp(picture).raw().toBuffer();
    decode.push(performance.now() - started);
    started = performance.now();
    await fingerprintImage(picture);
    fingerprint.push(performance.now() - started);
    started = performance.now();
    await phash(picture);
    baseline.push(performance.now() - started);
  }
  console.log(`\n== Hashing one picture (${pictures.length} ${title}, one at a time) ==`);
  console.log(`fingerprint (${fingerprintVariants.length} hashes of 256 bits): median ${ms(percentile(fingerprint, 0.5))}, p95 ${ms(percentile(fingerprint, 0.95))}`);
  console.log(`decode (sharp, full size, baseline): median ${ms(percentile(decode, 0.5))}`);
  console.log(`sharp-phash (one 64-bit hash):      median ${ms(percentile(baseline, 0.5))}`);
  console.log(`ratios (median): fingerprint/decode ${(percentile(fingerprint, 0.5) / percentile(decode, 0.5)).toFixed(2)}x, fingerprint/sharp-phash ${(percentile(fingerprint, 0.5) / percentile(baseline, 0.5)).toFixed(2)}x`);
}

async function hashingTime(): Promise<void> {
  const composed: Buffer[] = [];
  for (let seed = 1; seed <= 24; seed += 1) {
    const picture = await composePicture(seed);
    composed.push(seed % 2 === 0 ? await transformations['jpeg-low'](picture, seed) : picture);
  }
  await timeHashing('composed pictures of 600-1000 px, PNG and JPEG', composed);
  // Real photographs at up to 1600 px: decoding weighs more there than on the composed pictures.
  const folder = debianPicturesFolder();
  const photos = await Promise.all(debianPictureNames().map((name) => readFile(path.join(folder, name))));
  await timeHashing('Debian pictures of up to 1600 px, JPEG', photos);
}

export async function listingImagesBench(options: { usearchAtMillion: boolean; indexOnly: boolean; hashingOnly?: boolean }): Promise<void> {
  if (!options.indexOnly) await hashingTime();
  if (options.hashingOnly) return;
  await indexSearch({ usearch: !options.indexOnly, usearchAtMillion: options.usearchAtMillion });
}
