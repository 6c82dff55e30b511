import { describe, expect, it } from 'vitest';
import { gtinCheckDigitValid, MAX_RAW_CODE_LENGTH, readProductCode } from './parse.ts';

const GS = String.fromCharCode(29);

describe('GTIN check digits (GS1 mod 10)', () => {
  it.each([
    ['09506000134352', true], // GS1's own example GTIN-14
    ['4006381333931', true], // EAN-13
    ['036000291452', true], // UPC-A
    ['96385074', true], // EAN-8
    ['09506000134353', false],
    ['4006381333932', false],
    ['036000291453', false],
    ['96385075', false],
    ['123456789', false], // no such length
    ['40063813339a1', false],
  ])('%s is %s', (gtin, valid) => expect(gtinCheckDigitValid(gtin)).toBe(valid));
});

describe('reading what a buyer typed or a scanner read', () => {
  it('reads bare GTINs of every length, padded to 14 digits, spaces and dashes ignored', () => {
    expect(readProductCode('4006381333931')).toEqual({ ok: true, code: { format: 'gtin', gtin: '04006381333931', gtinCheckDigitValid: true, serial: null, batch: null, expiry: null } });
    expect(readProductCode(' 0360 0029-1452 ')).toMatchObject({ ok: true, code: { gtin: '00036000291452', gtinCheckDigitValid: true } });
    expect(readProductCode('96385074')).toMatchObject({ ok: true, code: { gtin: '00000096385074' } });
    expect(readProductCode('4006381333932')).toMatchObject({ ok: true, code: { gtinCheckDigitValid: false } });
    expect(readProductCode('123456789')).toEqual({ ok: false, problem: 'bad_gtin_length' });
  });

  it('reads the bracketed element string GS1 prints under a barcode', () => {
    expect(readProductCode('(01)09506000134352(21)ABC123')).toEqual({
      ok: true,
      code: { format: 'element_string', gtin: '09506000134352', gtinCheckDigitValid: true, serial: 'ABC123', batch: null, expiry: null },
    });
    expect(readProductCode('(01)09506000134352(17)261231(10)LOT-7(21)X1')).toMatchObject({ ok: true, code: { serial: 'X1', batch: 'LOT-7', expiry: '2026-12-31' } });
  });

  it('reads raw scanner data: symbology identifier, FNC1 separators, fixed-length fields unseparated', () => {
    expect(readProductCode(`]d2010950600013435210ABC${GS}1726123121XYZ9`)).toMatchObject({ ok: true, code: { gtin: '09506000134352', batch: 'ABC', expiry: '2026-12-31', serial: 'XYZ9' } });
    expect(readProductCode('01095060001343521726123110LOT1')).toMatchObject({ ok: true, code: { expiry: '2026-12-31', batch: 'LOT1', serial: null } });
    expect(readProductCode('0109506000134352')).toMatchObject({ ok: true, code: { format: 'element_string', gtin: '09506000134352', serial: null } });
  });

  it('keeps a wrong check digit as evidence rather than refusing the code', () => {
    expect(readProductCode('(01)09506000134353(21)X')).toMatchObject({ ok: true, code: { gtinCheckDigitValid: false, serial: 'X' } });
  });

  it('reads GS1 Digital Link URIs, with the query string and percent-escapes', () => {
    expect(readProductCode('https://id.gs1.org/01/09506000134352/10/ABC/21/XYZ?17=261231')).toEqual({
      ok: true,
      code: { format: 'digital_link', gtin: '09506000134352', gtinCheckDigitValid: true, serial: 'XYZ', batch: 'ABC', expiry: '2026-12-31' },
    });
    expect(readProductCode('https://brand.example.com/01/9506000134352/21/A%2FB')).toMatchObject({ ok: true, code: { gtin: '09506000134352', serial: 'A/B' } });
    expect(readProductCode('https://id.gs1.org/01/09506000134353/21/1')).toMatchObject({ ok: true, code: { gtinCheckDigitValid: false } });
    expect(readProductCode('https://id.gs1.org/01/09506000134352/17/260200')).toMatchObject({ ok: true, code: { expiry: '2026-02-28' } });
  });

  it('says why it cannot read, and never throws', () => {
    expect(readProductCode('')).toEqual({ ok: false, problem: 'empty' });
    expect(readProductCode('x'.repeat(MAX_RAW_CODE_LENGTH + 1))).toEqual({ ok: false, problem: 'too_long' });
    expect(readProductCode('hello world')).toEqual({ ok: false, problem: 'unreadable' });
    expect(readProductCode('(99)ABC')).toEqual({ ok: false, problem: 'no_gtin' });
    expect(readProductCode('https://example.com/not-a-link')).toMatchObject({ ok: false });
    expect(readProductCode('(01)0950600013435')).toMatchObject({ ok: false });
  });
});
