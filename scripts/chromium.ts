/**
 * The browser the browser tests drive: Debian's Chromium (playwright-core never downloads one,
 * which could not work here anyway). A fresh machine does not have it, so the test command
 * installs it with apt-get when it runs as root, and otherwise stops with what to run.
 */
import { existsSync } from 'node:fs';
import { run } from './processes.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function ensureChromium(log: (line: string) => void): Promise<string> {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH} (the browser tests need it). Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  log('installing Chromium for the browser tests (apt-get install -y chromium)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    // A fresh machine may have no package lists yet.
    await run('apt-get', ['update'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} does not exist; set CHROMIUM_PATH`);
  return CHROMIUM_PATH;
}
