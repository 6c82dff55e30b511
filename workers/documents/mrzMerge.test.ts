import { describe, expect, it } from 'vitest';
import { findMrz } from './mrz.ts';
import { mergeMrzReadings } from './mrzMerge.ts';

const ocr = (...texts: string[]) => texts.map((text) => ({ text, confidence: 0.8 }));
const line1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<';
const line2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10';

describe('mergeMrzReadings', () => {
  it('borrows a failing field, with its check digit, from a reading where it validates', () => {
    const badBirthDate = findMrz(ocr(line1, line2.replace('7408122', '7406122')));
    const badExpiry = findMrz(ocr(line1.replace('ANNA', 'ANMA'), line2.replace('1204159', '1284159')));
    const merged = mergeMrzReadings([badBirthDate, badExpiry]);
    expect(merged?.lines).toEqual([line1, line2]);
    expect(Object.values(merged?.checkDigits ?? {}).filter((value) => !value)).toEqual([]);
  });

  it('keeps names from the preferred (first) reading when check digits tie', () => {
    const preferred = findMrz(ocr(line1, line2));
    const other = findMrz(ocr(line1.replace('ANNA', 'ANMA'), line2));
    expect(mergeMrzReadings([preferred, other])?.lines[0]).toBe(line1);
  });

  it('gives null when no reading found an MRZ', () => {
    expect(mergeMrzReadings([null, null])).toBeNull();
  });
});
