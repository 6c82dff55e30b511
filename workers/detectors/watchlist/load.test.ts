import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WatchlistLoadError, decodeListText, loadWatchlistIndex } from './load.ts';

const FIXTURE_DIRECTORY = join(import.meta.dirname, '../../../fixtures/seller-vetting/watchlists');

describe('loadWatchlistIndex on the synthetic fixtures', () => {
  it('loads the OFAC pair and the generic list without issues', async () => {
    const loaded = await loadWatchlistIndex([
      { format: 'ofac-sdn-csv', sdnPath: join(FIXTURE_DIRECTORY, 'sdn.csv'), altPath: join(FIXTURE_DIRECTORY, 'alt.csv') },
      { format: 'generic-csv', path: join(FIXTURE_DIRECTORY, 'banned-persons.csv'), listId: 'marketplace-banned' },
    ]);
    expect(loaded.issues).toEqual([]);
    const countOf = (listId: string) => loaded.entries.filter((e) => e.listId === listId).length;
    expect(countOf('ofac-sdn')).toBe(2000);
    expect(countOf('marketplace-banned')).toBe(12);
    expect(new Set(loaded.entries.map((e) => e.type))).toEqual(new Set(['individual', 'entity', 'vessel', 'aircraft']));
    expect(loaded.entries.some((e) => e.aliases.some((a) => a.kind === 'fka'))).toBe(true);
    expect(loaded.index.entryCount).toBe(2012);
    expect(loaded.buildMilliseconds).toBeGreaterThan(0);
  });
});

describe('loadWatchlistIndex on broken input', () => {
  let directory = '';
  beforeAll(async () => { directory = await mkdtemp(join(tmpdir(), 'watchlist-')); });
  afterAll(async () => { await rm(directory, { recursive: true, force: true }); });

  it('refuses to build an index with no usable entry', async () => {
    const path = join(directory, 'empty.csv');
    await writeFile(path, 'id,name,type\n1,,individual\n');
    const failure = loadWatchlistIndex([{ format: 'generic-csv', path, listId: 'x' }]);
    await expect(failure).rejects.toBeInstanceOf(WatchlistLoadError);
    await expect(failure).rejects.toMatchObject({ code: 'WATCHLIST_EMPTY' });
  });

  it('lets a missing file fail loudly', async () => {
    await expect(loadWatchlistIndex([{ format: 'ofac-sdn-csv', sdnPath: join(directory, 'absent.csv') }])).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports bad rows with the file name and still loads the rest', async () => {
    const path = join(directory, 'sdn-partial.csv');
    await writeFile(path, '1,"GOOD NAME",-0- ,"TCO",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n2,"BAD\r\n\u001A');
    const loaded = await loadWatchlistIndex([{ format: 'ofac-sdn-csv', sdnPath: path }]);
    expect(loaded.entries.map((e) => e.primaryName)).toEqual(['GOOD NAME']);
    expect(loaded.issues).toMatchObject([{ file: 'sdn-partial.csv', line: 2 }]);
  });
});

describe('decodeListText', () => {
  it('reads UTF-8, and falls back to Windows-1252 for older exports', () => {
    expect(decodeListText(new TextEncoder().encode('MÜLLER, José'))).toBe('MÜLLER, José');
    expect(decodeListText(Uint8Array.from([0x4d, 0xdc, 0x4c, 0x4c, 0x45, 0x52, 0x2c, 0x20, 0x4a, 0x6f, 0x73, 0xe9]))).toBe('MÜLLER, José');
  });
});
