/**
 * A moderator settles an authenticity check's case in Chromium against the real API, worker and
 * built console: the buyer's photos beside the listing's picture and the gallery photo the product
 * photo copies, the code as typed and as read from the label photo, another order's check of the
 * same code, the seller's answer (markup in it shown as text) and the seller's record; then a
 * counterfeit decision with a note that resumes the waiting workflow and completes the check.
 * Screenshot: docs/screenshots/case-authenticity-check.png.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHENTICITY_CHECK_POLICY_KEY } from '../../core/authenticityCheck.ts';
import { composePicture } from '../../fixtures/listing-screening/images/compose.ts';
import { barcode, label } from '../../workers/detectors/authenticityPhotos/renderedPhotos.ts';
import shippedPolicy from '../../workers/policy/authenticityCheckPolicy.v2.json' with { type: 'json' };
import { moderatorSession } from '../support/console.ts';
import { bearer, listing, submitListing, uploadGalleryImage, waitForGalleryImage, waitForScreening } from '../support/listings.ts';
import { startConsolePlatform, type ConsolePlatform } from './support/consolePlatform.ts';

// a brand without a registry here: a serial off its pattern leans counterfeit (under the policy below) without proving it
const GTIN = '04006381333931';
const TYPED = `(01)${GTIN}(21)zz-1`;
// the label's code, another serial: the item's code, looked up in place of the one typed
const ON_LABEL = `(01)${GTIN}(21)zz-2`;

let harness: ConsolePlatform;
let imageHost: Server;
let imageBase: string;
let official: Buffer;
beforeAll(async () => {
  harness = await startConsolePlatform({ documents: true });
  official = await composePicture(91);
  imageHost = createServer((_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(official));
  await new Promise<void>((resolve) => imageHost.listen(0, '127.0.0.1', resolve));
  imageBase = `http://127.0.0.1:${(imageHost.address() as AddressInfo).port}`;
  // Policies are global: the same version integration/authenticityActions.test.ts uses (a serial
  // off the brand's pattern leans counterfeit, the seller has 5 seconds), the shipped rules again at the end.
  const admin = { ...(await moderatorSession(harness.platform, 'admin')), origin: new URL(harness.consoleUrl()).origin };
  const rules = {
    ...shippedPolicy,
    rules: shippedPolicy.rules.map((rule) => (rule.code === 'authenticity.serial_pattern_mismatch' ? { ...rule, action: 'likely_counterfeit' } : rule)),
    parameters: { ...shippedPolicy.parameters, sellerResponseSeconds: 5 },
  };
  const created = await harness.platform.app.inject({ method: 'POST', url: '/admin/v1/policies', headers: admin, payload: { key: AUTHENTICITY_CHECK_POLICY_KEY, rules, note: 'test: a short seller window' } });
  expect(created.statusCode, created.body).toBe(201);
}, 240_000);
afterAll(async () => {
  if (harness) {
    const admin = { ...(await moderatorSession(harness.platform, 'admin')), origin: new URL(harness.consoleUrl()).origin };
    await harness.platform.app.inject({ method: 'POST', url: '/admin/v1/policies', headers: admin, payload: { key: AUTHENTICITY_CHECK_POLICY_KEY, rules: shippedPolicy, note: 'test: the shipped rules again' } });
  }
  await harness?.close();
  if (imageHost) await new Promise((resolve) => imageHost.close(resolve));
});

describe('an authenticity case in a browser', () => {
  it('shows the photos side by side and the code evidence, takes a counterfeit decision, and the check completes', { timeout: 300_000 }, async () => {
    const { platform } = harness;
    const { tenantId, apiKey } = await platform.createTenant();
    const json = { ...bearer(apiKey), 'content-type': 'application/json' };
    const brand = await platform.app.inject({ method: 'PUT', url: '/v1/brands/plain-co', headers: json, payload: { name: 'Plain Co', gtins: [GTIN], serialPattern: '[A-Z]{2}\\d{6}', codeRegistry: 'none' } });
    expect(brand.statusCode, brand.body).toBe(200);
    const gallery = (await uploadGalleryImage(platform, apiKey, official, { brandKey: 'plain-co', label: 'official', source: 'brand press kit' })).json();
    await waitForGalleryImage(platform, apiKey, gallery.id, (image) => image.status === 'indexed');
    // the listing the order came from, its one picture the brand's press photo
    const screened = (await submitListing(platform, apiKey, listing({ listingId: 'l-auth', sellerId: 'shop-auth', images: [{ url: `${imageBase}/photo.png` }] }))).json();
    await waitForScreening(platform, apiKey, screened.id, (screening) => screening.status === 'completed' || screening.status === 'awaiting_review', 120_000);

    // the buyer's product photo is the press photo again; the label's code carries another serial than the one typed
    const buyerNote = '<b>Smells</b> of glue <script>alert(1)</script>';
    const labelPhoto = await label({ brand: 'PLAIN CO', code: await barcode('gs1datamatrix', ON_LABEL, { scale: 4 }) });
    const submitted = await platform.app.inject({
      method: 'POST',
      url: '/v1/authenticity-checks?wait=25',
      headers: { ...json, 'idempotency-key': randomUUID() },
      payload: {
        orderId: 'o-auth-1', buyerId: 'b-auth-1', sellerId: 'shop-auth', listingId: 'l-auth', brandKey: 'plain-co', claimedCode: TYPED, buyerNote,
        photos: [{ kind: 'product', imageBase64: (await sharp(official).resize(900).jpeg({ quality: 80 }).toBuffer()).toString('base64') }, { kind: 'label', imageBase64: labelPhoto.toString('base64') }],
      },
    });
    // ?wait answers as soon as the seller's window opens
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'awaiting_seller_response' });
    const checkId = submitted.json().id as string;
    const sellerNote = 'Sold from <i>authorised</i> stock; invoice attached.';
    const invoice = 'https://cdn.shop-auth.test/invoice-1.jpg';
    const answered = await platform.app.inject({ method: 'POST', url: `/v1/authenticity-checks/${checkId}/seller-responses`, headers: { ...json, 'idempotency-key': randomUUID() }, payload: { note: sellerNote, photos: [{ kind: 'invoice', url: invoice }] } });
    expect(answered.statusCode, answered.body).toBe(201);
    const readCheck = async () => (await platform.app.inject({ method: 'GET', url: `/v1/authenticity-checks/${checkId}`, headers: bearer(apiKey) })).json();
    await expect.poll(async () => (await readCheck()).status, { timeout: 60_000 }).toBe('awaiting_review');
    const caseId = (await readCheck()).verdict.review.caseId as string;

    // another order sends the code on the label (the item's code, not the one typed): a clone, settled by the policy against the same seller
    const clone = await platform.app.inject({
      method: 'POST',
      url: '/v1/authenticity-checks?wait=25',
      headers: { ...json, 'idempotency-key': randomUUID() },
      payload: { orderId: 'o-auth-2', buyerId: 'b-auth-2', sellerId: 'shop-auth', brandKey: 'plain-co', claimedCode: ON_LABEL },
    });
    expect(clone.statusCode, clone.body).toBe(200);
    expect(clone.json()).toMatchObject({ status: 'completed', verdict: { outcome: 'likely_counterfeit' }, actions: { counterfeitRecorded: true } });

    const { page } = await harness.loggedInPage('moderator', { marketplaces: [tenantId] });
    await page.goto(harness.consoleUrl(`/cases/${caseId}/show`));
    await page.getByText('Authenticity evidence').waitFor();
    for (const name of ['Buyer photo 1 (product)', 'Buyer photo 2 (label)', 'Listing picture 1', 'Gallery picture (official)']) {
      const image = page.getByRole('img', { name });
      await image.waitFor();
      await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0), { timeout: 15_000 }).toBe(true);
    }
    // the code as typed, and as read from the label photo: another serial
    const codes = page.getByTestId('code-evidence');
    await expect.poll(() => codes.innerText()).toContain(TYPED);
    const codeText = await codes.innerText();
    expect(codeText).toMatch(/Photo 2 \(label, DataMatrix\)\s+—\s+04006381333931\s+zz-2\s+right\s+brand keeps no registry here\s+no, another code/);
    expect(await page.getByTestId('buyer-photo-1').innerText()).toContain('04006381333931 / zz-2');
    // the clone, and the seller's record it made
    expect(await page.getByTestId('same-code-checks').innerText()).toMatch(/o-auth-2\s+shop-auth\s+completed \/ likely_counterfeit[\s\S]*another order: a clone/);
    expect(await page.getByTestId('seller-record').innerText()).toContain('1 in the last 30 days, 1 in the last 90 days');
    // what the buyer and the seller wrote is text on the page, never elements
    expect(await page.getByTestId('buyer-note').innerText()).toBe(buyerNote);
    expect(await page.getByTestId('seller-note').innerText()).toBe(sellerNote);
    expect(await page.getByTestId('seller-evidence').locator('i').count()).toBe(0);
    expect(await page.getByTestId('buyer-note').locator('b, script').count()).toBe(0);
    expect(await page.getByRole('link', { name: invoice }).getAttribute('href')).toBe(invoice);

    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    await page.getByText('You hold this case until').waitFor();
    await page.getByLabel('Note').fill('The product photo is the brand’s press photo and the label carries another serial');
    await page.getByText('Case claimed').waitFor({ state: 'hidden', timeout: 30_000 });
    await harness.screenshot(page, 'case-authenticity-check', { fullPage: true });
    await page.getByRole('button', { name: 'Counterfeit', exact: true }).click();
    await page.getByText('Decision recorded by the workflow at').waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await readCheck()).status, { timeout: 60_000 }).toBe('completed');
    expect(await readCheck()).toMatchObject({ verdict: { outcome: 'likely_counterfeit', decidedBy: 'moderator' }, actions: { counterfeitRecorded: true } });
  });
});
