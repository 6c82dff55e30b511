import { describe, expect, it } from 'vitest';
import { isSmall } from './validation.ts';

describe('isSmall', () => {
  it('counts keys and array items at every depth', () => {
    expect(isSmall({ a: 1, b: [1, 2, { c: 3 }] }, 6)).toBe(true);
    expect(isSmall({ a: 1, b: [1, 2, { c: 3 }] }, 5)).toBe(false);
    expect(isSmall('a string, however long', 0)).toBe(true);
  });

  it('stops counting once past the budget', () => {
    const huge = Object.fromEntries(Array.from({ length: 100_000 }, (_, index) => [`f${index}`, index]));
    expect(isSmall(huge, 1000)).toBe(false);
    expect(isSmall(huge, 100_000)).toBe(true);
  });
});
