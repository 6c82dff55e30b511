import { describe, expect, it } from 'vitest';
import { maxRetryAfterMs, parseRetryAfter } from './retryAfter.ts';

const now = new Date('2026-03-02T10:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date relative to now, and a past date as no wait', () => {
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:05:00 GMT', now)).toBe(300_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('caps long waits', () => {
    expect(parseRetryAfter('86400', now)).toBe(maxRetryAfterMs);
    expect(parseRetryAfter('Tue, 10 Mar 2026 10:00:00 GMT', now)).toBe(maxRetryAfterMs);
    expect(parseRetryAfter('600', now, 60_000)).toBe(60_000);
  });

  it('ignores absent and malformed values', () => {
    for (const value of [null, undefined, '', '-5', '1.5', 'soon', '2026-03-02T10:05:00Z']) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
  });
});
