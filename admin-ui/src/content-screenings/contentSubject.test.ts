import { describe, expect, it } from 'vitest';
import { disclosureTone, readContentSubject } from './contentSubject.ts';

describe('content subject', () => {
  it('reads the API presentation, with the cluster posts side by side', () => {
    const subject = readContentSubject({
      postId: 'p1', creatorId: 'c1', surface: 'video', postedAt: '2026-01-01T00:00:00Z', caption: '<b>hi</b>', transcript: null, hashtags: ['#sp', 3],
      disclosure: 'buried', cluster: { id: 'k1', postCount: 3, creatorCount: 3 },
      sideBySide: [{ postId: 'p2', creatorId: 'c2', text: 'same words', excerpts: [{ post: 'a b c', match: 'a b d', similarity: 0.67 }, 'junk'] }],
      creatorCadence: { postsOnLatestDay: 15, medianPerActiveDay: 2, burstiness: 0.4 },
    });
    expect(subject).toMatchObject({ caption: '<b>hi</b>', hashtags: ['#sp'], cluster: { id: 'k1', postCount: 3 }, cadence: { postsOnLatestDay: 15, burstiness: 0.4 } });
    expect(subject?.sideBySide[0]?.excerpts).toEqual([{ post: 'a b c', match: 'a b d', similarity: 0.67 }]);
  });

  it('reads a missing or malformed subject as absent', () => {
    expect(readContentSubject(null)).toBeNull();
    expect(readContentSubject({ postId: 3 })).toBeNull();
    expect(readContentSubject({ postId: 'p', cluster: 'x', sideBySide: 'y' })).toMatchObject({ cluster: null, sideBySide: [], cadence: null });
  });

  it('tones disclosure classes', () => {
    expect(disclosureTone('clear')).toBe('success');
    expect(disclosureTone('buried')).toBe('warning');
    expect(disclosureTone('missing')).toBe('error');
    expect(disclosureTone(null)).toBe('default');
  });
});
