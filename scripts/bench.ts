/**
 * `npm run bench`: speed figures, each reported beside a baseline measured in the same run
 * (machines here are shared and noisy; ratios travel, absolute times do not).
 *
 * 1. OCR + MRZ per document image, and documents per second with 50 submitted at once, against
 *    decoding the same images with sharp.
 * 2. End-to-end time from POST to an automatic verdict, against the system-probe round trip.
 * 3. Submission endpoint throughput and p99 under concurrent load, against GET /healthz and
 *    against bare workflow starts on the same Temporal server (what a submission waits on).
 * 4. Listing images (`npm run bench -- listing-images [--usearch-1m] [--index-only]`): gallery index against a
 *    linear scan and usearch at 10k, 100k and 1M hashes; hashing time against decode and sharp-phash.
 * 5. Content screening (`-- content`, scripts/bench/content.ts): candidate lookup with many posts
 *    indexed, near-duplicate recall and precision, MinHash speed against the npm package.
 * 6. Probation: events per second through the API into running probation workflows (p99 against
 *    GET /healthz), and a probation's history after a simulated month (scripts/bench/probation.ts).
 * 7. Listing text screenings per second (`-- listings`, detectors alone), against a naive substring
 *    search; `-- listings-e2e`: listings per second through the API, text only and with a picture,
 *    against system probes.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import autocannon from 'autocannon';
import sharp from 'sharp';
import { createDocumentReader } from '../workers/documents/readDocument.ts';
import { contentBench } from './bench/content.ts';
import { startBenchPlatform } from './bench/environment.ts';
import { benchListingEndToEnd } from './bench/listingEndToEnd.ts';
import { benchListingText } from './bench/listingText.ts';
import { listingImagesBench } from './bench/listingImages.ts';
import { probationBench } from './bench/probation.ts';
import { ms, quantile } from './bench/stats.ts';

const fixtures = new URL('../fixtures/seller-vetting/documents/', import.meta.url);
const wideFixtures = new URL('../fixtures/seller-vetting/documents-wide/', import.meta.url);
const labels = JSON.parse(readFileSync(new URL('labels.json', fixtures), 'utf8')) as { images: { file: string; declared: { legalName: string; dateOfBirth: string }; expectedSignals: string[] }[] };

/** Every document image of both labelled sets. */
function documentImages(): Buffer[] {
  return [fixtures, wideFixtures].flatMap((folder) => readdirSync(folder).filter((name) => name.endsWith('.jpg')).sort().map((name) => readFileSync(new URL(name, folder))));
}

async function documentReading(): Promise<void> {
  const images = documentImages();
  const reader = createDocumentReader({ maxPixels: 40_000_000 });
  await Promise.all([reader.read(images[0]!), reader.read(images[1]!)]); // start the OCR workers

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
  console.log(`read:   median ${ms(quantile(ocr, 0.5))}, p95 ${ms(quantile(ocr, 0.95))}`);
  console.log(`decode: median ${ms(quantile(decode, 0.5))} (baseline: sharp decode + grayscale)`);
  console.log(`ratio read/decode (median): ${(quantile(ocr, 0.5) / quantile(decode, 0.5)).toFixed(1)}x`);

  // 50 documents submitted at once, as 50 vettings arriving together would queue on the
  // documents worker (two activities at a time, its default).
  const burst = Array.from({ length: 50 }, (_, index) => images[(index * 7) % images.length]!);
  const throughput = async (work: (image: Buffer) => Promise<unknown>) => {
    const queue = [...burst];
    const started = performance.now();
    await Promise.all([0, 1].map(async () => {
      for (let image = queue.shift(); image; image = queue.shift()) await work(image);
    }));
    return burst.length / ((performance.now() - started) / 1000);
  };
  const readRate = await throughput((image) => reader.read(image));
  const decodeRate = await throughput((image) => sharp(image).grayscale().raw().toBuffer());
  await reader.close();
  console.log(`\n== Documents screened per second (50 submitted at once, 2 at a time) ==`);
  console.log(`read:   ${readRate.toFixed(2)} documents/s`);
  console.log(`decode: ${decodeRate.toFixed(1)} images/s (baseline: sharp decode + grayscale)`);
  console.log(`ratio decode/read: ${(decodeRate / readRate).toFixed(1)}x`);
}

function applicant(file: string) {
  const label = labels.images.find((image) => image.file === file)!;
  const id = randomUUID().slice(0, 8);
  return {
    sellerId: `bench-${id}`, applicantType: 'individual', legalName: label.declared.legalName, dateOfBirth: label.declared.dateOfBirth,
    email: `bench-${id}@example.test`, phone: `+4420${String(parseInt(id, 16) % 1e8).padStart(8, '0')}`, country: 'GB',
    address: { line1: '1 Bench Road', city: 'London', postalCode: 'N1 1AA', country: 'GB' },
    payoutAccountFingerprint: `payout-${id}`, deviceFingerprint: `device-${id}`,
    document: { kind: file.startsWith('td1') ? 'id_card' : 'passport', imageBase64: readFileSync(new URL(file, fixtures)).toString('base64') },
  };
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
    const files = labels.images.filter((image) => image.expectedSignals.join() === 'document.verified').map((image) => image.file).slice(0, 10);
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
    console.log(`vetting:      median ${ms(quantile(verdicts, 0.5))}, p95 ${ms(quantile(verdicts, 0.95))}`);
    console.log(`system probe: median ${ms(quantile(probes, 0.5))} (baseline: one-activity workflow round trip)`);
    console.log(`ratio vetting/probe (median): ${(quantile(verdicts, 0.5) / quantile(probes, 0.5)).toFixed(1)}x`);
  } finally {
    await platform.close();
  }
}

async function load(url: string, options: Partial<autocannon.Options>) {
  return await autocannon({ url, connections: 8, duration: 8, ...options });
}

async function submissionLoad(): Promise<void> {
  // No workers: this measures the endpoint (validation, image checks, encryption, transaction,
  // workflow start), not the processing behind it.
  const platform = await startBenchPlatform({ workers: false });
  try {
    const file = labels.images[0]!.file;
    const health = await load(`${platform.url}/healthz`, {});
    const submit = await load(`${platform.url}/v1/seller-vettings`, {
      method: 'POST',
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            body: JSON.stringify(applicant(file)),
          }),
        },
      ],
    });
    // What one of those requests waits on that is not the API: starting its workflow. Bare starts
    // at the same concurrency on the same server (nothing polls their queue).
    const starts: number[] = [];
    const startsUntil = performance.now() + 8_000;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (performance.now() < startsUntil) {
        const started = performance.now();
        await platform.temporal.workflow.start('benchNothing', { taskQueue: `${platform.taskQueue}-bench-idle`, workflowId: `bench-start-${randomUUID()}` });
        starts.push(performance.now() - started);
      }
    }));
    const startRate = starts.length / 8;
    console.log('\n== Submission endpoint under load (8 connections, 8 s each) ==');
    console.log(`POST /v1/seller-vettings: ${submit.requests.average.toFixed(1)} req/s, p99 ${submit.latency.p99} ms, non-2xx ${submit.non2xx}, errors ${submit.errors}`);
    console.log(`GET /healthz (baseline): ${health.requests.average.toFixed(1)} req/s, p99 ${health.latency.p99} ms`);
    console.log(`Temporal workflow start alone (baseline): ${startRate.toFixed(1)} starts/s, p99 ${Math.round(quantile(starts, 0.99))} ms`);
    console.log(`throughput ratio submit/health: ${(submit.requests.average / health.requests.average).toFixed(3)}; p99 ratio: ${(submit.latency.p99 / health.latency.p99).toFixed(1)}x`);
    console.log(`submit/start: throughput ${(submit.requests.average / startRate).toFixed(2)}, p99 ${(submit.latency.p99 / quantile(starts, 0.99)).toFixed(1)}x (the share of a submission that is its workflow start)`);
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
if (!only || only === 'listing-images') await listingImagesBench({ usearchAtMillion: process.argv.includes('--usearch-1m'), indexOnly: process.argv.includes('--index-only') });
if (!only || only === 'content') await contentBench();
if (!only || only.startsWith('probation')) await probationBench(only?.split(':')[1]);
