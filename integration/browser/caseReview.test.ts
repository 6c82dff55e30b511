/**
 * A moderator settles an escalated vetting as a person does, in Chromium against the real API,
 * worker (with OCR) and built console: open a queue, open the case, see the document photo and
 * the declared-versus-read table, claim, approve with a note, and the workflow completes and the
 * marketplace's webhook goes out. A second moderator in another browser context who tries to
 * decide the held case is told who holds it. Screenshots of the queue, the case and the
 * dashboard go to docs/screenshots/.
 */
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueSuffix } from '../support/platform.ts';
import { applicantFor, readVetting, registerWebhook, submitVetting, waitForVetting } from '../support/vettings.ts';
import { startWebhookReceiver } from '../support/webhookReceiver.ts';
import { startConsolePlatform, type ConsolePlatform } from './support/consolePlatform.ts';

let harness: ConsolePlatform;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  harness = await startConsolePlatform({ documents: true });
  receiver = await startWebhookReceiver();
}, 240_000);
afterAll(async () => {
  await harness?.close();
  await receiver?.close();
});

describe('case review in a browser', () => {
  it('a moderator works an escalated vetting from the queue to the workflow’s recorded decision; a second moderator sees the conflict', { timeout: 240_000 }, async () => {
    const { platform } = harness;
    const { tenantId, apiKey } = await platform.createTenant();
    const secret = await registerWebhook(platform, apiKey, receiver.url);
    const { id: vettingId } = (await submitVetting(platform, apiKey, applicantFor('td3-mismatch-01.jpg'))).json();
    const waiting = await waitForVetting(platform, apiKey, vettingId, (vetting) => vetting.status === 'awaiting_review', 120_000);
    const caseId: string = waiting.verdict.review.caseId;
    const queueName = `Identity checks ${uniqueSuffix()}`;
    await platform.database.prisma.caseQueue.create({
      data: { name: queueName, subjectTypes: ['seller_vetting'], signalCodes: ['document.name_mismatch'], tenantIds: [tenantId], roles: ['moderator', 'senior_moderator'] },
    });

    const first = await harness.loggedInPage('moderator', { marketplaces: [tenantId] });
    const { page } = first;
    await harness.screenshot(page, 'dashboard');
    await page.goto(harness.consoleUrl('/queues'));
    await page.getByRole('cell', { name: queueName }).click();
    const row = page.getByRole('row').filter({ hasText: 'Seller vetting' });
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    await harness.screenshot(page, 'queue-identity-checks');
    await row.first().click();

    // The evidence a moderator decides on, without leaving the page.
    const photo = page.getByRole('img', { name: 'Identity document submitted by the seller' });
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0), { timeout: 15_000 }).toBe(true);
    await page.getByText('Declared data and the document').waitFor();
    // the declared name beside the name read from the document, marked as a mismatch
    const nameRow = page.locator('tr[data-tone="mismatch"]').filter({ hasText: 'Legal name' });
    await nameRow.waitFor();
    expect(await nameRow.innerText()).toContain('Daniel Kovacs');
    // the MRZ lines as read, beside which check digits held
    expect(await page.getByTestId('mrz-lines').innerText()).toMatch(/^P<UTO[A-Z<]+\n[A-Z0-9<]{44}$/);
    expect(await platform.database.prisma.auditEntry.count({ where: { action: 'personal_data.viewed', objectId: vettingId, actorId: first.user.id } })).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    await page.getByText('You hold this case until').waitFor();

    // Another moderator, another browser context, tries to decide the same case.
    const second = await harness.loggedInPage('moderator', { marketplaces: [tenantId] });
    await second.page.goto(harness.consoleUrl(`/cases/${caseId}/show`));
    await second.page.getByText(`${first.user.displayName} is working on this case until`).waitFor();
    await second.page.getByRole('button', { name: 'Approve', exact: true }).click();
    await second.page.getByText(`${first.user.displayName} is working on this case`, { exact: false }).nth(1).waitFor();
    await harness.screenshot(second.page, 'case-held-by-other');

    await page.getByLabel('Note').fill('Name is a transliteration of the passport name; checked by hand');
    await harness.screenshot(page, 'case-seller-vetting', { fullPage: true });
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByText('Decision recorded by the workflow at').waitFor({ timeout: 60_000 });
    await harness.screenshot(page, 'case-decided');

    // Through the marketplace's API: the workflow completed (its last activities run after the
    // decision is recorded), and its signed webhook went out.
    await expect.poll(async () => (await readVetting(platform, apiKey, vettingId)).status, { timeout: 30_000 }).toBe('completed');
    const final = await readVetting(platform, apiKey, vettingId);
    expect(final).toMatchObject({ status: 'completed', verdict: { outcome: 'approve', decidedBy: 'moderator', review: { status: 'decided', decision: 'approve' } } });
    await expect.poll(() => receiver.received.filter((request) => request.body.includes(vettingId)).length, { timeout: 30_000 }).toBe(1);
    const delivered = receiver.received.find((request) => request.body.includes(vettingId))!;
    const event = new Webhook(secret).verify(delivered.body, delivered.headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
    expect(event).toMatchObject({ type: 'seller_vetting.completed', data: { vettingId, verdict: { outcome: 'approve', decidedBy: 'moderator' } } });
    const decision = await platform.database.prisma.decision.findUniqueOrThrow({ where: { caseId } });
    expect(decision).toMatchObject({ moderatorId: first.user.id, decision: 'approve' });
  });
});
