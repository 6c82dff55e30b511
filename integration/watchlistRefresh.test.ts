/**
 * The scheduled watchlist refresh on a real worker: nock stands in for the list host. A good
 * download is validated and swapped in (screening follows it without a restart); a broken one
 * (an error page, a list cut short) is refused and the previous lists stay in force.
 */
import { mkdtemp, readlink, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { watchlistDetector } from '../workers/detectors/watchlist/index.ts';
import { nock } from '../workers/http/testing/nock.ts';
import { followWatchlistDir } from '../workers/watchlists/liveWatchlist.ts';
import type { WatchlistRefreshResult } from '../workflows/watchlistRefresh.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';

const listHost = 'https://lists.sanctions.test';
const sdnRow = (id: number, name: string) => `${id},"${name}","individual","TEST",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"nationality Ostravia."`;
const firstList = [sdnRow(501, 'VORTESK, Ilyana'), sdnRow(502, 'KAMBRELLO, Tiziano'), sdnRow(503, 'OSTRAVEC, Miroslav'), sdnRow(504, 'DELAUNOIR, Perpetua')].join('\n') + '\n';
const secondList = [sdnRow(601, 'QUELLANDER, Ostin'), sdnRow(502, 'KAMBRELLO, Tiziano'), sdnRow(503, 'OSTRAVEC, Miroslav'), sdnRow(504, 'DELAUNOIR, Perpetua')].join('\n') + '\n';

let platform: TestPlatform;
let workDir: string;
let liveDir: string;
beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  workDir = await mkdtemp(path.join(os.tmpdir(), 'bonafide-watchlists-'));
  liveDir = path.join(workDir, 'watchlists');
  platform = await startTestPlatform({
    watchlistRefresh: {
      liveDir,
      sources: [{ file: 'sdn.csv', url: `${listHost}/sdn.csv` }],
      maxBytes: 1024 * 1024,
      timeoutMs: 5_000,
      allowPrivateNetwork: false,
      // a public address for the list host's name (nock answers before any connection is made)
      resolveHostname: async () => [{ address: '93.184.215.14', family: 4 }],
    },
  });
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  nock.enableNetConnect();
  await platform?.close();
  await rm(workDir, { recursive: true, force: true });
});

const refresh = () =>
  platform.temporal.workflow.execute<() => Promise<WatchlistRefreshResult>>('watchlistRefresh', {
    taskQueue: platform.config.TEMPORAL_TASK_QUEUE,
    workflowId: `watchlist-refresh-${uniqueSuffix()}`,
  });

const live = () => followWatchlistDir(liveDir);
const entriesMatching = async (watchlist: ReturnType<typeof live>, personName: string) =>
  watchlistDetector.detect({ personName, index: await watchlist.index() }).map((signal) => signal.evidence.entryId);

describe('watchlist refresh', () => {
  it('swaps in a good list, keeps it when the next download is broken, and follows the next good one', { timeout: 60_000 }, async () => {
    const screening = live();
    nock(listHost).get('/sdn.csv').reply(200, firstList);
    const first = await refresh();
    expect(first).toMatchObject({ outcome: 'swapped', entryCount: 4, previousEntryCount: null });
    expect(await entriesMatching(screening, 'Ilyana Vortesk')).toEqual(['501']);
    const inForce = await readlink(liveDir);

    // an error page served with 200
    nock(listHost).get('/sdn.csv').reply(200, '<html><body>Service temporarily unavailable</body></html>');
    const broken = await refresh();
    expect(broken).toMatchObject({ outcome: 'kept_previous' });
    expect(broken.outcome === 'kept_previous' && broken.reason).toContain('do not parse');
    expect(await readlink(liveDir)).toBe(inForce);

    // a download cut short: one entry where four were in force
    nock(listHost).get('/sdn.csv').reply(200, `${sdnRow(501, 'VORTESK, Ilyana')}\n`);
    const truncated = await refresh();
    expect(truncated.outcome === 'kept_previous' && truncated.reason).toContain('fewer than half');
    expect(await readlink(liveDir)).toBe(inForce);
    expect(await entriesMatching(screening, 'Ilyana Vortesk')).toEqual(['501']);

    nock(listHost).get('/sdn.csv').reply(200, secondList);
    expect(await refresh()).toMatchObject({ outcome: 'swapped', entryCount: 4, previousEntryCount: 4 });
    expect(await readlink(liveDir)).not.toBe(inForce);
    expect(await entriesMatching(screening, 'Ilyana Vortesk')).toEqual([]);
    expect(await entriesMatching(screening, 'Ostin Quellander')).toEqual(['601']);
  });

  it('keeps the previous lists when the host refuses the download', { timeout: 60_000 }, async () => {
    nock(listHost).get('/sdn.csv').reply(404, 'not found');
    const before = await readlink(liveDir).catch(() => undefined);
    const result = await refresh();
    expect(result).toMatchObject({ outcome: 'kept_previous' });
    expect(result.outcome === 'kept_previous' && result.reason).toContain('HTTP 404');
    expect(await readlink(liveDir).catch(() => undefined)).toBe(before);
  });
});
