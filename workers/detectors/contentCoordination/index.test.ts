import { describe, expect, it } from 'vitest';
import { coordinationDetector, findCoordinatedGroup, type ScriptPosting } from './index.ts';

const now = '2026-03-10T00:00:00Z';
const posting = (creatorId: string, clusterId: string, daysAgo: number, seller: string | null = null): ScriptPosting => ({ creatorId, clusterId, promotedSellerId: seller, postedAt: new Date(new Date(now).getTime() - daysAgo * 86_400_000).toISOString() });

describe('coordinated groups', () => {
  const members = ['a', 'b', 'c', 'd', 'e'];
  const group = members.flatMap((creator) => ['s1', 's2', 's3'].map((script, index) => posting(creator, script, index + 1, 'seller-9')));

  it('reports 5 creators sharing 3 scripts within 7 days, with members, scripts and shared sellers', () => {
    const found = findCoordinatedGroup({ creatorId: 'a', postings: [...group, posting('x', 's1', 1)], now });
    expect(found).toEqual({ members, scripts: ['s1', 's2', 's3'], sharedSellers: ['seller-9'] });
    const [signal] = coordinationDetector.detect({ creatorId: 'a', postings: group, now });
    expect(signal?.evidence).toMatchObject({ memberCount: 5, scriptClusterIds: ['s1', 's2', 's3'] });
  });

  it('needs five creators, three common scripts, and the window', () => {
    expect(findCoordinatedGroup({ creatorId: 'a', postings: group.filter((item) => item.creatorId !== 'e'), now })).toBeNull();
    expect(findCoordinatedGroup({ creatorId: 'a', postings: group.filter((item) => item.clusterId !== 's3'), now })).toBeNull();
    const old = members.flatMap((creator) => ['s1', 's2', 's3'].map((script) => posting(creator, script, 9)));
    expect(findCoordinatedGroup({ creatorId: 'a', postings: old, now })).toBeNull();
    // Five creators each sharing some scripts but no three in common are no group.
    const scattered = ['a', 'b', 'c', 'd', 'e'].flatMap((creator, index) => [posting(creator, `s${index}`, 1), posting(creator, `s${index + 1}`, 1), posting(creator, `s${index + 2}`, 1)]);
    expect(findCoordinatedGroup({ creatorId: 'a', postings: scattered, now })).toBeNull();
  });
});
