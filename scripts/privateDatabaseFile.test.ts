import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restrictDatabaseFiles, withPrivateUmask } from './privateDatabaseFile.ts';

const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

let dir: string;
let umask: number;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bonafide-private-db-'));
  // the usual umask, under which new files come out world-readable (0644)
  umask = process.umask(0o022);
});
afterEach(async () => {
  process.umask(umask);
  await rm(dir, { recursive: true, force: true });
});

describe('the Temporal dev server database file', () => {
  it('makes an existing file and its SQLite side files 0600, keeping their contents', async () => {
    const file = path.join(dir, 'temporal.sqlite');
    for (const name of [file, `${file}-wal`, `${file}-shm`]) await writeFile(name, 'history', { mode: 0o644 });
    expect(await modeOf(`${file}-wal`)).toBe(0o644);
    expect(await restrictDatabaseFiles(file)).toEqual([file, `${file}-wal`, `${file}-shm`]);
    for (const name of [file, `${file}-wal`, `${file}-shm`]) expect(await modeOf(name), name).toBe(0o600);
    expect(await readFile(file, 'utf8')).toBe('history');
    // nothing left to change; a missing side file (-journal here) is not created
    expect(await restrictDatabaseFiles(file)).toEqual([]);
    await expect(stat(`${file}-journal`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('creates nothing before the first start: the dev server sets up its schema only in a file that does not exist', async () => {
    const file = path.join(dir, 'temporal.sqlite');
    expect(await restrictDatabaseFiles(file)).toEqual([]);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports the files it made private', async () => {
    const file = path.join(dir, 'temporal.sqlite');
    await writeFile(file, '', { mode: 0o600 });
    await writeFile(`${file}-shm`, '', { mode: 0o664 });
    expect(await restrictDatabaseFiles(file)).toEqual([`${file}-shm`]);
  });

  it('spawns the server under umask 077, so the files it creates are 0600, and restores the umask', async () => {
    const created = path.join(dir, 'temporal.sqlite');
    // `: >` creates the file as SQLite does, asking for 0644 and leaving the rest to the umask
    const result = withPrivateUmask(() => spawnSync('sh', ['-c', `umask; : > '${created}'`], { encoding: 'utf8' }));
    expect(result.stdout.trim()).toMatch(/^0*77$/);
    expect(await modeOf(created)).toBe(0o600);
    expect(process.umask(0o022)).toBe(0o022);
  });
});
