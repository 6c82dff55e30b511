/** The Temporal server and its `sql` schema tool, built once from the Go module proxy into a per-version cache. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ensureGoBinaries } from '../goToolchain.ts';
import type { Env, Log } from './process.ts';

export const TEMPORAL_SERVER_VERSION = '1.29.1';
export const SERVER_MODULE = 'go.temporal.io/server';

/** `${XDG_CACHE_HOME:-$HOME/.cache}/bonafide/temporal-server-<version>`. */
export function temporalServerCacheDir(env: Env = process.env, home: string = homedir()): string {
  const cacheHome = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.trim() !== '' ? env.XDG_CACHE_HOME : join(home, '.cache');
  return join(cacheHome, 'bonafide', `temporal-server-${TEMPORAL_SERVER_VERSION}`);
}

/**
 * Returns the `server` and `sql` binaries of Temporal server TEMPORAL_SERVER_VERSION, building them
 * with `go install` when the cache directory does not hold both (see ensureGoBinaries: the build goes
 * to a sibling temporary directory that is renamed into place only when complete).
 */
export async function ensureTemporalServerBinaries(log: Log): Promise<{ server: string; sql: string }> {
  const cacheDir = temporalServerCacheDir();
  await ensureGoBinaries(
    cacheDir,
    [`${SERVER_MODULE}/cmd/server@v${TEMPORAL_SERVER_VERSION}`, `${SERVER_MODULE}/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`],
    ['server', 'sql'],
    log,
  );
  return { server: join(cacheDir, 'server'), sql: join(cacheDir, 'sql') };
}
