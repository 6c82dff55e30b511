import { describe, expect, it } from 'vitest';
import { testEntries } from '../../../fixtures/seller-vetting/watchlists/unitTestList.ts';
import { buildWatchlistIndex, deletionVariants, editBudget, tokenSimilarity, typingDistance } from './watchlistIndex.ts';

describe('edit budget and token similarity', () => {
  it('lets longer words carry more typos', () => {
    expect([3, 4, 5, 8, 9, 14].map(editBudget)).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('counts a swap of neighbouring letters as one edit', () => {
    expect(typingDistance('delatram', 'delartam')).toBe(1);
    expect(typingDistance('kovarin', 'kovarin')).toBe(0);
    expect(typingDistance('kovarin', 'kavorin')).toBe(2);
    expect(typingDistance('', 'abc')).toBe(3);
  });

  it('scores within budget and gives 0 beyond it', () => {
    expect(tokenSimilarity('kovarin', 'kovarin')).toBe(1);
    expect(tokenSimilarity('kovarin', 'kovarim')).toBeCloseTo(1 - 1 / 7);
    expect(tokenSimilarity('kovarin', 'kavorin')).toBe(0);
    expect(tokenSimilarity('wei', 'wen')).toBe(0);
    expect(tokenSimilarity('mullerhausen', 'mulerhauzen')).toBeCloseTo(1 - 2 / 12);
  });

  it('generates deletion variants to the requested depth', () => {
    expect(deletionVariants('abc', 1)).toEqual(new Set(['abc', 'bc', 'ac', 'ab']));
    expect(deletionVariants('abc', 0)).toEqual(new Set(['abc']));
  });
});

describe('buildWatchlistIndex', () => {
  const index = buildWatchlistIndex(testEntries());

  it('indexes individuals and entities by role and leaves vessels out', () => {
    expect(index.entryCount).toBe(testEntries().length);
    expect(index.person.names.some((n) => n.listedName === 'KOVARINE, Dmitriy' && n.kind === 'aka')).toBe(true);
    expect(index.organisation.names.map((n) => n.listedName)).not.toContain('ZORVANE STAR');
    expect(index.person.names.map((n) => n.listedName)).not.toContain('ZORVANE MARITIME TRADING LLC');
  });

  it('finds listed words within the edit budget of a misspelt one', () => {
    expect(index.person.similarTokens('kovarim').map((t) => t.token)).toContain('kovarin');
    expect(index.person.similarTokens('kovairn').map((t) => t.token)).toContain('kovarin');
    expect(index.person.similarTokens('wen').map((t) => t.token)).toEqual([]);
  });

  it('weighs frequent words far below rare ones', () => {
    expect(index.person.weight('mohammed')).toBeLessThan(index.person.weight('kovarin') / 2);
    expect(index.person.weight('never-listed')).toBe(index.person.unseenWeight);
    expect(index.organisation.weight('trading')).toBeLessThanOrEqual(1);
  });
});
