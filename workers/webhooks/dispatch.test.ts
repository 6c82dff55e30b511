import { describe, expect, it } from 'vitest';
import { nextAttemptDelayMs } from './dispatch.ts';

const retry = { initialIntervalSeconds: 5, maximumIntervalSeconds: 60, windowSeconds: 3600 };

describe('the dispatcher’s backoff', () => {
  it('doubles from the initial interval after each failed attempt, up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => nextAttemptDelayMs(retry, attempt))).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
  });

  it('waits as long as the receiver’s Retry-After says instead', () => {
    expect(nextAttemptDelayMs(retry, 1, 90_000)).toBe(90_000);
    expect(nextAttemptDelayMs(retry, 6, 1_000)).toBe(1_000);
  });
});
