import { describe, expect, it } from 'vitest';
import { alignTokens, screenName } from './matcher.ts';
import { testEntries } from '../../../fixtures/seller-vetting/watchlists/unitTestList.ts';
import { buildWatchlistIndex } from './watchlistIndex.ts';

const index = buildWatchlistIndex(testEntries());
const best = (name: string, role: 'person' | 'organisation' = 'person') => screenName(index, name, role, { limit: 1 })[0];
const bestScore = (name: string, role: 'person' | 'organisation' = 'person') => best(name, role)?.score ?? 0;
const STRONG = 0.92;
const WEAK = 0.8;

describe('screenName: true hits', () => {
  it.each([
    ['natural order', 'Dmitri Olegovich Kovarin'],
    ['list order with comma', 'Kovarin, Dmitri Olegovich'],
    ['upper case, no comma', 'KOVARIN DMITRI OLEGOVICH'],
    ['Cyrillic script', 'Дмитри Олегович Коварин'],
  ])('scores %s as an exact match', (_, query) => {
    expect(best(query)).toMatchObject({ score: 1, name: { entry: { entryId: '100' } } });
  });

  it('finds an alias and reports it as the alias', () => {
    expect(best('Dmitriy Kovarine')).toMatchObject({ score: 1, name: { kind: 'aka', listedName: 'KOVARINE, Dmitriy' } });
    expect(best('Elena Volkanova')).toMatchObject({ name: { kind: 'fka', entry: { entryId: '105' } } });
  });

  it('matches accents dropped, and hyphen or space variants of Al-', () => {
    expect(best('Jurgen Mullerhausen')).toMatchObject({ score: 1, name: { entry: { entryId: '104' } } });
    expect(bestScore('Omar Khalid Alrashidi')).toBe(1);
    expect(bestScore('Omar Khalid Al Rashidi')).toBe(1);
  });

  it('keeps a one-letter typo or a swapped pair in a long name above the weak threshold', () => {
    expect(bestScore('Dmitri Olegovich Kovarim')).toBeGreaterThanOrEqual(WEAK);
    expect(bestScore('Dmitri Olegovich Kovairn')).toBeGreaterThanOrEqual(WEAK);
    expect(best('Dmitri Olegovich Kovairn')?.name.entry.entryId).toBe('100');
  });

  it('flags, but not strongly, a name missing its middle word', () => {
    const score = bestScore('Dmitri Kovarin');
    expect(score).toBeGreaterThanOrEqual(WEAK);
    expect(score).toBeLessThan(STRONG);
  });

  it('matches company names across legal forms and finds former names', () => {
    expect(best('Zorvane Maritime Trading Limited', 'organisation')).toMatchObject({ score: 1, name: { entry: { entryId: '300' } } });
    expect(best('Zorvane Shipping', 'organisation')).toMatchObject({ score: 1, name: { kind: 'fka' } });
    expect(bestScore('Kestraline Petrochemical', 'organisation')).toBe(1);
  });

  it('matches a short name only when it is exact', () => {
    expect(bestScore('Wei Li')).toBe(1);
    expect(bestScore('Wen Li')).toBeLessThan(WEAK);
    expect(bestScore('Wei Lu')).toBeLessThan(WEAK);
  });
});

describe('screenName: decoys', () => {
  it('never lets one common word match on its own', () => {
    expect(bestScore('Mohammed')).toBeLessThan(WEAK);
    expect(bestScore('Mohammed Tarkanian')).toBeLessThan(WEAK);
    expect(bestScore('Trading', 'organisation')).toBeLessThan(WEAK);
    expect(bestScore('Bluewater Trading FZE', 'organisation')).toBeLessThan(WEAK);
    expect(bestScore('General Trading', 'organisation')).toBeLessThan(WEAK);
  });

  it('does not flag two common words that miss the rare surname', () => {
    expect(bestScore('Mohammed Ali')).toBeLessThan(WEAK);
  });

  it('does not flag a shared rare surname with a different given name', () => {
    expect(bestScore('Natalia Kovarin')).toBeLessThan(WEAK);
  });

  it('screens only the role asked for: people against individuals, businesses against entities', () => {
    expect(screenName(index, 'Zorvane Maritime Trading', 'person')).toEqual([]);
    expect(screenName(index, 'Dmitri Olegovich Kovarin', 'organisation')).toEqual([]);
    expect(screenName(index, 'Zorvane Star', 'organisation').map((m) => m.name.listedName)).not.toContain('ZORVANE STAR');
  });

  it('returns nothing for an empty or punctuation-only name', () => {
    expect(screenName(index, '', 'person')).toEqual([]);
    expect(screenName(index, ' - , ', 'organisation')).toEqual([]);
  });
});

describe('screenName: results', () => {
  it('returns one result per entry, best first, within the limit and above the floor', () => {
    const matches = screenName(index, 'Mohammed Ali Hassaneyn', 'person', { limit: 3, minScore: 0.2 });
    expect(matches.length).toBeLessThanOrEqual(3);
    expect(matches[0]?.name.entry.entryId).toBe('102');
    expect(new Set(matches.map((m) => m.name.entry.entryId)).size).toBe(matches.length);
    expect(matches.map((m) => m.score)).toEqual([...matches.map((m) => m.score)].sort((a, b) => b - a));
    expect(matches.filter((m) => m.score < 0.2)).toEqual([]);
  });
});

describe('alignTokens', () => {
  it('pairs each word at most once, closest first', () => {
    expect(alignTokens(['kovarin', 'kovarin'], ['kovarin'])).toEqual([{ query: 0, listed: 0, similarity: 1 }]);
    expect(alignTokens(['dmitri', 'kovarim'], ['kovarin', 'dmitri'])).toEqual([
      { query: 0, listed: 1, similarity: 1 },
      { query: 1, listed: 0, similarity: 1 - 1 / 7 },
    ]);
  });
});
