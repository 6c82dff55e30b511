/**
 * Everything a browser test needs, really started: the API listening on a free port (with a real
 * worker, from ../../support/platform.ts), the built console served by `vite preview` on another
 * free port with its API proxy, and headless Chromium. `loggedInPage(role)` gives a page of a new
 * console user of that role, logged in through the console's own login form.
 *
 *     const harness = await startConsolePlatform();
 *     const { page } = await harness.loggedInPage('moderator', { marketplaces: [tenantId] });
 *     await page.goto(harness.consoleUrl('/cases'));
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { UserRole } from '../../../prisma/generated/client.ts';
import { unusedPort } from '../../../scripts/ports.ts';
import { consoleUser, type ConsoleUserOptions } from '../../support/console.ts';
import { startTestPlatform, type PlatformOptions, type TestPlatform } from '../../support/platform.ts';
import { launchChromium } from './browser.ts';
import { startConsole, type RunningConsole } from './consoleServer.ts';

/** The password of every user support/console.ts creates. */
const CONSOLE_USER_PASSWORD = 'pw';

/** Screenshots are committed: they show the console as a person sees it. */
export const SCREENSHOT_DIR = path.join(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots');

export interface ConsolePlatform {
  platform: TestPlatform;
  /** the API's own address, for calls a marketplace makes (fetch, curl) */
  apiUrl: string;
  consoleUrl(route?: string): string;
  /** a new console user of the role (every marketplace unless options.marketplaces), logged in through the console's form */
  loggedInPage(role: UserRole, options?: ConsoleUserOptions): Promise<{ page: Page; context: BrowserContext; user: { id: string; email: string; displayName: string } }>;
  /** a page of a new browser context with no session (pages a marketplace links people to), e.g. at a phone's viewport */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** saves a screenshot under docs/screenshots/ (the whole page with `fullPage`) */
  screenshot(page: Page, name: string, options?: { fullPage?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export async function startConsolePlatform(options: PlatformOptions = {}): Promise<ConsolePlatform> {
  const [apiPort, consolePort] = [await unusedPort(), await unusedPort()];
  const consoleOrigin = `http://127.0.0.1:${consolePort}`;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const platform = await startTestPlatform({
    ...options,
    // the built console also serves the buyer page its links point to
    config: { CONSOLE_ORIGINS: consoleOrigin, API_PUBLIC_URL: apiUrl, BUYER_PAGE_URL: `${consoleOrigin}/buyer.html`, LOGIN_ATTEMPTS_PER_MINUTE: '1000', ...options.config },
  });
  let console: RunningConsole | undefined;
  let browser: Browser | undefined;
  try {
    await platform.app.listen({ host: '127.0.0.1', port: apiPort });
    console = await startConsole({ port: consolePort, apiUrl });
    browser = await launchChromium();
  } catch (error) {
    await browser?.close();
    await console?.stop();
    await platform.close();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  const consoleUrl = (route = '/') => `${consoleOrigin}/#${route}`;

  return {
    platform,
    apiUrl,
    consoleUrl,
    async loggedInPage(role, userOptions) {
      const { user } = await consoleUser(platform, role, userOptions);
      const context = await browser!.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'UTC' });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(consoleUrl('/login'));
      await page.locator('input[name="username"]').fill(user.email);
      await page.locator('input[name="password"]').fill(CONSOLE_USER_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // the dashboard's session card names the user once the session is live
      try {
        await page.getByText(user.displayName, { exact: true }).first().waitFor();
      } catch (error) {
        const shown = await page.locator('body').innerText().catch(() => '');
        throw new Error(`${user.email} did not reach the dashboard (${(error as Error).message}); the page shows: ${shown.slice(0, 500)}`);
      }
      return { page, context, user };
    },
    async newPage(contextOptions) {
      const context = await browser!.newContext({ locale: 'en-GB', timezoneId: 'UTC', ...contextOptions });
      contexts.push(context);
      return await context.newPage();
    },
    async screenshot(page, name, options) {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      // transitions finished: a progress bar caught moving would show a value it no longer has
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: options?.fullPage ?? false, animations: 'disabled' });
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser?.close();
      await console?.stop();
      await platform.close();
    },
  };
}
