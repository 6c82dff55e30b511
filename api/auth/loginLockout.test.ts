import { describe, expect, it } from 'vitest';
import { createLoginLockout, lockoutSeconds, STREAK_MEMORY_SECONDS } from './loginLockout.ts';

const settings = { failuresBeforeLockout: 5, lockoutSeconds: 60, maxLockoutSeconds: 900 };

describe('lockoutSeconds', () => {
  it('is nothing below the threshold, then doubles with each failure up to the maximum', () => {
    expect([1, 4, 5, 6, 7, 8, 9, 10].map((failures) => lockoutSeconds(failures, settings))).toEqual([0, 0, 60, 120, 240, 480, 900, 900]);
  });

  it('stays at the maximum however long the streak', () => {
    expect(lockoutSeconds(100_000, settings)).toBe(900);
  });

  it('cannot be configured to outlast the remembered streak', () => {
    expect(() => createLoginLockout({} as never, { ...settings, maxLockoutSeconds: STREAK_MEMORY_SECONDS + 1 })).toThrow(/outlast/);
  });
});
