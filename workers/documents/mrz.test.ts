import { describe, expect, it } from 'vitest';
import { readMrz, restoreNameSeparator } from './mrz.ts';
import { findMrzCandidates, fitLineLength } from './mrzLines.ts';
import { td1Layout, td3Layout } from './mrzLayout.ts';
import { repairByPosition } from './mrzRepair.ts';
import { repairWithCheckDigits } from './mrzCheckDigitRepair.ts';
import { mrzCheckDigit } from './mrzCheckDigit.ts';

const ocr = (...texts: string[]) => texts.map((text) => ({ text, confidence: 0.8 }));

// ICAO Doc 9303 specimens.
const td3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const td1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const allValid = { documentNumber: true, birthDate: true, expiryDate: true, composite: true };

describe('readMrz', () => {
  it('reads a clean TD3 passport MRZ', () => {
    const reading = readMrz(ocr('SOME PRINTED FIELD', ...td3));
    expect(reading).toMatchObject({
      format: 'TD3',
      lines: td3,
      fields: { surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'L898902C3', issuingState: 'UTO', nationality: 'UTO', birthDate: '740812', expiryDate: '120415', sex: 'F', personalNumber: 'ZE184226B' },
      checkDigits: { ...allValid, personalNumber: true },
      repairs: 0,
      nameTruncated: false,
    });
  });

  it('restores a name separator read as <K<, and only when the field has none', () => {
    const misread = ['P<UTOERIKSSON<K<ANNA<<<<<<<<<<<<<<<<<<<<<<<<', td3[1]!];
    expect(readMrz(ocr(...misread))).toMatchObject({ fields: { surname: 'ERIKSSON', givenNames: 'ANNA' } });
    expect(restoreNameSeparator('ERIKSSON<<ANNA<K<<<<')).toBe('ERIKSSON<<ANNA<K<<<<');
    expect(restoreNameSeparator('ERIKSSON<KANNA<<<<')).toBe('ERIKSSON<KANNA<<<<');
  });

  it('anchors the first line where its structure begins when OCR adds characters before it', () => {
    // the card's edge read as I: without the anchor, I is the document code and the state shifts
    const reading = readMrz(ocr('IP<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', td3[1]!));
    expect(reading).toMatchObject({ lines: td3, fields: { documentCode: 'P', issuingState: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA' } });
  });

  it('drops a filler read twice as K before the issuing state', () => {
    const reading = readMrz(ocr('P<KUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', td3[1]!));
    expect(reading).toMatchObject({ lines: td3, fields: { issuingState: 'UTO', surname: 'ERIKSSON' } });
  });

  it('reads a clean TD1 card MRZ', () => {
    const reading = readMrz(ocr(...td1));
    expect(reading).toMatchObject({ format: 'TD1', lines: td1, fields: { surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'D23145890' }, checkDigits: allValid });
  });

  it('follows a TD1 document number that overflows into the optional data', () => {
    const lines = ['I<UTOD23145890<1233<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<2', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
    expect(readMrz(ocr(...lines))).toMatchObject({ fields: { documentNumber: 'D23145890123' }, checkDigits: allValid });
  });

  it('repairs letters and digits by field position: UT0 → UTO, O in a date → 0, S in a check digit → 5', () => {
    const reading = readMrz(ocr('P<UT0ERIKSS0N<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UT074O8122F12O4159ZE184226B<<<<<10'));
    expect(reading?.lines).toEqual(td3);
    expect(reading?.checkDigits).toMatchObject(allValid);
    expect(reading?.repairs).toBe(5);
  });

  it('turns filler runs misread as K, C or L back into <', () => {
    const reading = readMrz(ocr('P<UTOERIKSSON<<ANNA<MARIA<<<<KLLC<<<<<<<<<<<', td3[1] ?? ''));
    expect(reading?.fields.givenNames).toBe('ANNA MARIA');
    expect(reading?.lines[0]).toBe(td3[0]);
  });

  it('restores a dropped or doubled filler so the check digits line up again', () => {
    expect(readMrz(ocr(td3[0] ?? '', 'L898902C36UTO7408122F1204159ZE184226B<<<<10'))?.lines[1]).toBe(td3[1]);
    expect(readMrz(ocr(td3[0] ?? '', 'L898902C36UTO7408122F1204159ZE184226B<<<<<<10'))?.lines[1]).toBe(td3[1]);
  });

  it('uses the document-number check digit to choose between O and 0', () => {
    const reading = readMrz(ocr(td3[0] ?? '', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'.replace('L898902C3', 'L8989O2C3')));
    expect(reading?.fields.documentNumber).toBe('L898902C3');
    expect(reading?.checkDigits.documentNumber).toBe(true);
  });

  it('reports, and does not "repair", a check digit that fails for a changed date', () => {
    const tampered = (td3[1] ?? '').replace('1204159', '2204159');
    const reading = readMrz(ocr(td3[0] ?? '', tampered));
    expect(reading?.checkDigits).toMatchObject({ documentNumber: true, birthDate: true, expiryDate: false, composite: false });
  });

  it('flags a name that fills its whole field as possibly truncated', () => {
    const line1 = 'P<UTOFITZWILLIAM<MONTGOMERY<<BARTHOLOMEW<ALE';
    expect(readMrz(ocr(line1, td3[1] ?? ''))).toMatchObject({ nameTruncated: true, fields: { givenNames: 'BARTHOLOMEW ALE' } });
  });

  it('returns null when nothing looks like an MRZ', () => {
    expect(readMrz(ocr('ORDER 1042', 'THANK YOU FOR SHOPPING'))).toBeNull();
    expect(readMrz([])).toBeNull();
  });
});

describe('MRZ line helpers', () => {
  it('cleans OCR lines and finds candidates by layout', () => {
    const [candidate] = findMrzCandidates(ocr('p<uto eriksson<<anna<maria<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B«<<<<10'));
    expect(candidate?.layout.format).toBe('TD3');
    expect(candidate?.lineVariants[0]?.[0]).toBe(td3[0]);
  });

  it('fits a line to its layout length by growing or shrinking the longest filler run first', () => {
    expect(fitLineLength('AB<<C', 6)[0]).toBe('AB<<<C');
    expect(fitLineLength('AB<<<C', 5)[0]).toBe('AB<<C');
    expect(fitLineLength('ABC', 3)).toEqual(['ABC']);
  });

  it('repairs by position only where a field admits one kind of character', () => {
    const repaired = repairByPosition(td1Layout, ['I<UT0D23145B907<<<<<<<<<<<<<<<', '74O8122F12O4159UT0<<<<<<<<<<<6', 'ERIKSS0N<<ANNA<MARIA<<<<<<<<<<']);
    // The document number (positions 5-13) may hold letters, so its B is left for the check digit.
    expect(repaired.lines).toEqual(['I<UTOD23145B907<<<<<<<<<<<<<<<', td1[1], td1[2]]);
  });

  it('leaves a check digit failing when no single O/0 swap explains it', () => {
    const result = repairWithCheckDigits(td3Layout, [td3[0] ?? '', 'L898902C39UTO7408122F1204159ZE184226B<<<<<10']);
    expect(result.checkDigits.documentNumber).toBe(false);
    expect(result.lines[1]).toBe('L898902C39UTO7408122F1204159ZE184226B<<<<<10');
  });

  it('does not guess when two different swaps would both validate', () => {
    // Positions 0 and 3 share weight 7, so turning either 0 into O shifts the sum by the same
    // amount: both candidates validate the digit below, and neither is evidence for itself.
    const number = '0AB0CDEFG';
    const ambiguousDigit = mrzCheckDigit('OAB0CDEFG') ?? '';
    expect(mrzCheckDigit('0ABOCDEFG')).toBe(ambiguousDigit);
    const line2 = `${number}${ambiguousDigit}UTO7408122F1204159ZE184226B<<<<<10`;
    const result = repairWithCheckDigits(td3Layout, [td3[0] ?? '', line2]);
    expect(result.lines[1]).toBe(line2);
    expect(result.swaps).toBe(0);
  });
});
