/**
 * The on-disk layout the watchlist refresh manages: WATCHLIST_DIR is a symbolic link to one
 * complete, validated version folder in `<WATCHLIST_DIR>.versions/`. Swapping the link is one
 * rename(2), so a reader sees the old lists or the new ones, never a mix or a half-written file.
 */
import { lstat, mkdir, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';

export const versionsFolder = (liveDir: string) => `${liveDir}.versions`;

/** Refuses a WATCHLIST_DIR that is a real folder: the refresh would have to overwrite files in place. */
export async function assertManagedLayout(liveDir: string): Promise<void> {
  const stat = await lstat(liveDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (stat && !stat.isSymbolicLink()) {
    throw new Error(`${liveDir} is a folder; with WATCHLIST_SOURCES set, WATCHLIST_DIR must be absent or a link the refresh manages`);
  }
}

/** The version folder the link points at, or undefined before the first refresh. */
export async function currentVersion(liveDir: string): Promise<string | undefined> {
  try {
    return path.resolve(path.dirname(liveDir), await readlink(liveDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function newVersionFolder(liveDir: string, stamp: string): Promise<string> {
  const folder = path.join(versionsFolder(liveDir), `${stamp}.partial`);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  return folder;
}

/** Completes a validated version and points the link at it; keeps the newest `keep` versions. */
export async function swapIn(liveDir: string, staged: string, keep = 3): Promise<string> {
  const complete = staged.replace(/\.partial$/, '');
  await rename(staged, complete);
  const nextLink = `${liveDir}.next`;
  await rm(nextLink, { force: true });
  await symlink(path.relative(path.dirname(liveDir), complete), nextLink);
  await rename(nextLink, liveDir);
  const versions = (await readdir(versionsFolder(liveDir))).filter((name) => !name.endsWith('.partial')).sort();
  for (const old of versions.slice(0, Math.max(0, versions.length - keep))) {
    await rm(path.join(versionsFolder(liveDir), old), { recursive: true, force: true });
  }
  return complete;
}
