/**
 * A moderator settles a probation case in Chromium against the real API, worker and built
 * console: the evidence panel shows the metrics against their limits, the held payouts and the
 * state changes; suspending with a note resumes the workflow, which ends the probation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placed, postEvents, probationPolicyVersion, readPayout, refunded, sellerOnProbation, shipped, waitForProbation } from '../support/probations.ts';
import { startConsolePlatform, type ConsolePlatform } from './support/consolePlatform.ts';

let harness: ConsolePlatform;
beforeAll(async () => {
  harness = await startConsolePlatform();
}, 240_000);
afterAll(async () => {
  await harness?.close();
});

describe('a probation case in a browser', () => {
  it('shows the metrics against their limits and the held payouts; suspending ends the probation', { timeout: 240_000 }, async () => {
    const { platform } = harness;
    const { tenantId, apiKey } = await platform.createTenant();
    const seller = await sellerOnProbation(platform, tenantId, { policyVersion: await probationPolicyVersion(platform, { probationSeconds: 600 }) });
    await postEvents(platform, apiKey, seller.sellerId, { events: [...['p-1', 'p-2', 'p-3', 'p-4'].flatMap((orderId) => [placed(orderId, 30), shipped(orderId, 200)]), refunded('p-3', 30)] });
    await waitForProbation(platform, apiKey, seller.sellerId, (probation) => probation.status === 'restricted');
    const prisma = platform.database.prisma;
    await expect.poll(() => prisma.case.findFirst({ where: { tenantId, subjectType: 'seller_probation' } }), { timeout: 20_000 }).toBeTruthy();
    const caseRow = await prisma.case.findFirstOrThrow({ where: { tenantId, subjectType: 'seller_probation' } });

    const { page } = await harness.loggedInPage('moderator', { marketplaces: [tenantId] });
    await page.goto(harness.consoleUrl(`/cases/${caseRow.id}/show`));
    const metrics = page.getByTestId('probation-metrics');
    await metrics.waitFor();
    const refundRow = metrics.getByRole('row').filter({ hasText: 'Refund rate' });
    expect(await refundRow.innerText()).toMatch(/25\.0%\s+≤ 5\.0%\s+Over the limit/);
    await page.getByText('Restricted for: refund_rate_exceeded').waitFor();
    await page.getByText('Held payouts (3)').waitFor();
    expect(await page.getByTestId('probation-changes').innerText()).toContain('active → restricted');

    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    await page.getByText('You hold this case until').waitFor();
    await page.getByLabel('Note').fill('A quarter of the orders refunded in the first days');
    await harness.screenshot(page, 'case-seller-probation', { fullPage: true });
    await page.getByRole('button', { name: 'Suspend', exact: true }).click();
    await page.getByText('Decision recorded by the workflow at').waitFor({ timeout: 60_000 });

    await waitForProbation(platform, apiKey, seller.sellerId, (probation) => probation.status === 'suspended');
    expect(await readPayout(platform, apiKey, seller.sellerId, 'p-1')).toMatchObject({ releasable: false, reasons: ['seller_suspended'] });
  });
});
