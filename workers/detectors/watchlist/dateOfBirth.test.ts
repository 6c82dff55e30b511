import { describe, expect, it } from 'vitest';
import { compareDateOfBirth, listedBirthYears } from './dateOfBirth.ts';

describe('listedBirthYears', () => {
  it('reads exact dates, bare years, circa and ranges', () => {
    expect(listedBirthYears(['12 Mar 1965', '1966', 'circa 1970', '1980 to 1982', 'unknown'])).toEqual([
      { from: 1965, to: 1965 }, { from: 1966, to: 1966 }, { from: 1968, to: 1972 }, { from: 1980, to: 1982 },
    ]);
  });
});

describe('compareDateOfBirth', () => {
  it('matches when the year falls in any listed range', () => {
    expect(compareDateOfBirth('1965-07-01', ['12 Mar 1965'])).toBe('match');
    expect(compareDateOfBirth('1971', ['circa 1970'])).toBe('match');
    expect(compareDateOfBirth('1981-01-01', ['1975', '1980 to 1982'])).toBe('match');
  });

  it('calls a year outside every listed range a mismatch', () => {
    expect(compareDateOfBirth('1990-01-01', ['12 Mar 1965', 'circa 1970'])).toBe('mismatch');
  });

  it('does not check without a usable date on either side', () => {
    expect(compareDateOfBirth(undefined, ['1965'])).toBe('not_checked');
    expect(compareDateOfBirth('1965-01-01', [])).toBe('not_checked');
    expect(compareDateOfBirth('01/02/1965', ['1965'])).toBe('not_checked');
  });
});
