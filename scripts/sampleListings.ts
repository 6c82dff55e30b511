/**
 * Development samples for listing screening, loaded by `npm start` through the API with the
 * development key: the brand catalog of fixtures/listing-screening/brands.json, a counterfeit
 * photo in the gallery, and a few listings the policy escalates, so the console has listing
 * cases to work. It also writes the files the curl walk-through of docs/listing-screening.md uses into
 * `<data dir>/samples/listing-screening/`: product photos composed like the evaluation's gallery
 * pictures, an edited copy of one, and a JSON-lines batch of 1,000 listings made from the
 * labelled fixtures. Listings already screened are skipped, so restarting adds nothing.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { composePicture } from '../fixtures/listing-screening/images/compose.ts';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'listing-screening');

interface FixtureListing {
  id: string;
  kind: string;
  listing: Record<string, unknown>;
}

/** The same picture as a reseller would post it: 5% cropped on every side, smaller, recompressed. */
async function resizedAndCropped(bytes: Buffer): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const [x, y] = [Math.round(width * 0.05), Math.round(height * 0.05)];
  return await sharp(bytes).extract({ left: x, top: y, width: width - 2 * x, height: height - 2 * y }).resize({ width: Math.round(width * 0.6) }).jpeg({ quality: 70 }).toBuffer();
}

/** Writes the walk-through's files (once) and returns their folder. */
export async function writeListingSamples(dataDir: string): Promise<string> {
  const folder = path.join(dataDir, 'samples', 'listing-screening');
  await mkdir(folder, { recursive: true });
  const [bag, earlier] = await Promise.all([composePicture(7), composePicture(21)]);
  await writeFile(path.join(folder, 'fake-bag.png'), bag);
  await writeFile(path.join(folder, 'l-4.jpg'), await resizedAndCropped(bag));
  await writeFile(path.join(folder, 'new-fake.png'), earlier);
  await writeFile(path.join(folder, 'l-5.jpg'), await resizedAndCropped(earlier));
  const listings = await fixtureListings();
  const batch = Array.from({ length: 1000 }, (_, line) => {
    const { id, listing } = listings[line % listings.length]!;
    return JSON.stringify({ listingId: `batch-${id}-${Math.floor(line / listings.length)}`, ...listing });
  });
  await writeFile(path.join(folder, 'batch.jsonl'), `${batch.join('\n')}\n`);
  return folder;
}

async function fixtureListings(): Promise<FixtureListing[]> {
  return (await readFile(path.join(fixtures, 'listings.jsonl'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as FixtureListing);
}

export async function submitSampleListings(apiUrl: string, apiKey: string, dataDir: string, log: (line: string) => void): Promise<void> {
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  const call = async (method: string, url: string, body?: unknown, idempotencyKey?: string) => {
    const response = await fetch(`${apiUrl}${url}`, { method, headers: { ...headers, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (response.status >= 400) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const folder = await writeListingSamples(dataDir);
  const brands = JSON.parse(await readFile(path.join(fixtures, 'brands.json'), 'utf8')) as Record<string, unknown>[];
  for (const { key, name, aliases, category, referencePrice, authorizedSellerIds } of brands) await call('PUT', `/v1/brands/${String(key)}`, { name, aliases, category, referencePrice, authorizedSellerIds });

  // the gallery picture's id is kept beside the samples: a restart finds it and uploads nothing
  const idFile = path.join(folder, 'gallery-image-id');
  const knownId = await readFile(idFile, 'utf8').catch(() => '');
  const knownStatus = knownId ? (await fetch(`${apiUrl}/v1/gallery-images/${knownId.trim()}`, { headers })).status : 404;
  if (knownStatus !== 200) {
    const form = new FormData();
    form.append('image', new Blob([await readFile(path.join(folder, 'fake-bag.png'))], { type: 'image/png' }), 'fake-bag.png');
    form.append('data', JSON.stringify({ brandKey: 'gucci', label: 'counterfeit', source: 'sample test purchase' }));
    const response = await fetch(`${apiUrl}/v1/gallery-images`, { method: 'POST', headers: { authorization: headers.authorization, 'idempotency-key': randomUUID() }, body: form });
    if (response.status !== 201) throw new Error(`gallery upload answered ${response.status}: ${await response.text()}`);
    await writeFile(idFile, ((await response.json()) as { id: string }).id);
  }

  // one listing of each kind the policy does not settle alone, and a few it does
  const listings = await fixtureListings();
  const chosen = new Map<string, FixtureListing>();
  for (const fixture of listings) if (!chosen.has(fixture.kind)) chosen.set(fixture.kind, fixture);
  let submitted = 0;
  for (const { id, listing } of chosen.values()) {
    const listingId = `sample-${id}`;
    const known = (await call('GET', `/v1/listing-screenings?listingId=${listingId}`)) as { items?: unknown[] };
    if (known.items && known.items.length > 0) continue;
    await call('POST', '/v1/listing-screenings', { listingId, ...listing }, randomUUID());
    submitted += 1;
  }
  if (submitted > 0) log(`submitted ${submitted} sample listings (listing escalations will appear in the console); walk-through files in ${path.relative(process.cwd(), folder)}`);
}
