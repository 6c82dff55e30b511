/**
 * The transparency report as a senior moderator reads it, in Chromium against the real API, worker
 * and built console: a marketplace's listings blocked by the policy show as restrictions by
 * capability, measure, category and automation, with their strikes and how their submission to the
 * DSA Transparency Database stands; the CSV downloads with the same figures; a moderator has no
 * such page. Screenshot: docs/screenshots/transparency-report.png.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gucci, listing } from '../support/listings.ts';
import { startConsolePlatform, type ConsolePlatform } from './support/consolePlatform.ts';

let harness: ConsolePlatform;
beforeAll(async () => {
  harness = await startConsolePlatform();
}, 240_000);
afterAll(async () => harness?.close());

describe('the transparency report in a browser', () => {
  it('shows a period’s restrictions, strikes and export, downloads them as CSV, and is not a moderator’s', { timeout: 180_000 }, async () => {
    const { platform, apiUrl } = harness;
    const { tenantId, apiKey } = await platform.createTenant();
    const auth = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
    expect((await fetch(`${apiUrl}/v1/brands/gucci`, { method: 'PUT', headers: auth, body: JSON.stringify(gucci) })).status).toBe(200);
    for (let index = 0; index < 2; index++) {
      const body = listing({ sellerId: 'shop-7', title: `Gucci Marmont bag 1:1 replica no. ${index}`, description: 'AAA replica', price: { amount: 90, currency: 'USD' } });
      const answered = await fetch(`${apiUrl}/v1/listing-screenings?wait=20`, { method: 'POST', headers: { ...auth, 'idempotency-key': randomUUID() }, body: JSON.stringify(body) });
      expect(answered.status).toBe(200);
      expect(((await answered.json()) as { verdict: { outcome: string } }).verdict.outcome).toBe('block');
    }

    const { page } = await harness.loggedInPage('senior_moderator', { marketplaces: [tenantId] });
    await page.goto(harness.consoleUrl('/'));
    await page.getByRole('menuitem', { name: 'Transparency' }).click();
    await page.getByTestId('report-total').getByText('Restrictions in the period: 2').waitFor();
    expect(await page.getByTestId('report-strikes').textContent()).toBe('Strikes: 2 issued, 0 withdrawn; sellers and creators struck: 1');
    expect(await page.getByTestId('report-export').textContent()).toBe('Transparency Database: 0 accepted, 2 pending, 0 refused');
    expect(await page.getByTestId('report-appeals').textContent()).toBe('Appeals: 0 received, 0 decided (0 upheld, 0 overturned), median time to decision none yet');
    expect(await page.getByTestId('report-byCapability').textContent()).toBe('listing_screening2');
    expect(await page.getByTestId('report-byCategory').textContent()).toBe('STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS2');
    expect(await page.getByTestId('report-byAutomatedDecision').textContent()).toBe('fully2');
    await harness.screenshot(page, 'transparency-report', { fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')).toEqual(expect.arrayContaining(['"restrictions","total","",2', '"restrictions","byMeasure","listing_removed",2', '"strikes","issued","",2']));

    // a period before them counts nothing
    await page.getByTestId('report-from').fill('2020-01-01');
    await page.getByTestId('report-to').fill('2020-12-31');
    await page.getByTestId('report-total').getByText('Restrictions in the period: 0').waitFor();

    const moderator = await harness.loggedInPage('moderator', { marketplaces: [tenantId] });
    await moderator.page.goto(harness.consoleUrl('/'));
    await moderator.page.getByRole('menuitem', { name: 'Cases' }).waitFor();
    expect(await moderator.page.getByRole('menuitem', { name: 'Transparency' }).count()).toBe(0);
  });
});
