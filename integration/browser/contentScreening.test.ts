/**
 * A moderator works a content-screening escalation in Chromium against the real API, worker and
 * built console: the case opens from a content queue, the evidence panel shows the post as given
 * (markup stays text), its disclosure, the cluster's other post side by side with the sentences
 * they share and the creator's cadence; a takedown request with a note completes the workflow.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueSuffix } from '../support/platform.ts';
import { startConsolePlatform, type ConsolePlatform } from './support/consolePlatform.ts';

let harness: ConsolePlatform;
beforeAll(async () => {
  harness = await startConsolePlatform();
}, 240_000);
afterAll(async () => harness?.close());

const script = 'This smart watch changed my mornings. The battery lasts a whole week and the strap never itches. I check my heart rate while I run and it syncs with my phone in seconds. Grab yours from the link below before the sale ends.';
const edited = 'This smart watch changed my mornings! The battery lasts a full week and the strap never itches. I check my heart rate while I run and it syncs with my phone in seconds. Grab yours from the link in my bio before the sale ends.';

describe('content screening in the console', () => {
  it('shows an escalated post beside the other readings of its script and settles it', { timeout: 240_000 }, async () => {
    const { platform } = harness;
    const { tenantId, apiKey } = await platform.createTenant();
    const submit = async (post: Record<string, unknown>) => {
      const response = await platform.app.inject({ method: 'POST', url: '/v1/content-screenings?wait=20', headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': randomUUID() }, payload: { surface: 'image', ...post } });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { id: string; status: string; review: { caseId: string } | null };
    };
    await submit({ postId: `p-${uniqueSuffix()}`, creatorId: 'reader-one', postedAt: '2026-11-29T07:00:00Z', caption: `#ad ${script}` });
    let last = { id: '', status: '', review: null } as Awaited<ReturnType<typeof submit>>;
    for (let index = 0; index < 11; index += 1) {
      const caption = index === 10 ? `#ad <b>${edited}</b>` : `#ad item ${index} is ${'good '.repeat(index + 1)}`;
      last = await submit({ postId: `p-${uniqueSuffix()}`, creatorId: 'agency-seven', postedAt: `2026-11-29T${String(8 + index).padStart(2, '0')}:30:00Z`, caption });
    }
    expect(last.status).toBe('awaiting_review');
    const queueName = `Scripted content ${uniqueSuffix()}`;
    await platform.database.prisma.caseQueue.create({ data: { name: queueName, subjectTypes: ['content_screening'], tenantIds: [tenantId], roles: ['moderator', 'senior_moderator'] } });

    const { page } = await harness.loggedInPage('moderator', { marketplaces: [tenantId] });
    await page.goto(harness.consoleUrl('/queues'));
    await page.getByRole('cell', { name: queueName }).click();
    const row = page.getByRole('row').filter({ hasText: 'Content screening' });
    await row.first().waitFor();
    await row.first().click();

    await page.getByText('Same script, side by side').waitFor();
    const sideBySide = page.getByTestId('script-side-by-side');
    await sideBySide.waitFor();
    const table = await sideBySide.innerText();
    expect(table).toContain('The battery lasts a full week and the strap never itches.');
    expect(table).toContain('The battery lasts a whole week and the strap never itches.');
    // The creator's markup is shown as the text it is.
    await page.getByText('<b>This smart watch changed my mornings!', { exact: false }).first().waitFor();
    await page.getByText('2026-11-29: 11 promo posts (median 0 on earlier active days)', { exact: false }).waitFor();
    await harness.screenshot(page, 'case-content-screening', { fullPage: true });

    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    await page.getByText('You hold this case until').waitFor();
    await page.getByLabel('Note').fill('Agency account reading scripts all day');
    await page.getByRole('button', { name: 'Request takedown', exact: true }).click();
    await page.getByText('Decision recorded by the workflow at').waitFor({ timeout: 60_000 });
    const final = await platform.app.inject({ method: 'GET', url: `/v1/content-screenings/${last.id}`, headers: { authorization: `Bearer ${apiKey}` } });
    expect(final.json()).toMatchObject({ status: 'completed', verdict: { outcome: 'takedown_request', decidedBy: 'moderator' } });
  });
});
