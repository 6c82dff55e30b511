/**
 * The operator admin as a person uses it, in Chromium against the real API, worker and built
 * console: an admin creates a marketplace and issues a key (shown once), the key works on the
 * public API until the admin revokes it; a moderator who opens the keys page is told why not.
 * Screenshots go to docs/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueSuffix } from '../support/platform.ts';
import { startConsolePlatform, type ConsolePlatform } from './support/consolePlatform.ts';

let harness: ConsolePlatform;
beforeAll(async () => {
  harness = await startConsolePlatform();
}, 240_000);
afterAll(async () => harness?.close());

const publicCall = (key: string) => fetch(`${harness.apiUrl}/v1/webhook-endpoints`, { headers: { authorization: `Bearer ${key}` } });

describe('operator console in a browser', () => {
  it('an admin creates a marketplace, issues a key shown once, and revoking it stops it at once', { timeout: 180_000 }, async () => {
    const { page } = await harness.loggedInPage('admin');
    const name = `Browser Market ${uniqueSuffix()}`;

    await page.goto(harness.consoleUrl('/marketplaces/create'));
    await page.locator('input[name="name"]').fill(name);
    await expect.poll(() => page.locator('input[name="slug"]').inputValue()).toBe(name.toLowerCase().replaceAll(' ', '-'));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Issue key' }).click();

    await page.locator('input[name="name"]').fill('production');
    await page.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('shown only this once').waitFor();
    const key = await dialog.getByTestId('issued-key').inputValue();
    expect(key).toMatch(/^bf_[A-Za-z0-9_-]{43}$/);
    await harness.screenshot(page, 'api-key-issued');

    // A marketplace's own call with the key, over HTTP.
    expect((await publicCall(key)).status).toBe(200);

    await dialog.getByRole('button', { name: 'I have stored the key' }).click();
    await page.getByRole('cell', { name: 'production' }).waitFor();
    await harness.screenshot(page, 'marketplace-with-key');
    await page.getByRole('cell', { name: 'production' }).click();
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(async () => (await publicCall(key)).status, { timeout: 15_000 }).toBe(401);

    await page.goto(harness.consoleUrl('/api-keys'));
    await page.getByRole('cell', { name: 'production' }).waitFor();
    await harness.screenshot(page, 'api-keys-list');
  });

  it('a moderator who opens the keys page is told the admin role is needed', { timeout: 120_000 }, async () => {
    const { tenantId } = await harness.platform.createTenant();
    const { page } = await harness.loggedInPage('moderator', { marketplaces: [tenantId] });
    await page.goto(harness.consoleUrl('/api-keys'));
    await page.getByText('You need the admin role').waitFor();
    await expect(page.getByRole('menuitem', { name: 'API keys' }).count()).resolves.toBe(0);
    await harness.screenshot(page, 'moderator-keys-page');
  });
});
