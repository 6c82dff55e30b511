/**
 * The Temporal dev server keeps every workflow history (inputs, results, failures) in one SQLite
 * file, with `-wal` and `-shm` side files while it runs. They are as private as the keys beside
 * them in `.data/` (0600), whatever the user's umask: the server runs under umask 077, so the
 * files it creates come out 0600 (SQLite gives its side files the database file's mode), and the
 * modes are set before it starts and again once it is up, which mends files an earlier run left
 * readable.
 *
 * The file cannot be created empty beforehand: the dev server sets up its schema only when the
 * file does not exist yet, and fails on an empty one.
 */
import { chmod, stat } from 'node:fs/promises';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_UMASK = 0o077;

/** The database file and the side files SQLite may keep next to it. */
export const sqliteFiles = (file: string): string[] => [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];

/** Sets 0600 on the database file and whichever side files exist; returns the files it changed. */
export async function restrictDatabaseFiles(file: string): Promise<string[]> {
  const changed: string[] = [];
  for (const candidate of sqliteFiles(file)) {
    try {
      if (((await stat(candidate)).mode & 0o777) === PRIVATE_FILE_MODE) continue;
      await chmod(candidate, PRIVATE_FILE_MODE);
      changed.push(candidate);
    } catch (error) {
      // a side file exists only while SQLite needs it: one that is gone has nothing to protect
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return changed;
}

/**
 * Runs `spawnChild` with the process umask at 077, so the child it spawns inherits that umask.
 * Node's spawn has no umask option; spawning is synchronous, so the umask is back before any
 * other JavaScript runs.
 */
export function withPrivateUmask<T>(spawnChild: () => T): T {
  const previous = process.umask(PRIVATE_UMASK);
  try {
    return spawnChild();
  } finally {
    process.umask(previous);
  }
}
