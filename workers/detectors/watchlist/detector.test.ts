import { describe, expect, it } from 'vitest';
import { watchlistDetector } from './detector.ts';
import { parseGenericCsv } from './genericCsv.ts';
import { individual, testEntries } from '../../../fixtures/seller-vetting/watchlists/unitTestList.ts';
import { buildWatchlistIndex } from './watchlistIndex.ts';

const index = buildWatchlistIndex(testEntries());
const detect = watchlistDetector.detect.bind(watchlistDetector);

describe('watchlistDetector', () => {
  it('describes itself as every detector must', () => {
    expect(watchlistDetector).toMatchObject({ id: 'watchlist', thresholds: { strongMatch: 0.92, weakMatch: 0.8 } });
    expect(watchlistDetector.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(watchlistDetector.description.length).toBeGreaterThan(10);
  });

  it('emits nothing for a clean seller', () => {
    expect(detect({ personName: 'Eleanor Whitcombe', businessName: 'Meadowlark Candles', index })).toEqual([]);
  });

  it('raises a critical strong match with evidence about the LIST entry', () => {
    const [signal, ...rest] = detect({ personName: 'Dmitri Olegovich Kovarin', index });
    expect(rest).toEqual([]);
    expect(signal).toEqual({
      code: 'watchlist.strong_match',
      severity: 'critical',
      score: 1,
      summary: 'Legal name strongly matches entry 100 on test-list (score 1.00)',
      evidence: {
        field: 'person', listId: 'test-list', entryId: '100', entryType: 'individual',
        aliasKind: 'primary', programs: ['TEST'], score: 1, dateOfBirthCheck: 'not_checked',
      },
      detector: { id: 'watchlist', version: watchlistDetector.version },
    });
  });

  it('raises a medium weak match for a partial name', () => {
    const signals = detect({ personName: 'Dmitri Kovarin', index });
    expect(signals[0]).toMatchObject({ code: 'watchlist.weak_match', severity: 'medium', evidence: { entryId: '100' } });
  });

  it('screens the business name against entities and says which field matched', () => {
    const signals = detect({ personName: 'Eleanor Whitcombe', businessName: 'Zorvane Shipping Co Ltd', index });
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ code: 'watchlist.strong_match', evidence: { field: 'business', entryId: '300', aliasKind: 'fka' } });
  });

  it('never repeats the seller\'s own name or date of birth in a signal', () => {
    const personName = 'Dmitri Olegovitch Kovarin';
    const signals = detect({ personName, businessName: 'Zorvane Maritime Trading Limited', dateOfBirth: '1965-03-12', index });
    expect(signals.length).toBe(2);
    const stored = JSON.stringify(signals);
    expect(stored).not.toContain('Olegovitch');
    expect(stored).not.toContain('Limited');
    expect(stored).not.toContain('1965');
  });

  it('cites the list, entry and score, never the listed name (which is close to the seller\'s own)', () => {
    const signals = detect({ personName: 'Dmitri Olegovich Kovarin', businessName: 'Zorvane Shipping Co Ltd', index });
    expect(signals.length).toBe(2);
    const stored = JSON.stringify(signals).toUpperCase();
    for (const word of ['KOVARIN', 'DMITRI', 'OLEGOVICH', 'ZORVANE', 'SHIPPING']) expect(stored).not.toContain(word);
    for (const signal of signals) expect(signal.evidence).not.toHaveProperty('matchedName');
  });

  it('downgrades a strong match whose listed date of birth contradicts the seller\'s, and confirms a consistent one', () => {
    expect(detect({ personName: 'Dmitri Olegovich Kovarin', dateOfBirth: '1990-01-01', index })[0])
      .toMatchObject({ code: 'watchlist.weak_match', evidence: { dateOfBirthCheck: 'mismatch' } });
    expect(detect({ personName: 'Dmitri Olegovich Kovarin', dateOfBirth: '1965-03-12', index })[0])
      .toMatchObject({ code: 'watchlist.strong_match', evidence: { dateOfBirthCheck: 'match' } });
  });

  it('honours thresholds passed by the caller', () => {
    const strict = { strongMatch: 0.995, weakMatch: 0.97 };
    expect(detect({ personName: 'Dmitri Kovarin', index }, strict)).toEqual([]);
    expect(detect({ personName: 'Dmitri Olegovich Kovarim', index }, strict)).toEqual([]);
    expect(detect({ personName: 'Dmitri Olegovich Kovarin', index }, strict)[0]?.code).toBe('watchlist.strong_match');
  });

  it('caps the signals per field at the three best entries', () => {
    const crowded = buildWatchlistIndex(['01', '02', '03', '04', '05'].map((id) => individual(id, `VARESKO, Ivan ${id === '01' ? '' : 'Petrovich'}`.trim())));
    const signals = detect({ personName: 'Ivan Petrovich Varesko', index: crowded });
    expect(signals).toHaveLength(3);
    expect(signals.map((s) => s.evidence.entryId)).toEqual(['02', '03', '04']);
  });

  it('refuses to screen against an empty index rather than pass everyone', () => {
    expect(() => detect({ personName: 'Anyone', index: buildWatchlistIndex([]) })).toThrow(/index is empty/);
  });

  it('is deterministic', () => {
    const input = { personName: 'Mohammed Ali Hassaneyn', businessName: 'Zorvane Maritime', index };
    expect(detect(input)).toEqual(detect(input));
  });
});

describe('watchlist detector: private lists', () => {
  it('cites a private list entry by id only, never by the listed name', () => {
    const { entries } = parseGenericCsv('id,name,type,aliases,list\nB-9,Quentin Zabrowski,individual,,marketplace-banned\n', { defaultListId: 'marketplace-banned' });
    const [signal] = watchlistDetector.detect({ personName: 'Quentin Zabrowski', index: buildWatchlistIndex(entries) });
    expect(signal).toMatchObject({ code: 'watchlist.strong_match', evidence: { listId: 'marketplace-banned', entryId: 'B-9' } });
    expect(JSON.stringify(signal)).not.toContain('Zabrowski');
  });
});
