import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { processExists, run } from './processes.ts';

/** Where built tools are cached: outside the clone, so a fresh clone on the same machine reuses them. */
export function cacheRoot(): string {
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'bonafide');
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, fsConstants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** `$GO`, else `go` on PATH, else `$GOROOT/bin/go`, else the standard /usr/local/go install. */
export function goBinary(): string {
  const env = process.env;
  const candidates: string[] = [];
  if (env.GO) candidates.push(env.GO);
  for (const dir of (env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(path.join(dir, 'go'));
  if (env.GOROOT) candidates.push(path.join(env.GOROOT, 'bin', 'go'));
  candidates.push('/usr/local/go/bin/go');
  const found = candidates.find(isExecutableFile);
  if (found) return found;
  throw new Error(
    'Go is needed to build the Temporal server and CLI from the Go module proxy, but `go` was not found ' +
      '(looked at $GO, PATH, $GOROOT/bin and /usr/local/go/bin).',
  );
}

/**
 * `go install`s the packages into `dir` unless every expected binary is already there. Builds into a
 * temporary folder next to it first (`<dir>.partial-<pid>-…`) and renames that into place once every
 * binary is in it, so an interrupted build never leaves a half cache; such leftovers are deleted by
 * the next build once their process is gone.
 */
export async function ensureGoBinaries(
  dir: string,
  packages: string[],
  binaries: string[],
  log: (line: string) => void,
): Promise<void> {
  const complete = () => binaries.every((name) => isExecutableFile(path.join(dir, name)));
  if (complete()) return;
  const go = goBinary();
  await mkdir(path.dirname(dir), { recursive: true });
  await removeAbandonedBuilds(dir);
  const staging = await mkdtemp(`${dir}.partial-${process.pid}-`);
  log(`building ${packages.join(' ')} from the Go module proxy (several minutes on a first run; cached in ${dir})`);
  const started = Date.now();
  try {
    // Run outside any Go module so a go.mod or go.work around the caller cannot interfere.
    await run(go, ['install', ...packages], { env: { ...process.env, GOBIN: staging, GOWORK: 'off' }, cwd: os.tmpdir() });
    const missing = binaries.filter((name) => !isExecutableFile(path.join(staging, name)));
    if (missing.length > 0) throw new Error(`go install finished but ${missing.join(', ')} missing in ${staging}`);
    try {
      await rename(staging, dir);
    } catch (error) {
      // Someone else finished first, or an incomplete folder is in the way.
      if (complete()) {
        await rm(staging, { recursive: true, force: true });
      } else {
        await rm(dir, { recursive: true, force: true });
        await rename(staging, dir).catch((retryError: unknown) => {
          throw new Error(`could not move ${staging} to ${dir}: ${String(retryError)} (first attempt: ${String(error)})`);
        });
      }
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Deletes `<dir>.partial-<pid>-…` folders whose build process is gone (an interrupted build). */
async function removeAbandonedBuilds(dir: string): Promise<void> {
  const parent = path.dirname(dir);
  const prefix = `${path.basename(dir)}.partial-`;
  for (const entry of await readdir(parent)) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    if (pid === process.pid || (Number.isInteger(pid) && pid > 0 && processExists(pid))) continue;
    await rm(path.join(parent, entry), { recursive: true, force: true });
  }
}

