/**
 * An appeal in the console, in Chromium against the real API, worker and built console: a
 * moderator blocks an escalated listing, the seller appeals through the marketplace, the same
 * moderator is told they cannot decide the appeal, and a second moderator reads the appellant's
 * words (as text) beside the decision and its statement of reasons and overturns it; the listing
 * is then allowed and the strike withdrawn. Screenshot: docs/screenshots/case-appeal.png.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gucci, listing, putBrand, submitListing, waitForScreening } from '../support/listings.ts';
import { startConsolePlatform, type ConsolePlatform } from './support/consolePlatform.ts';

interface Settled {
  verdict: { outcome: string | null; statementOfReasons: { overturned: { appealId: string } | null } | null };
}

let harness: ConsolePlatform;
beforeAll(async () => {
  harness = await startConsolePlatform();
}, 240_000);
afterAll(async () => harness?.close());

describe('an appeal in a browser', () => {
  it('keeps the deciding moderator out, shows the appeal beside the decision, and an overturn allows the listing', { timeout: 240_000 }, async () => {
    const { platform } = harness;
    const { tenantId, apiKey } = await platform.createTenant();
    await putBrand(platform, apiKey, 'gucci', gucci);
    const sellerId = 'shop-appealing';
    const { id } = (await submitListing(platform, apiKey, listing({ sellerId, title: 'Gu\u0441ci Marmont shoulder bag', price: { amount: 400, currency: 'USD' } }))).json();
    const waiting = await waitForScreening(platform, apiKey, id, (screening) => screening.status === 'awaiting_review', 120_000);

    // the first moderator blocks the listing in the console
    const first = await harness.loggedInPage('moderator', { marketplaces: [tenantId] });
    await first.page.goto(harness.consoleUrl(`/cases/${waiting.verdict.review.caseId}/show`));
    await first.page.getByRole('button', { name: 'Claim', exact: true }).click();
    await first.page.getByLabel('Note').fill('A Cyrillic letter in the brand');
    await first.page.getByRole('button', { name: 'Block', exact: true }).click();
    await first.page.getByText('Decision recorded by the workflow at').waitFor({ timeout: 60_000 });
    await waitForScreening(platform, apiKey, id, (screening) => screening.status === 'completed' && (screening as unknown as Settled).verdict.statementOfReasons !== null, 60_000);

    // the seller appeals through the marketplace
    const words = 'The letter is the font\u2019s. <b>Invoice</b> attached to the marketplace.';
    const appealed = await platform.app.inject({
      method: 'POST',
      url: '/v1/appeals',
      headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
      payload: { subjectType: 'listing_screening', subjectId: id, appellant: { type: 'seller', id: sellerId }, statement: words },
    });
    expect(appealed.statusCode, appealed.body).toBe(202);
    const appealId = appealed.json().id;
    await expect.poll(async () => await platform.database.prisma.case.count({ where: { subjectType: 'appeal', subjectId: appealId } }), { timeout: 30_000 }).toBe(1);
    const appealCase = await platform.database.prisma.case.findFirstOrThrow({ where: { subjectType: 'appeal', subjectId: appealId } });

    // the moderator who blocked it is told someone else must decide
    await first.page.goto(harness.consoleUrl(`/cases/${appealCase.id}/show`));
    await first.page.getByText('You took the decision this case is about; someone else must decide it.').waitFor();
    expect(await first.page.getByRole('button', { name: 'Overturn the decision', exact: true }).count()).toBe(0);

    // a second moderator reads the appeal beside the decision and overturns it
    const second = await harness.loggedInPage('moderator', { marketplaces: [tenantId] });
    await second.page.goto(harness.consoleUrl(`/cases/${appealCase.id}/show`));
    const statement = second.page.getByTestId('appellant-statement');
    await statement.waitFor();
    expect(await statement.innerText()).toBe(words);
    expect(await statement.locator('b').count()).toBe(0);
    expect(await second.page.getByTestId('appealed-measure').innerText()).toContain('The listing is removed from sale on the marketplace.');
    await second.page.getByRole('button', { name: 'Claim', exact: true }).click();
    await second.page.getByLabel('Note').fill('The invoice shows licensed stock; the letter is the font');
    await harness.screenshot(second.page, 'case-appeal', { fullPage: true });
    await second.page.getByRole('button', { name: 'Overturn the decision', exact: true }).click();
    await second.page.getByText('Decision recorded by the workflow at').waitFor({ timeout: 60_000 });

    const allowed = (await waitForScreening(platform, apiKey, id, (screening) => (screening as unknown as Settled).verdict.outcome === 'allow', 60_000)) as unknown as Settled;
    expect(allowed.verdict.statementOfReasons?.overturned).toMatchObject({ appealId });
    const record = (await platform.app.inject({ method: 'GET', url: `/v1/sellers/${sellerId}/record`, headers: bearer(apiKey) })).json();
    expect(record.activeStrikes).toEqual({ count: 0, weight: 0 });
  });
});
