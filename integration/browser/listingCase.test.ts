/**
 * A moderator settles an escalated listing screening in Chromium against the real API, worker
 * and built console: the listing's picture beside the official gallery photo it reuses, the
 * disguised brand highlighted in the title, markup in the description shown as text, then a
 * block with a note that the workflow records. Screenshot: docs/screenshots/case-listing-screening.png.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composePicture } from '../../fixtures/listing-screening/images/compose.ts';
import { gucci, listing, putBrand, submitListing, uploadGalleryImage, waitForGalleryImage, waitForScreening } from '../support/listings.ts';
import { startConsolePlatform, type ConsolePlatform } from './support/consolePlatform.ts';

let harness: ConsolePlatform;
let imageHost: Server;
let imageBase: string;
let photo: Buffer;
beforeAll(async () => {
  harness = await startConsolePlatform({ documents: true });
  photo = await composePicture(77);
  imageHost = createServer((_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(photo));
  await new Promise<void>((resolve) => imageHost.listen(0, '127.0.0.1', resolve));
  imageBase = `http://127.0.0.1:${(imageHost.address() as AddressInfo).port}`;
}, 240_000);
afterAll(async () => {
  await harness?.close();
  await new Promise((resolve) => imageHost?.close(resolve));
});

describe('a listing case in a browser', () => {
  it('shows the listing picture beside the matched gallery photo and the suspicious words highlighted as text, and takes a block with a note', { timeout: 240_000 }, async () => {
    const { platform } = harness;
    const { tenantId, apiKey } = await platform.createTenant();
    await putBrand(platform, apiKey, 'gucci', gucci);
    const official = (await uploadGalleryImage(platform, apiKey, photo, { brandKey: 'gucci', label: 'official', source: 'brand press kit' })).json();
    await waitForGalleryImage(platform, apiKey, official.id, (image) => image.status === 'indexed');
    const title = 'Gu\u0441ci Marmont bag, best dupe';
    const description = '<b>Best price</b> <script>alert(1)</script>';
    const { id } = (await submitListing(platform, apiKey, listing({ title, description, price: { amount: 400, currency: 'USD' }, images: [{ url: `${imageBase}/photo.png` }] }))).json();
    const waiting = await waitForScreening(platform, apiKey, id, (screening) => screening.status === 'awaiting_review', 120_000);

    const { page } = await harness.loggedInPage('moderator', { marketplaces: [tenantId] });
    await page.goto(harness.consoleUrl(`/cases/${waiting.verdict.review.caseId}/show`));
    await page.getByText('Listing evidence').waitFor();
    for (const name of ['Listing picture 1', 'Gallery picture (official)']) {
      const image = page.getByRole('img', { name });
      await image.waitFor();
      await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0), { timeout: 15_000 }).toBe(true);
    }
    const marked = page.getByTestId('listing-title').locator('mark');
    await expect.poll(() => marked.allInnerTexts()).toEqual(['Gu\u0441ci', 'dupe']);
    // the description's markup is text on the page, not elements
    const shown = page.getByTestId('listing-description');
    expect(await shown.innerText()).toBe(description);
    expect(await shown.locator('b, script').count()).toBe(0);

    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    await page.getByText('You hold this case until').waitFor();
    await page.getByLabel('Note').fill('Official press photo on a disguised brand at half price');
    await harness.screenshot(page, 'case-listing-screening', { fullPage: true });
    await page.getByRole('button', { name: 'Block', exact: true }).click();
    await page.getByText('Decision recorded by the workflow at').waitFor({ timeout: 60_000 });
    const settled = await waitForScreening(platform, apiKey, id, (screening) => screening.status === 'completed', 60_000);
    expect(settled).toMatchObject({ verdict: { outcome: 'block', decidedBy: 'moderator' } });
  });
});
