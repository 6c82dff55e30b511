import { describe, expect, it } from 'vitest';
import { birthDateFromMrz, expiryDateFromMrz } from './mrzDates.ts';

describe('MRZ dates', () => {
  const today = '2026-11-25';

  it('puts a birth year in the 2000s unless that would be in the future', () => {
    expect(birthDateFromMrz('010730', today)).toBe('2001-07-30');
    expect(birthDateFromMrz('261125', today)).toBe('2026-11-25');
    expect(birthDateFromMrz('261126', today)).toBe('1926-11-26');
    expect(birthDateFromMrz('740812', today)).toBe('1974-08-12');
  });

  it('puts every expiry year in the 2000s', () => {
    expect(expiryDateFromMrz('991231')).toBe('2099-12-31');
    expect(expiryDateFromMrz('120415')).toBe('2012-04-15');
  });

  it('gives null for digits that are not a calendar date', () => {
    expect(birthDateFromMrz('741332', today)).toBeNull();
    expect(expiryDateFromMrz('230229')).toBeNull();
    expect(expiryDateFromMrz('2402<<')).toBeNull();
    expect(expiryDateFromMrz('240229')).toBe('2024-02-29');
  });
});
