/**
 * A text-only listing batch through the platform (JSON-lines upload, batch workflow, chunk
 * activities, verdicts stored, escalations started as their own workflows) against the text
 * detectors alone on the same listings in this process, in the same run. The aim: the batch at
 * 25% or more of the detectors' rate, so that orchestration costs less than detection.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pLimit from 'p-limit';
import { composePicture } from '../../fixtures/listing-screening/images/compose.ts';
import { DEFAULT_LISTING_SCREENING_PARAMETERS } from '../../core/listingScreening.ts';
import { fingerprintImage } from '../../workers/detectors/listingImages/fingerprint.ts';
import { screenListingText } from '../../workers/detectors/listingText/screenListingText.ts';
import { evaluatePolicy, type PolicyRules } from '../../workers/policy/policy.ts';
import shippedPolicy from '../../workers/policy/listingScreeningPolicy.v1.json' with { type: 'json' };
import { loadListingSet } from '../eval/listingEvaluation.ts';
import { batchWorkflowId } from '../../workflows/names.ts';
import { batchTimeline, printTimeline } from './batchTimeline.ts';
import { startBenchPlatform } from './environment.ts';

const fixtures = new URL('../../fixtures/listing-screening/', import.meta.url);
/** Pictures drawn for the image batch, served in turn (each listing fetches and hashes its own copy). */
const DISTINCT_PICTURES = 50;
const IMAGE_BASELINE_IN_FLIGHT = 8;
/** Seconds of detector passes the text baseline takes its best from. */
const DETECTOR_SECONDS = 3;

/**
 * Two mixes: a marketplace-like one where one listing in fifty is flagged, and the labelled set
 * as it is (about half its listings are flagged and four in ten open a case, so it measures
 * review workflows as much as the batch). `BENCH_BATCH_MIX=marketplace` runs the first alone.
 */
type BenchPlatform = Awaited<ReturnType<typeof startBenchPlatform>>;
type ListingSet = ReturnType<typeof loadListingSet>;
type Line = Record<string, unknown>;

/**
 * Two mixes: a marketplace-like one where one listing in fifty is flagged, and the labelled set
 * as it is (about half its listings are flagged and four in ten open a case, so it measures
 * review workflows as much as the batch).
 */
export function listingBatchMixes({ listings }: ListingSet): [string, (index: number) => ListingSet['listings'][number]][] {
  const flagged = listings.filter((entry) => entry.flagged);
  const clean = listings.filter((entry) => !entry.flagged);
  return [
    ['one in fifty flagged', (index) => (index % 50 === 49 ? flagged[index % flagged.length]! : clean[index % clean.length]!)],
    ['the labelled set (half flagged)', (index) => listings[index % listings.length]!],
  ];
}

/** `size` upload lines of a mix, each listing id made unique by `prefix` and its line number. */
export function listingBatchLines(pick: ReturnType<typeof listingBatchMixes>[number][1], size: number, prefix = ''): Line[] {
  return Array.from({ length: size }, (_, index) => {
    const entry = pick(index);
    return { listingId: `${prefix}${entry.id}-${index}`, ...entry.listing };
  });
}

/** The fixture brand catalog, through the API. */
export async function putBrandCatalog(platform: BenchPlatform): Promise<void> {
  const catalog = JSON.parse(readFileSync(new URL('brands.json', fixtures), 'utf8')) as Record<string, unknown>[];
  for (const { key, name, aliases, category, referencePrice, authorizedSellerIds } of catalog) {
    await fetch(`${platform.url}/v1/brands/${String(key)}`, { method: 'PUT', headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ name, aliases, category, referencePrice, authorizedSellerIds }) });
  }
}

/**
 * Uploads one batch and polls its progress until it is completed: seconds from upload to
 * completed, its counts, and its workflow id and the times its timeline needs.
 */
export async function runListingBatch(platform: BenchPlatform, batch: Record<string, unknown>[]) {
  const auth = { authorization: `Bearer ${platform.apiKey}` };
  const started = performance.now();
  const startedAt = Date.now();
  // answered when the batch ends (?wait: its end is notified, not polled for), or at the wait's end
  const response = await fetch(`${platform.url}/v1/listing-screening-batches?wait=30`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/x-ndjson', 'idempotency-key': randomUUID() },
    body: batch.map((line) => JSON.stringify(line)).join('\n'),
  });
  if (response.status !== 200 && response.status !== 202) throw new Error(`batch refused: ${response.status} ${await response.text()}`);
  const answer = (await response.json()) as { id: string; status: string; done: number; failed: number; createdAt: string };
  const { id } = answer;
  // the intake's answer was the batch's row written (same machine, same clock)
  const uploadedAt = Date.parse(answer.createdAt);
  if (answer.status === 'completed') return { seconds: (performance.now() - started) / 1000, workflowId: batchWorkflowId('listing_screening', id), times: { startedAt, uploadedAt, observedAt: Date.now() }, ...answer };
  for (;;) {
    const progress = (await (await fetch(`${platform.url}/v1/listing-screening-batches/${id}`, { headers: auth })).json()) as { status: string; done: number; failed: number };
    if (progress.status === 'completed') {
      return { seconds: (performance.now() - started) / 1000, workflowId: batchWorkflowId('listing_screening', id), times: { startedAt, uploadedAt, observedAt: Date.now() }, ...progress };
    }
    if (progress.status === 'failed') throw new Error(`batch ${id} failed: ${JSON.stringify(progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `BENCH_BATCH_MIX=marketplace` runs the first mix alone. */
export async function benchListingBatch(size = Number(process.env.BENCH_BATCH_SIZE ?? 2000)): Promise<void> {
  const set = loadListingSet();
  const mixes = listingBatchMixes(set);
  for (const [name, pick] of process.env.BENCH_BATCH_MIX === 'marketplace' ? mixes.slice(0, 1) : mixes) {
    await benchOneMix(name, listingBatchLines(pick, size), set.brands);
  }
}

async function benchOneMix(name: string, lines: Line[], brands: ListingSet['brands']): Promise<void> {
  const size = lines.length;

  // The detectors alone, with the policy's verdict, over the same listings: the best pass of
  // those run in DETECTOR_SECONDS after one warm-up pass (a pass of 2,000 listings is a fifth of a
  // second, short enough for one pause of the machine to halve it).
  const parameters = { ...DEFAULT_LISTING_SCREENING_PARAMETERS, ...((shippedPolicy as PolicyRules).parameters ?? {}) };
  const detectorPass = () => {
    const started = performance.now();
    for (const line of lines) void evaluatePolicy(shippedPolicy as PolicyRules, screenListingText(line as never, brands, parameters).signals);
    return size / ((performance.now() - started) / 1000);
  };
  detectorPass();
  let detectorRate = 0;
  for (const until = performance.now() + DETECTOR_SECONDS * 1000; performance.now() < until || detectorRate === 0; ) detectorRate = Math.max(detectorRate, detectorPass());

  const platform = await startBenchPlatform({ workers: true, documents: false });
  try {
    await putBrandCatalog(platform);
    // warm the worker, the workflow cache and the brand catalog
    await runListingBatch(platform, lines.slice(0, 50).map((line) => ({ ...line, listingId: `warm-${String(line.listingId)}` })));
    const run = await runListingBatch(platform, lines);
    const batchRate = size / run.seconds;
    const escalated = await platform.prisma.verdictRecord.count({ where: { outcome: 'escalate', subjectType: 'listing_screening' } });
    console.log(`\n== Listing batch, text only, ${name}: ${size} listings through the API, one worker, dev Temporal server ==`);
    console.log(`batch:           ${batchRate.toFixed(0)} listings/s upload to completed (${run.seconds.toFixed(1)} s; ${run.done} done, ${run.failed} failed; ${escalated} cases opened, warm-up included)`);
    console.log(`detectors alone: ${detectorRate.toFixed(0)} listings/s (text detectors and the policy, one core, this process)`);
    console.log(`ratio batch/detectors: ${((100 * batchRate) / detectorRate).toFixed(1)}% (aim: at least 25%)`);
    printTimeline(await batchTimeline(platform.temporal, run.workflowId, run.times));
  } finally {
    await platform.close();
  }
}


/**
 * A batch whose listings carry one picture each (a marketplace-like text mix; the pictures served
 * over HTTP from this process, as a marketplace's CDN would), against decoding and fingerprinting
 * the same pictures alone in this process, in the same run: `fingerprintImage` (sharp's decode and
 * the fingerprint's hashes), one at a time and IMAGE_BASELINE_IN_FLIGHT at once, the faster of the
 * two. The aim: the batch at 50% or more of that rate. BENCH_BATCH_SIZE listings (500).
 */
export async function benchListingBatchImages(size = Number(process.env.BENCH_BATCH_SIZE ?? 500)): Promise<void> {
  const { listings } = loadListingSet();
  const flagged = listings.filter((entry) => entry.flagged);
  const clean = listings.filter((entry) => !entry.flagged);
  const pictures = await Promise.all(Array.from({ length: DISTINCT_PICTURES }, (_, seed) => composePicture(7000 + seed)));
  const pictureOf = (index: number) => pictures[index % pictures.length]!;

  // The baseline: the same pictures, decoded and fingerprinted alone.
  const baselinePass = async (inFlight: number, count = size) => {
    const limit = pLimit(inFlight);
    const started = performance.now();
    await Promise.all(Array.from({ length: count }, (_, index) => limit(() => fingerprintImage(pictureOf(index)))));
    return count / ((performance.now() - started) / 1000);
  };
  await baselinePass(IMAGE_BASELINE_IN_FLIGHT, DISTINCT_PICTURES);
  const baselineRate = Math.max(await baselinePass(1), await baselinePass(IMAGE_BASELINE_IN_FLIGHT));

  const server = http.createServer((request, response) => {
    const index = Number(/^\/pictures\/(\d+)\.jpg$/.exec(request.url ?? '')?.[1] ?? Number.NaN);
    if (!Number.isInteger(index)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'image/jpeg' }).end(pictureOf(index));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const lines = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, index) => {
      const entry = index % 50 === 49 ? flagged[index % flagged.length]! : clean[index % clean.length]!;
      return { listingId: `${prefix}${entry.id}-${index}`, ...entry.listing, images: [{ url: `http://127.0.0.1:${port}/pictures/${index}.jpg` }] };
    });
  const platform = await startBenchPlatform({ workers: true, documents: false });
  try {
    await putBrandCatalog(platform);
    await runListingBatch(platform, lines('warm-', 20));
    const run = await runListingBatch(platform, lines('', size));
    const batchRate = size / run.seconds;
    const stored = await platform.prisma.listingImage.count({ where: { status: 'stored', screening: { listingId: { not: { startsWith: 'warm-' } } } } });
    console.log(`\n== Listing batch, one picture per listing: ${size} listings through the API (pictures over HTTP), one worker, dev Temporal server ==`);
    console.log(`batch:              ${batchRate.toFixed(1)} listings/s upload to completed (${run.seconds.toFixed(1)} s; ${run.done} done, ${run.failed} failed; ${stored} pictures stored)`);
    console.log(`decode+fingerprint: ${baselineRate.toFixed(1)} pictures/s (fingerprintImage alone on the same pictures, this process, the faster of 1 and ${IMAGE_BASELINE_IN_FLIGHT} at once)`);
    console.log(`ratio batch/decode+fingerprint: ${((100 * batchRate) / baselineRate).toFixed(1)}% (aim: at least 50%)`);
    printTimeline(await batchTimeline(platform.temporal, run.workflowId, run.times));
  } finally {
    await platform.close();
    server.close();
  }
}
