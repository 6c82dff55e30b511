import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { run } from './processes.ts';

/** Where built tools are cached: outside the clone, so a fresh clone on the same machine reuses them. */
export function cacheRoot(): string {
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'bonafide');
}

export function goBinary(): string {
  for (const candidate of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(candidate, 'go');
    if (candidate && existsSync(file)) return file;
  }
  if (existsSync('/usr/local/go/bin/go')) return '/usr/local/go/bin/go';
  throw new Error('Go is needed to build the Temporal server from the Go module proxy, but `go` was not found on PATH.');
}

/**
 * `go install`s the packages into `dir` unless every expected binary is already there. Builds into a
 * temporary folder first and renames it, so an interrupted build never leaves a half cache.
 */
export async function ensureGoBinaries(
  dir: string,
  packages: string[],
  binaries: string[],
  log: (line: string) => void,
): Promise<void> {
  if (binaries.every((name) => existsSync(path.join(dir, name)))) return;
  await mkdir(path.dirname(dir), { recursive: true });
  const staging = await mkdtemp(`${dir}.building-`);
  log(`building ${packages.join(' ')} from the Go module proxy (several minutes on a first run; cached in ${dir})`);
  const started = Date.now();
  try {
    await run(goBinary(), ['install', ...packages], { env: { ...process.env, GOBIN: staging }, cwd: os.tmpdir() });
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
}
