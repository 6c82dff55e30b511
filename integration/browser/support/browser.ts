/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), headless with the flags
 * the toolchain notes list; each launch has a fresh profile (playwright makes a temporary one).
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  try {
    return await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
  } catch (error) {
    throw new Error(`Chromium did not start from ${executablePath} (npm test installs it when missing; or set CHROMIUM_PATH): ${(error as Error).message}`);
  }
}
