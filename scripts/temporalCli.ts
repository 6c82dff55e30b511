import path from 'node:path';
import { cacheRoot, ensureGoBinaries } from './goToolchain.ts';

/**
 * The Temporal CLI contains the whole dev server (SQLite-backed, with the Web UI). Its official
 * installers download a binary from Temporal's site; we build the pinned version from the Go
 * module proxy instead. v1.5.1 (server 1.29.1) is the newest tag whose go.mod has no `replace`
 * directive, which `go install pkg@version` requires.
 */
export const TEMPORAL_CLI_VERSION = '1.5.1';

export async function ensureTemporalCli(log: (line: string) => void): Promise<string> {
  if (process.env.TEMPORAL_CLI_PATH) return process.env.TEMPORAL_CLI_PATH;
  const dir = path.join(cacheRoot(), `temporal-cli-${TEMPORAL_CLI_VERSION}`);
  await ensureGoBinaries(dir, [`github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`], ['temporal'], log);
  return path.join(dir, 'temporal');
}
