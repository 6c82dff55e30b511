import { describe, expect, it } from 'vitest';
import { checkDigitMatches, mrzCheckDigit } from './mrzCheckDigit.ts';

// Values from the specimen documents printed in ICAO Doc 9303 (Anna Maria Eriksson of Utopia).
describe('mrzCheckDigit', () => {
  it.each([
    ['L898902C3', '6'],
    ['740812', '2'],
    ['120415', '9'],
    ['ZE184226B<<<<<', '1'],
    ['D23145890', '7'],
    ['L898902C36' + '7408122' + '1204159ZE184226B<<<<<1', '0'],
    ['D231458907<<<<<<<<<<<<<<<' + '7408122' + '1204159' + '<<<<<<<<<<<', '6'],
  ])('%s → %s', (value, digit) => {
    expect(mrzCheckDigit(value)).toBe(digit);
    expect(checkDigitMatches(value, digit)).toBe(true);
  });

  it('treats the filler as zero', () => {
    expect(mrzCheckDigit('<<<<<<')).toBe('0');
  });

  it('refuses characters outside the MRZ alphabet', () => {
    expect(mrzCheckDigit('AB-12')).toBeNull();
    expect(mrzCheckDigit('abc')).toBeNull();
  });
});
