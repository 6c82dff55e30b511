/**
 * `npm run bench`: speed figures, each reported beside a baseline measured in the same run
 * (machines here are shared and noisy; ratios travel, absolute times do not).
 *
 * 1. OCR + MRZ per document image, and documents per second with 50 submitted at once, against
 *    decoding the same images with sharp.
 * 2. End-to-end time from POST to an automatic verdict, against the system-probe round trip.
 * 3. Submission endpoints under concurrent load with no worker polling (intake alone): every
 *    endpoint's throughput and p99, each against GET /healthz measured just before it, and against
 *    bare workflow starts on the same Temporal server (scripts/bench/submissionLoad.ts); `-- load-cluster`
 *    the same on the Temporal server backed by PostgreSQL (see 9).
 * 4. Listing images (`npm run bench -- listing-images [--usearch-1m] [--index-only | --hashing-only]`): gallery index against a
 *    linear scan and usearch at 10k, 100k and 1M hashes; hashing time against decode and sharp-phash.
 * 5. Content screening (`-- content`, scripts/bench/content.ts): candidate lookup with many posts
 *    indexed, near-duplicate recall and precision, MinHash speed against the npm package.
 * 6. Probation: events per second through the API into running probation workflows (p99 against
 *    GET /healthz), and a probation's history after a simulated month (scripts/bench/probation.ts).
 * 7. Listing text screenings per second (`-- listings`, detectors alone), against a naive substring
 *    search; `-- listings-e2e`: listings per second through the API, text only and with a picture,
 *    against system probes; `-- listings-batch`: a text-only batch of BENCH_BATCH_SIZE (2,000)
 *    listings through the platform against the text detectors alone (scripts/bench/listingBatch.ts);
 *    `-- listings-batch-images`: a batch of BENCH_BATCH_SIZE (500) listings with one picture each
 *    against decoding and fingerprinting the same pictures alone;
 *    `-- content-batch`: a backfill of BENCH_BATCH_SIZE posts through the platform against the
 *    content detectors alone over the in-memory store (scripts/bench/contentBatch.ts).
 * 8. Authenticity checks (`-- authenticity`, scripts/bench/authenticity.ts): code-only checks per
 *    second through the API against system probes; a registry of 10 million codes loaded in SQL,
 *    lookup p50/p99 through the API against a primary-key read; the import rate of 100,000-line
 *    uploads against one set-based INSERT. Its database (and the codes) is dropped at the end.
 * 9. Scale-out (`-- cluster`, only when named: it builds the Temporal server from the Go module
 *    proxy like `npm run test:cluster`): listing batches on Temporal with PostgreSQL with one bulk
 *    worker process, then two, and the ratio (scripts/bench/clusterScaleOut.ts).
 * 10. The enforcement record (`-- enforcement`, scripts/bench/enforcement.ts): a seller's record
 *    with 100,000 sellers holding a million strikes, p50/p99 against a primary-key read; statements
 *    of reasons exported per second against reading and formatting them alone.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { loadConfig } from '../core/config.ts';
import { createDocumentReader } from '../workers/documents/readDocument.ts';
import { applicant, documentFixtures, documentLabels } from './bench/applicants.ts';
import { authenticityBench } from './bench/authenticity.ts';
import { contentBench } from './bench/content.ts';
import { enforcementBench } from './bench/enforcement.ts';
import { startBenchPlatform } from './bench/environment.ts';
import { withBenchCluster } from './bench/cluster.ts';
import { benchClusterScaleOut } from './bench/clusterScaleOut.ts';
import { benchContentBatch } from './bench/contentBatch.ts';
import { benchListingBatch, benchListingBatchImages } from './bench/listingBatch.ts';
import { benchListingEndToEnd } from './bench/listingEndToEnd.ts';
import { benchListingText } from './bench/listingText.ts';
import { listingImagesBench } from './bench/listingImages.ts';
import { probationBench } from './bench/probation.ts';
import { submissionLoad } from './bench/submissionLoad.ts';
import { percentile } from './percentile.ts';
import { ms } from './bench/stats.ts';

const wideFixtures = new URL('../fixtures/seller-vetting/documents-wide/', import.meta.url);

/** Every document image of both labelled sets. */
function documentImages(): Buffer[] {
  return [documentFixtures, wideFixtures].flatMap((folder) => readdirSync(folder).filter((name) => name.endsWith('.jpg')).sort().map((name) => readFileSync(new URL(name, folder))));
}

async function documentReading(): Promise<void> {
  const images = documentImages();
  // as a documents worker runs it: OCR_THREADS (auto: one per core) Tesseract threads, as many documents at once
  const threads = loadConfig(process.env).OCR_THREADS;
  const reader = createDocumentReader({ maxPixels: 40_000_000, ocrWorkers: threads });
  await Promise.all(images.slice(0, threads).map((image) => reader.read(image))); // start the OCR workers

  // One at a time: time per document, against a plain sharp decode of the same image.
  const sample = images.filter((_, index) => index % 8 === 0);
  const ocr: number[] = [];
  const decode: number[] = [];
  for (const image of sample) {
    let started = performance.now();
    await sharp(image).grayscale().raw().toBuffer();
    decode.push(performance.now() - started);
    started = performance.now();
    await reader.read(image);
    ocr.push(performance.now() - started);
  }
  console.log(`\n== OCR + MRZ per document (${sample.length} images, one at a time) ==`);
  console.log(`read:   median ${ms(percentile(ocr, 0.5))}, p95 ${ms(percentile(ocr, 0.95))}`);
  console.log(`decode: median ${ms(percentile(decode, 0.5))} (baseline: sharp decode + grayscale)`);
  console.log(`ratio read/decode (median): ${(percentile(ocr, 0.5) / percentile(decode, 0.5)).toFixed(1)}x`);

  // 50 documents submitted at once, as 50 vettings arriving together would queue on the
  // documents worker (OCR_THREADS activities at a time).
  const burst = Array.from({ length: 50 }, (_, index) => images[(index * 7) % images.length]!);
  const throughput = async (work: (image: Buffer) => Promise<unknown>) => {
    const queue = [...burst];
    const started = performance.now();
    await Promise.all(Array.from({ length: threads }, async () => {
      for (let image = queue.shift(); image; image = queue.shift()) await work(image);
    }));
    return burst.length / ((performance.now() - started) / 1000);
  };
  const readRate = await throughput((image) => reader.read(image));
  const decodeRate = await throughput((image) => sharp(image).grayscale().raw().toBuffer());
  // the documents of the burst through the API below, each read once alone: their ceiling
  const apiBurst = Array.from({ length: 50 }, (_, index) => documentLabels.images[(index * 7) % documentLabels.images.length]!.file);
  const readAlone = new Map<string, number>();
  for (const file of new Set(apiBurst)) {
    const started = performance.now();
    await reader.read(readFileSync(new URL(file, documentFixtures)));
    readAlone.set(file, performance.now() - started);
  }
  await reader.close();
  console.log(`\n== Documents screened per second (50 submitted at once, ${threads} at a time on ${availableParallelism()} cores) ==`);
  console.log(`read:   ${readRate.toFixed(2)} documents/s`);
  // the most the machine can do: every core reading, each document at its one-at-a-time time (the
  // mean: a burst's throughput is set by its slow documents as much as by the typical one)
  const meanRead = ocr.reduce((sum, value) => sum + value, 0) / ocr.length;
  const ideal = availableParallelism() / (meanRead / 1000);
  console.log(`ratio read/(cores ÷ one document's mean read time, ${ms(meanRead)}): ${(readRate / ideal).toFixed(2)} (aim: at least 0.70)`);
  console.log(`decode: ${decodeRate.toFixed(1)} images/s (baseline: sharp decode + grayscale)`);
  console.log(`ratio decode/read: ${(decodeRate / readRate).toFixed(1)}x`);

  // The same through the platform: 50 vettings posted at once to the API, each answered once its
  // workflow reached its automatic verdict (the document read on the documents worker, the other
  // checks on the main worker), against the ceiling of reading their documents alone.
  const platform = await startBenchPlatform({ workers: true });
  try {
    const headers = { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json' };
    const started = performance.now();
    const ids = await Promise.all(
      apiBurst.map(async (file) => {
        const response = await fetch(`${platform.url}/v1/seller-vettings`, { method: 'POST', headers: { ...headers, 'idempotency-key': randomUUID() }, body: JSON.stringify(applicant(file)) });
        if (response.status !== 202) throw new Error(`vetting refused: ${response.status} ${await response.text()}`);
        return ((await response.json()) as { id: string }).id;
      }),
    );
    // watched in the database, one query for all: polling the API for 50 vettings five times a
    // second would be load of its own on the process being measured (a marketplace hears by webhook)
    const answered = new Map<string, string>();
    while (answered.size < ids.length) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const rows = await platform.prisma.sellerVetting.findMany({ where: { id: { in: ids }, status: { in: ['completed', 'awaiting_review', 'failed'] } }, select: { id: true, status: true } });
      for (const row of rows) answered.set(row.id, row.status);
    }
    const apiRate = ids.length / ((performance.now() - started) / 1000);
    const meanAlone = apiBurst.reduce((sum, file) => sum + readAlone.get(file)!, 0) / apiBurst.length;
    const apiIdeal = availableParallelism() / (meanAlone / 1000);
    const counts = new Map<string, number>();
    for (const status of answered.values()) counts.set(status, (counts.get(status) ?? 0) + 1);
    const statuses = [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
    console.log(`\n== Vettings through the API (50 posted at once, one documents worker with ${threads} OCR threads, main worker, API, dev Temporal server, all in this process) ==`);
    console.log(`vettings: ${apiRate.toFixed(2)}/s posted to automatic verdict (${statuses})`);
    console.log(`ratio vettings/(cores ÷ their documents' mean read time alone, ${ms(meanAlone)}): ${(apiRate / apiIdeal).toFixed(2)} (aim: at least 0.70)`);
  } finally {
    await platform.close();
  }
}

async function poll(url: string, apiKey: string, done: (body: { status: string }) => boolean): Promise<void> {
  for (;;) {
    const body = (await (await fetch(url, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as { status: string };
    if (done(body)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function endToEnd(): Promise<void> {
  const platform = await startBenchPlatform({ workers: true });
  const headers = (key: string) => ({ authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json', 'idempotency-key': key });
  try {
    const files = documentLabels.images.filter((image) => image.expectedSignals.join() === 'document.verified').map((image) => image.file).slice(0, 10);
    const verdicts: number[] = [];
    const probes: number[] = [];
    for (const file of files) {
      let started = performance.now();
      const probe = (await (await fetch(`${platform.url}/v1/system-probes`, { method: 'POST', headers: { authorization: `Bearer ${platform.apiKey}` } })).json()) as { id: string };
      await poll(`${platform.url}/v1/system-probes/${probe.id}`, platform.apiKey, (body) => body.status !== 'running');
      probes.push(performance.now() - started);
      started = performance.now();
      const accepted = (await (await fetch(`${platform.url}/v1/seller-vettings`, { method: 'POST', headers: headers(randomUUID()), body: JSON.stringify(applicant(file)) })).json()) as { id: string };
      await poll(`${platform.url}/v1/seller-vettings/${accepted.id}`, platform.apiKey, (body) => body.status === 'completed' || body.status === 'awaiting_review');
      verdicts.push(performance.now() - started);
    }
    console.log(`\n== End to end: POST to automatic verdict (${files.length} vettings, one at a time) ==`);
    console.log(`vetting:      median ${ms(percentile(verdicts, 0.5))}, p95 ${ms(percentile(verdicts, 0.95))}`);
    console.log(`system probe: median ${ms(percentile(probes, 0.5))} (baseline: one-activity workflow round trip)`);
    console.log(`ratio vetting/probe (median): ${(percentile(verdicts, 0.5) / percentile(probes, 0.5)).toFixed(1)}x`);
  } finally {
    await platform.close();
  }
}

const [only] = process.argv.slice(2);
if (!only || only === 'documents') await documentReading();
if (!only || only === 'e2e') await endToEnd();
if (!only || only === 'load') await submissionLoad();
if (!only || only === 'listings') benchListingText();
if (!only || only === 'listings-e2e') await benchListingEndToEnd();
if (!only || only === 'listings-batch') await benchListingBatch();
if (!only || only === 'listings-batch-images') await benchListingBatchImages();
if (!only || only === 'listing-images') await listingImagesBench({ usearchAtMillion: process.argv.includes('--usearch-1m'), indexOnly: process.argv.includes('--index-only'), hashingOnly: process.argv.includes('--hashing-only') });
if (!only || only === 'content') await contentBench();
if (!only || only === 'content-batch') await benchContentBatch();
if (!only || only.startsWith('probation')) await probationBench(only?.split(':')[1]);
if (!only || only === 'authenticity') await authenticityBench();
if (!only || only === 'enforcement') await enforcementBench();
if (only === 'cluster') await benchClusterScaleOut();
if (only === 'load-cluster') await withBenchCluster('load', (cluster) => submissionLoad(cluster));
