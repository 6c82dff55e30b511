/**
 * Listings per second end to end through the API (POST, workflow, detectors, verdict), text only
 * and with one inline picture (decoded, fingerprinted, matched, read when it can matter), against
 * system probes (a one-activity workflow round trip) pushed through the same platform in the same
 * run. Eight requests in flight, as a marketplace's sender would keep them; then one at a time,
 * the latency of `POST ?wait` (answered when the verdict is written) against a probe's round trip.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pLimit from 'p-limit';
import { composePicture } from '../../fixtures/listing-screening/images/compose.ts';
import type { LabelledListing } from '../../fixtures/listing-screening/generate.ts';
import { percentile } from '../percentile.ts';
import { startBenchPlatform } from './environment.ts';
import { ms } from './stats.ts';

const fixtures = new URL('../../fixtures/listing-screening/', import.meta.url);
const IN_FLIGHT = 8;

async function rate(count: number, one: (index: number) => Promise<void>): Promise<number> {
  const limit = pLimit(IN_FLIGHT);
  const started = performance.now();
  await Promise.all(Array.from({ length: count }, (_, index) => limit(() => one(index))));
  return count / ((performance.now() - started) / 1000);
}

async function until(url: string, apiKey: string, done: (body: { status: string }) => boolean, pollMs = 50): Promise<void> {
  for (;;) {
    const body = (await (await fetch(url, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as { status: string };
    if (done(body)) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Milliseconds each of `count` runs of `one` takes, one after the other. */
async function latencies(count: number, one: (index: number) => Promise<void>): Promise<number[]> {
  const taken: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await one(index);
    taken.push(performance.now() - started);
  }
  return taken;
}

export async function benchListingEndToEnd(): Promise<void> {
  const platform = await startBenchPlatform({ workers: true });
  const auth = { authorization: `Bearer ${platform.apiKey}` };
  try {
    const brands = JSON.parse(readFileSync(new URL('brands.json', fixtures), 'utf8')) as Record<string, unknown>[];
    for (const { key, name, aliases, category, referencePrice, authorizedSellerIds } of brands) {
      const body = JSON.stringify({ name, aliases, category, referencePrice, authorizedSellerIds });
      await fetch(`${platform.url}/v1/brands/${String(key)}`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body });
    }
    const listings = readFileSync(new URL('listings.jsonl', fixtures), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as LabelledListing);
    const picture = (await composePicture(4242)).toString('base64');
    const answered = (body: { status: string }) => body.status === 'completed' || body.status === 'awaiting_review';
    const screen = (withPicture: boolean) => async (index: number) => {
      const entry = listings[index % listings.length]!;
      const body = { listingId: `${entry.id}-${randomUUID().slice(0, 6)}`, ...entry.listing, ...(withPicture ? { images: [{ imageBase64: picture }] } : {}) };
      const response = await fetch(`${platform.url}/v1/listing-screenings`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body: JSON.stringify(body) });
      const accepted = (await response.json()) as { id: string };
      await until(`${platform.url}/v1/listing-screenings/${accepted.id}`, platform.apiKey, answered);
    };
    const probe = async () => {
      const accepted = (await (await fetch(`${platform.url}/v1/system-probes`, { method: 'POST', headers: auth })).json()) as { id: string };
      await until(`${platform.url}/v1/system-probes/${accepted.id}`, platform.apiKey, (body) => body.status !== 'running');
    };
    await rate(8, screen(false)); // warm the worker and the workflow cache
    const probes = await rate(40, probe);
    const text = await rate(80, screen(false));
    const pictures = await rate(24, screen(true));
    console.log(`\n== Listings end to end through the API (${IN_FLIGHT} in flight, one worker, dev Temporal server) ==`);
    console.log(`text only:        ${text.toFixed(1)} listings/s to their answer (allow, block or escalate)`);
    console.log(`with one picture: ${pictures.toFixed(1)} listings/s`);
    console.log(`system probes:    ${probes.toFixed(1)} round trips/s (baseline: one-activity workflow)`);
    console.log(`ratios to the probe: text ${(text / probes).toFixed(2)}, with a picture ${(pictures / probes).toFixed(2)}`);

    // One at a time: a text-only listing's POST ?wait=30 against a probe's round trip (polled every 10 ms).
    const waited = await latencies(60, async (index) => {
      const entry = listings[index % listings.length]!;
      const body = { listingId: `${entry.id}-${randomUUID().slice(0, 6)}`, ...entry.listing };
      const response = await fetch(`${platform.url}/v1/listing-screenings?wait=30`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body: JSON.stringify(body) });
      if (response.status !== 200) throw new Error(`?wait answered ${response.status}`);
      await response.arrayBuffer();
    });
    const roundTrips = await latencies(60, async () => {
      const accepted = (await (await fetch(`${platform.url}/v1/system-probes`, { method: 'POST', headers: auth })).json()) as { id: string };
      await until(`${platform.url}/v1/system-probes/${accepted.id}`, platform.apiKey, (body) => body.status !== 'running', 10);
    });
    const [p50, p99, probe50, probe99] = [percentile(waited, 0.5), percentile(waited, 0.99), percentile(roundTrips, 0.5), percentile(roundTrips, 0.99)];
    console.log(`\n== One text-only listing at a time, POST ?wait=30, against a system probe's round trip (60 each) ==`);
    console.log(`POST ?wait: p50 ${ms(p50)}, p99 ${ms(p99)}; probe: p50 ${ms(probe50)}, p99 ${ms(probe99)}`);
    console.log(`ratios: p50 ${(p50 / probe50).toFixed(2)}x (aim at most 3), p99 ${(p99 / probe99).toFixed(2)}x (aim at most 5)`);
  } finally {
    await platform.close();
  }
}
