import { describe, expect, it } from 'vitest';
import type { DeclaredSellerData } from '../../../core/sellerVetting.ts';
import type { DocumentReading } from '../../../workers/documents/documentReading.ts';
import { compareDeclaredAndRead } from './declaredVersusRead.ts';

const declared = { legalName: 'Zoë Ana Müller', dateOfBirth: '1990-04-02', country: 'DE', documentKind: 'passport' } as DeclaredSellerData;
const reading: DocumentReading = {
  format: 'TD3',
  fields: { documentCode: 'P', surname: 'MULLER', givenNames: 'ZOE ANA', documentNumber: 'C01X00T47', nationality: 'D', issuingState: 'D', birthDate: '1990-04-02', expiryDate: '2031-01-01', sex: 'F' },
  checkDigits: { documentNumber: true, birthDate: false, expiryDate: true, composite: false },
  ocrConfidence: 0.9,
  nameTruncated: false,
  mrzRepairs: 0,
  durationMs: 10,
};

describe('declared versus read', () => {
  it('matches names regardless of accents, case and order, and reports check digits per field', () => {
    const rows = compareDeclaredAndRead(declared, reading);
    const byField = Object.fromEntries(rows.map((row) => [row.field, row]));
    expect(byField.name).toMatchObject({ matches: true, checkDigitValid: null });
    expect(byField.dateOfBirth).toMatchObject({ matches: true, checkDigitValid: false });
    expect(byField.expiryDate).toMatchObject({ read: '2031-01-01', checkDigitValid: true });
  });

  it('marks a different name as a mismatch', () => {
    const rows = compareDeclaredAndRead({ ...declared, legalName: 'Anna Schmidt' }, reading);
    expect(rows.find((row) => row.field === 'name')?.matches).toBe(false);
  });

  it('has nothing to compare when the document was not read', () => {
    const rows = compareDeclaredAndRead(declared, null);
    expect(rows.filter((row) => !(row.matches === null && row.read === null))).toEqual([]);
  });
});
