import { describe, expect, it } from 'vitest';
import { SERIAL_MAX_LENGTH, SERIAL_PATTERN_MAX_LENGTH, serialMatchesPattern, serialPatternProblem } from './serialPattern.ts';

describe("a brand's serial pattern", () => {
  it.each(['[A-Z]{2}\\d{8}', 'SN-[0-9A-F]{12}', '\\d{6}[A-Z]?', '(?:AB|CD)-\\d{4}'])('accepts the ordinary pattern %s', (pattern) => {
    expect(serialPatternProblem(pattern)).toBeNull();
  });

  it.each([
    ['(a+)+$', /exponential/],
    ['([a-z]*)*', /exponential/],
    ['(a|a)*b', /alternatives/],
    ['(\\d|\\w)+', /alternatives/],
    ['(x)\\1', /back-references/],
    ['(?=a)a', /lookahead/],
    ['[', /not a valid regular expression/],
    ['', /1 to/],
  ])('refuses %s', (pattern, message) => {
    expect(serialPatternProblem(pattern)).toMatch(message);
  });

  it('refuses patterns past its length limit', () => {
    expect(serialPatternProblem('a'.repeat(SERIAL_PATTERN_MAX_LENGTH + 1))).toMatch(/1 to/);
  });

  it('matches a serial whole, and never one past the serial length limit', () => {
    expect(serialMatchesPattern('[A-Z]{2}\\d{8}', 'AB12345678')).toBe(true);
    expect(serialMatchesPattern('[A-Z]{2}\\d{8}', 'xAB12345678')).toBe(false);
    expect(serialMatchesPattern('[A-Z]{2}\\d{8}', 'AB123456789')).toBe(false);
    expect(serialMatchesPattern('(?:AB|CD)-\\d{4}', 'CD-0042')).toBe(true);
    expect(serialMatchesPattern('.*', 'a'.repeat(SERIAL_MAX_LENGTH + 1))).toBe(false);
  });
});
