import { describe, expect, it } from 'vitest';
import { dayLabel, formatDuration, parseStats, queueBars } from './stats.ts';

describe('parseStats', () => {
  it('reads the figures and daily rows, zeroing what is not a count', () => {
    const stats = parseStats({
      openCases: 4,
      overdueCases: -1,
      openBySubjectType: [],
      daily: [{ day: '2026-05-01', decisions: 2, automatic: 9, escalated: 'x' }, 'junk'],
      medianSecondsToDecision: 125.5,
    });
    expect(stats).toEqual({
      openCases: 4,
      overdueCases: 0,
      daily: [{ day: '2026-05-01', decisions: 2, automatic: 9, escalated: 0 }],
      medianSecondsToDecision: 125.5,
    });
  });

  it('keeps a missing median as unknown', () => expect(parseStats({ daily: [], medianSecondsToDecision: null })?.medianSecondsToDecision).toBeNull());
  it.each([null, [], { daily: 'x' }])('refuses %j', (body) => expect(parseStats(body)).toBeUndefined());
});

describe('formatDuration', () => {
  it.each([
    [42.4, '42 s'],
    [60, '1 min'],
    [3599, '59 min'],
    [3600, '1 h'],
    [12_000, '3 h 20 min'],
    [86_400 * 2 + 3600 * 4, '2 d 4 h'],
    [86_400, '1 d'],
  ])('%d s reads %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));

  it.each([null, -1, Number.NaN])('shows a dash for %j', (value) => expect(formatDuration(value)).toBe('—'));
});

describe('dayLabel', () => {
  it('drops the year', () => expect(dayLabel('2026-05-01')).toBe('05-01'));
  it('leaves other text alone', () => expect(dayLabel('today')).toBe('today'));
});

describe('queueBars', () => {
  it('splits open cases into on time and overdue, busiest queue first', () => {
    expect(
      queueBars([
        { id: 'a', name: 'Quiet', open: 1, overdue: 0 },
        { id: 'b', name: 'Busy', open: 5, overdue: 2 },
        { id: 'c', name: 'Odd', open: 1, overdue: 3 },
      ]),
    ).toEqual([
      { id: 'b', name: 'Busy', onTime: 3, overdue: 2 },
      { id: 'c', name: 'Odd', onTime: 0, overdue: 1 },
      { id: 'a', name: 'Quiet', onTime: 1, overdue: 0 },
    ]);
  });
});
