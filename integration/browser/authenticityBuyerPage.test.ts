/**
 * A buyer checks a product on the buyer page in Chromium at a phone's viewport, against the real
 * API, worker and built page: the marketplace sends the check with nothing and gets `buyerUrl`;
 * the buyer opens it, sends a blurred label photo (and a typed code with markup in it, shown back
 * as text), is asked in plain words to retake the label, sends a sharp one whose code the page
 * reads on the phone, and sees the outcome. Screenshots: docs/screenshots/buyer-page-*.png.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCodes } from '../support/brandCodes.ts';
import { barcode, blurred, label } from '../../workers/detectors/authenticityPhotos/renderedPhotos.ts';
import { bearer } from '../support/listings.ts';
import { startConsolePlatform, type ConsolePlatform } from './support/consolePlatform.ts';

let harness: ConsolePlatform;
beforeAll(async () => {
  harness = await startConsolePlatform({ documents: true, config: { BUYER_PAGE_REQUESTS_PER_MINUTE: '600' } });
}, 240_000);
afterAll(async () => harness?.close());

const GTIN = '09506000134352';
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };

describe('the buyer page on a phone', () => {
  it('asks for the photos, asks again for a blurred label in plain words, reads the code on the phone and shows the outcome', { timeout: 240_000 }, async () => {
    const { platform } = harness;
    const { apiKey } = await platform.createTenant();
    const brand = await platform.app.inject({ method: 'PUT', url: '/v1/brands/brush-co', headers: bearer(apiKey), payload: { name: 'Brush Co', gtins: [GTIN], serialPattern: '[A-Z]{2}\\d{6}', codeRegistry: 'bonafide' } });
    expect(brand.statusCode, brand.body).toBe(200);
    const codes = await importCodes(platform, apiKey, 'brush-co', [{ gtin: GTIN, serial: 'PH000001', status: 'issued' }]);
    expect(codes.statusCode, codes.body).toBe(200);
    const created = await platform.app.inject({
      method: 'POST',
      url: '/v1/authenticity-checks',
      headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
      payload: { orderId: 'o-phone-1', buyerId: 'buyer-private-1', sellerId: 'shop-private-7', brandKey: 'brush-co' },
    });
    expect(created.statusCode, created.body).toBe(202);
    const { id, buyerUrl } = created.json() as { id: string; buyerUrl: string };
    const sharp = await label({ code: await barcode('gs1datamatrix', `(01)${GTIN}(21)PH000001`, { scale: 4 }) });
    const blurry = await blurred(sharp, 8);

    const page = await harness.newPage(PHONE);
    await page.goto(buyerUrl);
    await page.getByRole('heading', { name: 'Photo of the label' }).waitFor();
    await page.getByText('Photo 1 of 2').waitFor();
    await page.getByText('The whole label, in focus').waitFor();
    await harness.screenshot(page, 'buyer-page-ask', { fullPage: true });

    await page.getByLabel('Photo of the label').setInputFiles({ name: 'label.jpg', mimeType: 'image/jpeg', buffer: blurry });
    await page.getByRole('button', { name: 'Use this photo' }).click();
    await page.getByRole('heading', { name: 'Close-up of the code' }).waitFor();
    await page.getByRole('button', { name: 'Skip this photo' }).click();
    const typed = '<b>AB</b><img src=x onerror="window.injected=1">';
    await page.getByLabel(/The code printed on the product/).fill(typed);
    await page.getByRole('button', { name: 'Send' }).click();

    // asked again, in plain words, for the label only
    await page.getByRole('heading', { name: 'Photo of the label' }).waitFor({ timeout: 90_000 });
    await page.getByText('We could not see enough on your photos to tell.').waitFor();
    await page.getByText(/The label photo is blurred/).waitFor();
    await page.getByText('Photo 1 of 1').waitFor();
    // what the buyer typed is text on the page, never elements
    expect(await page.locator('.code').first().innerText()).toBe(typed);
    expect(await page.locator('main b, main img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
    await harness.screenshot(page, 'buyer-page-retake', { fullPage: true });

    await page.getByLabel('Photo of the label').setInputFiles({ name: 'label.jpg', mimeType: 'image/jpeg', buffer: sharp });
    await page.getByRole('button', { name: 'Use this photo' }).click();
    // read on the phone: the code field holds the code printed on the label
    const codeField = page.getByLabel('The code your phone read');
    await codeField.waitFor({ timeout: 30_000 });
    expect(await codeField.inputValue()).toContain('PH000001');
    await page.getByRole('button', { name: 'Send' }).click();

    await page.getByRole('heading', { name: 'Your product looks genuine' }).waitFor({ timeout: 90_000 });
    await page.getByText('What we checked').waitFor();
    await page.getByText('Nothing more to do.').waitFor();
    const shown = await page.locator('main').innerText();
    for (const internal of ['buyer-private-1', 'shop-private-7', 'registry', 'score', 'authenticity.']) expect(shown).not.toContain(internal);
    await harness.screenshot(page, 'buyer-page-genuine', { fullPage: true });

    // the same check, decided again with its first round kept
    const check = (await platform.app.inject({ method: 'GET', url: `/v1/authenticity-checks/${id}`, headers: bearer(apiKey) })).json();
    expect(check).toMatchObject({ status: 'completed', round: 1, verdict: { outcome: 'likely_genuine' }, earlierRounds: [{ outcome: 'retake_requested' }] });
  });
});
