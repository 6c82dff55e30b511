/**
 * A marketplace uploads a listing-screening batch and a content backfill over HTTP; a moderator of
 * that marketplace follows them in Chromium against the real API, worker and built console, on
 * the one batch page every capability shares: the listing batch shows running (its first
 * listing's picture is held by the test's image host), then, without a reload, completed with its
 * progress, where its listings stand, the refused line with its error and the results with their
 * verdicts; the escalated listing links to its case. The batch list shows both batches side by
 * side, and the backfill's page its posts with their creators. Screenshots:
 * docs/screenshots/batches.png, batch-listing.png and batch-content.png.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composePicture } from '../../fixtures/listing-screening/images/compose.ts';
import { gucci } from '../support/listings.ts';
import { startConsolePlatform, type ConsolePlatform } from './support/consolePlatform.ts';

let harness: ConsolePlatform;
let imageHost: Server;
let imageBase: string;
/** the picture requests the host holds until the test lets them through */
const held: ServerResponse[] = [];
let pictureAsked: () => void;
const firstPictureAsked = new Promise<void>((resolve) => (pictureAsked = resolve));
let photo: Buffer;

beforeAll(async () => {
  harness = await startConsolePlatform();
  photo = await composePicture(31);
  imageHost = createServer((_request, response) => {
    held.push(response);
    pictureAsked();
  });
  await new Promise<void>((resolve) => imageHost.listen(0, '127.0.0.1', resolve));
  imageBase = `http://127.0.0.1:${(imageHost.address() as AddressInfo).port}`;
}, 240_000);
afterAll(async () => {
  for (const response of held) response.destroy();
  await harness?.close();
  await new Promise((resolve) => imageHost?.close(resolve));
});

const releasePictures = () => {
  for (const response of held.splice(0)) response.writeHead(200, { 'content-type': 'image/png' }).end(photo);
};

describe('batches of every capability in a browser', () => {
  it('follows a batch from running to completed, with refused lines, verdicts and the escalation linked to its case', { timeout: 240_000 }, async () => {
    const { platform, apiUrl } = harness;
    const { tenantId, apiKey, slug } = await platform.createTenant();
    const auth = { authorization: `Bearer ${apiKey}` };
    const brand = await fetch(`${apiUrl}/v1/brands/gucci`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(gucci) });
    expect(brand.status).toBe(200);
    // logged in first: the picture host holds the batch for less than the policy's fetch timeout (10 s)
    const { page } = await harness.loggedInPage('moderator', { marketplaces: [tenantId] });

    const listings = [
      { listingId: 'tote-1', sellerId: 'shop-1', title: 'Leather tote bag', description: 'Roomy tote', price: { amount: 120, currency: 'USD' }, images: [{ url: `${imageBase}/tote.png` }] },
      { listingId: 'marmont-1', sellerId: 'gucci-boutique', title: 'Gucci GG Marmont shoulder bag', description: 'New season', price: { amount: 1890, currency: 'USD' } },
      { listingId: 'replica-1', sellerId: 'shop-7', title: 'Gucci Marmont bag 1:1 replica', description: '', price: { amount: 120, currency: 'USD' } },
      { listingId: 'disguised-1', sellerId: 'shop-7', title: 'Gu\u0441ci Marmont shoulder bag', description: '', price: { amount: 400, currency: 'USD' } },
    ].map((listing) => JSON.stringify(listing));
    listings.splice(2, 0, '{"listingId": "cut-off", "sellerId": ');
    const upload = await fetch(`${apiUrl}/v1/listing-screening-batches`, {
      method: 'POST',
      headers: { ...auth, 'idempotency-key': randomUUID(), 'content-type': 'application/x-ndjson' },
      body: listings.join('\n'),
    });
    expect(upload.status).toBe(202);
    const batch = (await upload.json()) as { id: string };
    await firstPictureAsked;

    await page.goto(harness.consoleUrl(`/batches/${batch.id}/show`));
    const progress = page.getByTestId('batch-progress');
    await progress.getByText('0 of 5 screened').waitFor();
    await page.getByTestId('batch-status').getByText('Running', { exact: true }).waitFor();
    expect(await progress.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('20'); // the refused line
    releasePictures();

    // no reload: the page follows the batch
    await progress.getByText('4 of 5 screened').waitFor({ timeout: 60_000 });
    await page.getByTestId('batch-status').getByText('Completed', { exact: true }).waitFor();
    expect(await progress.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    await progress.getByText('1 failed').waitFor();
    const counts = page.getByTestId('batch-counts');
    for (const text of ['Allow: 2', 'Block: 1', '1 awaiting a moderator', '1 line refused']) await counts.getByText(text).waitFor({ timeout: 30_000 });

    const refused = page.getByRole('row').filter({ hasText: 'is not valid JSON' });
    expect(await refused.getByRole('cell').first().innerText()).toBe('3');

    const rowOf = (listingId: string) => page.getByRole('row').filter({ has: page.getByTestId('batch-subject').getByText(new RegExp(`^Listing ${listingId} · seller `)) });
    const expected: [string, string, string][] = [
      ['tote-1', '1', 'Allow'],
      ['marmont-1', '2', 'Allow'],
      ['replica-1', '4', 'Block'],
      ['disguised-1', '5', 'Escalated'],
    ];
    for (const [listingId, line, verdict] of expected) {
      const row = rowOf(listingId);
      await row.getByText(verdict, { exact: true }).waitFor();
      expect(await row.getByRole('cell').first().innerText()).toBe(line);
    }
    await rowOf('replica-1').getByText('listing.counterfeit_cue').waitFor();
    const caseLink = rowOf('disguised-1').getByRole('link', { name: /^Listing screening #/ });
    await caseLink.waitFor({ timeout: 30_000 });
    await harness.screenshot(page, 'batch-listing', { fullPage: true });

    // a content backfill of the same marketplace, on the same pages
    const posts = [1, 2].map((n) => JSON.stringify({ postId: `walk-${n}`, creatorId: `creator-${n}`, postedAt: `2026-11-30T1${n}:00:00Z`, caption: 'A walk by the sea this morning', surface: 'image' }));
    const backfillUpload = await fetch(`${apiUrl}/v1/content-screenings/batches`, {
      method: 'POST',
      headers: { ...auth, 'idempotency-key': randomUUID(), 'content-type': 'application/x-ndjson' },
      body: posts.join('\n'),
    });
    expect(backfillUpload.status).toBe(202);
    const backfill = (await backfillUpload.json()) as { id: string };

    await page.goto(harness.consoleUrl('/batches'));
    const listedBatch = page.getByRole('row').filter({ hasText: 'Listing screening' }).filter({ hasText: `Test ${slug}` });
    const listedBackfill = page.getByRole('row').filter({ hasText: 'Content screening' }).filter({ hasText: `Test ${slug}` });
    await listedBatch.getByText('Completed', { exact: true }).waitFor();
    await listedBatch.getByText('4 of 5 screened').waitFor();
    await listedBackfill.getByText('2 of 2 screened').waitFor({ timeout: 60_000 });
    await listedBackfill.getByText('Completed', { exact: true }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'screened' }).count()).toBe(2); // only this marketplace's batches
    await harness.screenshot(page, 'batches');

    await listedBackfill.click();
    await page.waitForURL(`**/batches/${backfill.id}/show`);
    await page.getByTestId('batch-progress').getByText('2 of 2 screened').waitFor();
    for (const n of [1, 2]) await page.getByTestId('batch-subject').getByText(`Post walk-${n} · creator creator-${n}`, { exact: true }).waitFor();
    await harness.screenshot(page, 'batch-content', { fullPage: true });

    // a brand's code import, on the same pages in its own words
    const enrolled = await fetch(`${apiUrl}/v1/brands/brush-co`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Brush Co', gtins: ['09506000134352'], serialPattern: '[A-Z]{2}\\d{6}', codeRegistry: 'bonafide' }) });
    expect(enrolled.status).toBe(200);
    const codes = ['AB000001', 'AB000002', 'bad serial'].map((serial) => JSON.stringify({ gtin: '09506000134352', serial, status: 'issued' }));
    const codeUpload = await fetch(`${apiUrl}/v1/brands/brush-co/codes?wait=20`, { method: 'POST', headers: { ...auth, 'idempotency-key': randomUUID(), 'content-type': 'application/x-ndjson' }, body: codes.join('\n') });
    expect(codeUpload.status).toBe(200);
    const codeImport = (await codeUpload.json()) as { id: string };
    await page.goto(harness.consoleUrl('/batches'));
    const listedImport = page.getByRole('row').filter({ hasText: 'Brand codes' }).filter({ hasText: `Test ${slug}` });
    await listedImport.getByText('2 of 3 written').waitFor({ timeout: 30_000 });
    await listedImport.click();
    await page.waitForURL(`**/batches/${codeImport.id}/show`);
    await page.getByTestId('batch-counts').getByText('Added: 2').waitFor();
    await page.getByTestId('batch-counts').getByText('1 line refused').waitFor();
    for (const serial of ['AB000001', 'AB000002']) {
      const row = page.getByRole('row').filter({ has: page.getByTestId('batch-subject').getByText(`09506000134352 / ${serial} · brand brush-co`, { exact: true }) });
      await row.getByText('Added', { exact: true }).waitFor();
    }
    await harness.screenshot(page, 'batch-codes', { fullPage: true });

    await page.goto(harness.consoleUrl(`/batches/${batch.id}/show`));
    await rowOf('disguised-1').getByRole('link', { name: /^Listing screening #/ }).click();
    await page.getByText('Listing evidence').waitFor();
    expect(await page.getByTestId('listing-title').innerText()).toBe('Gu\u0441ci Marmont shoulder bag');
  });
});
