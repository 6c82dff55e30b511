import { describe, expect, it } from 'vitest';
import { assignCluster } from './clusterAssignment.ts';
import { matchingExcerpts } from './excerpts.ts';
import { sharedScriptDetector } from './index.ts';
import { shinglesOf } from './minhash.ts';
import { scriptWordsOf } from './normalise.ts';

const script = 'This smart watch changed my mornings. The battery lasts a whole week and the strap never itches. I check my heart rate while I run and it syncs with my phone in seconds. Grab yours from the link below before the sale ends.';
const edited = 'Honestly this smart watch changed my mornings! The battery lasts a full week and the strap never itches. I check my heart rate while I run and it syncs with my phone in seconds. Grab yours from the link in my bio before the sale ends.';
const reordered = 'I check my heart rate while I run and it syncs with my phone in seconds. This smart watch changed my mornings. The battery lasts a whole week and the strap never itches. Grab yours from the link below before the sale ends.';
const original = 'I bought this smart watch last month with my own money. Battery is fine, maybe five days, and the heart rate reading jumps around when I run. Decent for the price but the strap gave me a rash.';

const shingles = (text: string) => shinglesOf(scriptWordsOf({ caption: text }));

const rule = { verifyJaccard: 0.3, verifyContainment: 0.7, minContainedShingles: 20 };

describe('cluster assignment', () => {
  const candidate = (postId: string, clusterId: string, text: string, created: string) => ({ postId, clusterId, clusterCreatedAt: new Date(created), creatorId: `creator-${postId}`, shingles: shingles(text) });

  it('joins the cluster of a lightly edited or reordered reading, and refuses an original review of the same product', () => {
    expect(assignCluster(shingles(edited), [candidate('p1', 'c1', script, '2026-01-01')], rule).clusterId).toBe('c1');
    expect(assignCluster(shingles(reordered), [candidate('p1', 'c1', script, '2026-01-01')], rule).clusterId).toBe('c1');
    expect(assignCluster(shingles(original), [candidate('p1', 'c1', script, '2026-01-01')], rule)).toEqual({ clusterId: null, mergedClusterIds: [], matches: [] });
  });

  it('finds a script read inside a longer text of the creator\'s own, but not a short common phrase', () => {
    const intro =
      'Hey everyone welcome back to my little corner of the internet where I talk about gadgets I use at home and on the road every single week. ' +
      'Before we start a quick story: my sister borrowed my bike on Saturday and came back with a flat tyre and a bag of lemons from the market. ' +
      'Anyway that has nothing to do with today but I promised to tell you. ';
    const outro =
      ' Let me know in the comments what you want me to review next and do not forget to follow for part two of this series tomorrow evening. ' +
      'I am also thinking about a cooking series with my grandmother who makes the best soup in the whole valley, tell me if you would watch that.';
    const wrapped = assignCluster(shingles(`${intro}${script}${outro}`), [candidate('p1', 'c1', script, '2026-01-01')], rule);
    expect(wrapped.clusterId).toBe('c1');
    expect(wrapped.matches[0]!.jaccard).toBeLessThan(0.3);
    expect(wrapped.matches[0]!.containment).toBeGreaterThanOrEqual(0.7);
    const phrase = 'Grab yours from the link below before the sale ends.';
    expect(assignCluster(shingles(`${intro}${phrase}${outro}`), [candidate('p1', 'c1', phrase, '2026-01-01')], rule).clusterId).toBeNull();
  });

  it('bridges two clusters into the oldest, whose id stays', () => {
    const assignment = assignCluster(shingles(script), [candidate('p2', 'young', edited, '2026-02-01'), candidate('p1', 'old', reordered, '2026-01-01')], rule);
    expect(assignment.clusterId).toBe('old');
    expect(assignment.mergedClusterIds).toEqual(['young']);
    expect(assignment.matches[0]!.jaccard).toBeGreaterThan(assignment.matches[1]!.jaccard);
  });
});

describe('matching excerpts', () => {
  it('pairs each sentence with its closest reading, as written', () => {
    const excerpts = matchingExcerpts(edited, script);
    expect(excerpts.length).toBeGreaterThan(0);
    expect(excerpts[0]!.similarity).toBe(1);
    expect(excerpts.some((pair) => pair.post.startsWith('Honestly this smart watch') && pair.match === 'This smart watch changed my mornings.')).toBe(true);
  });
});

describe('shared script detector', () => {
  const cluster = { id: 'c1', postCount: 3, creators: ['a', 'b'], firstSeenAt: '2026-01-01T00:00:00Z', lastSeenAt: '2026-01-02T00:00:00Z' };
  const bestMatch = { postId: 'x', externalPostId: 'post-1', creatorId: 'a', jaccard: 0.7, containment: 0.8, postedAt: '2026-01-01T00:00:00Z', excerpts: matchingExcerpts(edited, script) };

  it('reports the cluster, its creators and the excerpts', () => {
    const [signal] = sharedScriptDetector.detect({ creatorId: 'c', scriptWordCount: 40, cluster, bestMatch });
    expect(signal?.code).toBe('content.shared_script');
    expect(signal?.evidence).toMatchObject({ clusterId: 'c1', clusterSize: 3, creatorCount: 3, creators: ['a', 'b', 'c'] });
    expect((signal?.evidence.excerpts as unknown[]).length).toBeGreaterThan(0);
  });

  it('stays quiet for one creator repeating themselves or for a text too short to be a script', () => {
    expect(sharedScriptDetector.detect({ creatorId: 'a', scriptWordCount: 40, cluster: { ...cluster, creators: ['a'] }, bestMatch })).toEqual([]);
    expect(sharedScriptDetector.detect({ creatorId: 'c', scriptWordCount: 5, cluster, bestMatch })).toEqual([]);
  });
});
