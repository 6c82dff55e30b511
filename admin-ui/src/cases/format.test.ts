import { describe, expect, it } from 'vitest';
import { formatScore } from './format.ts';

describe('formatScore', () => {
  it('shows two decimals', () => {
    expect(formatScore(0.876)).toBe('0.88');
    expect(formatScore(1)).toBe('1.00');
  });

  it.each([undefined, null, '0.5', Number.NaN])('shows a dash for %j', (value) => {
    expect(formatScore(value)).toBe('—');
  });
});
