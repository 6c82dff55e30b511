import { describe, expect, it } from 'vitest';
import type { DocumentReading } from '../../documents/documentReading.ts';
import identityDocumentDetector, { type IdentityDocumentInput } from './index.ts';

const today = '2026-11-25';
const declared = { legalName: 'José Müller', dateOfBirth: '1984-05-22' };

function reading(overrides: Partial<DocumentReading> = {}, fields: Partial<NonNullable<DocumentReading['fields']>> = {}): DocumentReading {
  return {
    format: 'TD3',
    fields: { documentCode: 'P', surname: 'MUELLER', givenNames: 'JOSE', documentNumber: 'JM6612087', nationality: 'FRA', issuingState: 'FRA', birthDate: '1984-05-22', expiryDate: '2030-03-19', sex: 'M', ...fields },
    checkDigits: { documentNumber: true, birthDate: true, expiryDate: true, composite: true, personalNumber: true },
    ocrConfidence: 0.78,
    nameTruncated: false,
    mrzRepairs: 1,
    durationMs: 420,
    ...overrides,
  };
}

const detect = (input: DocumentReading, declaration: IdentityDocumentInput['declared'] = declared) => identityDocumentDetector.detect({ reading: input, declared: declaration, today });
const codes = (input: DocumentReading, declaration: IdentityDocumentInput['declared'] = declared) => detect(input, declaration).map((signal) => signal.code);

describe('identity-document detector', () => {
  it('describes itself', () => {
    expect(identityDocumentDetector).toMatchObject({ id: 'identity-document', version: expect.any(String), thresholds: { nameSimilarityMin: 0.85, nameSimilarityWeak: 0.6 } });
  });

  it('verifies a consistent, unexpired document matching the declaration', () => {
    const [signal] = detect(reading());
    expect(signal).toMatchObject({ code: 'document.verified', severity: 'info', detector: { id: 'identity-document' } });
    expect(signal?.score).toBeGreaterThanOrEqual(0.85);
  });

  it('flags an image without MRZ as unreadable, and nothing else', () => {
    const unreadable = reading({ format: null, fields: null, checkDigits: null, ocrConfidence: 0 });
    expect(codes(unreadable)).toEqual(['document.unreadable']);
  });

  it('names the check digits that fail', () => {
    const [signal] = detect(reading({ checkDigits: { documentNumber: true, birthDate: true, expiryDate: false, composite: false } }));
    expect(signal).toMatchObject({ code: 'document.mrz_check_digit_failed', severity: 'high', evidence: { failedCheckDigits: ['expiryDate', 'composite'] } });
  });

  it('treats failing check digits on a poor OCR read as unreadable rather than forged', () => {
    const poor = reading({ ocrConfidence: 0.3, checkDigits: { documentNumber: false, birthDate: true, expiryDate: true, composite: false } });
    expect(detect(poor)).toMatchObject([{ code: 'document.unreadable', evidence: { reason: 'low_ocr_confidence' } }]);
  });

  it('reports days past expiry, and accepts a document on its last valid day', () => {
    expect(detect(reading({}, { expiryDate: '2026-11-24' }))).toMatchObject([{ code: 'document.expired', evidence: { daysPastExpiry: 1 } }]);
    expect(detect(reading({}, { expiryDate: '2025-08-31' }))).toMatchObject([{ code: 'document.expired', evidence: { daysPastExpiry: 451 } }]);
    expect(codes(reading({}, { expiryDate: today }))).toEqual(['document.verified']);
  });

  it('grades name mismatches by similarity', () => {
    expect(detect(reading({}, { surname: 'HORVATH', givenNames: 'ISTVAN' }))).toMatchObject([{ code: 'document.name_mismatch', severity: 'high' }]);
    const weak = detect(reading({}, { surname: 'BERGMAN', givenNames: 'JOHANNA' }), { legalName: 'Johan Berg', dateOfBirth: '1984-05-22' });
    expect(weak).toMatchObject([{ code: 'document.name_mismatch', severity: 'medium', evidence: { nameSimilarityMin: 0.85, nameSimilarityWeak: 0.6 } }]);
  });

  it('passes truncation on to the name comparison', () => {
    const long = { legalName: 'Bartholomew Alexander Fitzwilliam-Montgomery', dateOfBirth: '1984-05-22' };
    const truncated = reading({ nameTruncated: true }, { surname: 'FITZWILLIAM MONTGOMERY', givenNames: 'BARTHOLOMEW ALE' });
    expect(codes(truncated, long)).toEqual(['document.verified']);
    expect(codes({ ...truncated, nameTruncated: false }, long)).toEqual(['document.verified']);
  });

  it('reports a differing birth date, softer when day and month are swapped', () => {
    expect(detect(reading(), { ...declared, dateOfBirth: '1979-05-22' })).toMatchObject([{ code: 'document.birth_date_mismatch', severity: 'high', evidence: { differingParts: ['year'] } }]);
    expect(detect(reading({}, { birthDate: '1984-05-06' }), { ...declared, dateOfBirth: '1984-06-05' })).toMatchObject([
      { code: 'document.birth_date_mismatch', severity: 'medium', evidence: { dayMonthSwapped: true } },
    ]);
  });

  it('reports every problem at once', () => {
    const bad = reading({ checkDigits: { documentNumber: false, birthDate: true, expiryDate: true, composite: false } }, { expiryDate: '2020-01-01', surname: 'HORVATH', givenNames: 'ISTVAN', birthDate: '1970-01-01' });
    expect(codes(bad).sort()).toEqual(['document.birth_date_mismatch', 'document.expired', 'document.mrz_check_digit_failed', 'document.name_mismatch']);
  });

  it('keeps personal data out of every summary and evidence', () => {
    const cases = [
      reading(),
      reading({}, { surname: 'HORVATH', givenNames: 'ISTVAN', expiryDate: '2020-01-01', birthDate: '1970-01-01' }),
      reading({ checkDigits: { documentNumber: false, birthDate: false, expiryDate: false, composite: false } }),
      reading({}, { birthDate: null }),
    ];
    const forbidden = ['MUELLER', 'JOSE', 'Müller', 'José', 'HORVATH', 'ISTVAN', 'JM6612087', '1984', '1970', '2030-03-19', '2020-01-01', '05-22'];
    for (const input of cases) {
      const text = JSON.stringify(detect(input));
      for (const value of forbidden) expect(text).not.toContain(value);
    }
  });

  it('never acts on a date whose check digit fails: a misread expiry cannot reject, a misread birth date cannot mismatch', () => {
    const misreadExpiry = reading({ checkDigits: { documentNumber: true, birthDate: true, expiryDate: false, composite: false } }, { expiryDate: '2016-03-19' });
    expect(codes(misreadExpiry)).toEqual(['document.mrz_check_digit_failed']);
    const misreadBirth = reading({ checkDigits: { documentNumber: true, birthDate: false, expiryDate: true, composite: false } }, { birthDate: '1934-05-22' });
    expect(codes(misreadBirth)).toEqual(['document.mrz_check_digit_failed']);
    expect(codes({ ...misreadExpiry, ocrConfidence: 0.2 })).toEqual(['document.unreadable']);
  });

  it('accepts ICAO codes (Germany as D), and the specimen code UTO only when told to', () => {
    expect(codes(reading({}, { issuingState: 'D', nationality: 'D' }))).toEqual(['document.verified']);
    const specimen = reading({}, { issuingState: 'UTO', nationality: 'UTO' });
    expect(detect(specimen)).toMatchObject([{ code: 'document.invalid_code', evidence: { fields: ['issuingState', 'nationality'], specimenCodesAccepted: false } }]);
    expect(identityDocumentDetector.detect({ reading: specimen, declared, today, acceptedSpecimenCodes: ['UTO'] }).map((signal) => signal.code)).toEqual(['document.verified']);
    expect(detect(reading({}, { nationality: 'XYZ' }))).toMatchObject([{ code: 'document.invalid_code', evidence: { fields: ['nationality'] } }]);
  });

  it('checks the document code against the declared kind', () => {
    const card = reading({ format: 'TD1' }, { documentCode: 'I' });
    expect(codes(card, { ...declared, documentKind: 'id_card' })).toEqual(['document.verified']);
    expect(detect(card, { ...declared, documentKind: 'passport' })).toMatchObject([{ code: 'document.kind_mismatch', evidence: { declaredKind: 'passport', documentKind: 'id_card', format: 'TD1' } }]);
    expect(codes(reading(), { ...declared, documentKind: 'passport' })).toEqual(['document.verified']);
    expect(codes(reading({}, { documentCode: 'V' }), { ...declared, documentKind: 'passport' })).toEqual(['document.kind_mismatch']);
  });

  it('reports dates the check digits vouch for that are not calendar dates', () => {
    expect(detect(reading({}, { expiryDate: null }))).toMatchObject([{ code: 'document.invalid_date', evidence: { fields: ['expiryDate'] } }]);
    const misread = reading({ checkDigits: { documentNumber: true, birthDate: false, expiryDate: true, composite: false } }, { birthDate: null });
    expect(codes(misread)).toEqual(['document.mrz_check_digit_failed']);
  });

  it('honours thresholds passed in', () => {
    const strict = { ...identityDocumentDetector.thresholds, nameSimilarityMin: 0.999 };
    const input = { reading: reading({}, { surname: 'MULER' }), declared, today };
    expect(identityDocumentDetector.detect(input).map((signal) => signal.code)).toEqual(['document.verified']);
    expect(identityDocumentDetector.detect(input, strict).map((signal) => signal.code)).toEqual(['document.name_mismatch']);
  });
});
