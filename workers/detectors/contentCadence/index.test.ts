import { describe, expect, it } from 'vitest';
import { burstiness, cadenceDetector, emptyCadenceState, priorActiveMedian, recordPost, type CadenceState } from './index.ts';

function feed(times: string[], state: CadenceState = emptyCadenceState()) {
  let countOnDay = 0;
  for (const time of times) ({ state, countOnDay } = recordPost(state, new Date(time), false));
  return { state, countOnDay };
}

const hours = (day: string, count: number, from = 8) => Array.from({ length: count }, (_, index) => `${day}T${String(from + Math.floor(index * (12 / count))).padStart(2, '0')}:${String((index * 7) % 60).padStart(2, '0')}:00Z`);

describe('cadence', () => {
  it('flags the 11th promo post of a day, citing the rate', () => {
    const { state, countOnDay } = feed(hours('2026-03-02', 15));
    const [signal] = cadenceDetector.detect({ state, postedAt: new Date('2026-03-02T20:00:00Z'), countOnDay });
    expect(signal?.code).toBe('content.cadence_excessive');
    expect(signal?.evidence).toMatchObject({ postsOnDay: 15, maxPerDay: 10, day: '2026-03-02' });
    expect(signal?.summary).toContain('15 promo posts');
    const ten = feed(hours('2026-03-02', 10));
    expect(cadenceDetector.detect({ state: ten.state, postedAt: new Date('2026-03-02T20:00:00Z'), countOnDay: ten.countOnDay })).toEqual([]);
  });

  it("flags more than 3x the creator's own median of active days", () => {
    const history = ['2026-03-01', '2026-03-03', '2026-03-05', '2026-03-07', '2026-03-09', '2026-03-11'].map((day) => `${day}T12:00:00Z`);
    const { state, countOnDay } = feed([...history, ...hours('2026-03-12', 4)]);
    expect(priorActiveMedian(state, 20524 + 0)).toBeDefined();
    const [signal] = cadenceDetector.detect({ state, postedAt: new Date('2026-03-12T18:00:00Z'), countOnDay });
    expect(signal?.evidence).toMatchObject({ postsOnDay: 4, medianOfActiveDays: 1, ratioToMedian: 4 });
    // Without enough history the ratio does not act.
    const fresh = feed(hours('2026-03-12', 4));
    expect(cadenceDetector.detect({ state: fresh.state, postedAt: new Date('2026-03-12T18:00:00Z'), countOnDay: fresh.countOnDay })).toEqual([]);
  });

  it('keeps a fixed-size state however many posts came before (O(1) per post)', () => {
    const days = Array.from({ length: 90 }, (_, index) => new Date(Date.UTC(2026, 0, 1 + index, 12)).toISOString());
    const { state } = feed(days);
    expect(state.dailyCounts).toHaveLength(30);
    expect(state.postCount).toBe(90);
    expect(state.dailyCounts.filter((count) => count !== 1)).toEqual([]);
    expect(burstiness(state)).toBeLessThan(-0.9); // perfectly regular gaps
  });

  it('counts a late post on its own day without moving the gap statistics', () => {
    const { state } = feed(['2026-03-05T10:00:00Z', '2026-03-05T12:00:00Z']);
    const late = recordPost(state, new Date('2026-03-04T09:00:00Z'), true);
    expect(late.countOnDay).toBe(1);
    expect(late.state.gapCount).toBe(state.gapCount);
    expect(late.state.clearDisclosures).toBe(1);
  });
});
