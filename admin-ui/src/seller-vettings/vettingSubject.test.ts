import { describe, expect, it } from 'vitest';
import type { CaseSignal } from '../cases/types.ts';
import { comparisonTone, failedCheckDigits, readVettingSubject, watchlistHits } from './vettingSubject.ts';

const signal = (code: string, evidence: Record<string, unknown>, score = 0.5): CaseSignal => ({
  code,
  severity: 'high',
  score,
  summary: code,
  evidence,
  detector: { id: 'd', version: '1' },
});

const subject = {
  vettingId: 'v1',
  sellerExternalId: 'seller-1',
  status: 'awaiting_review',
  applicantType: 'individual',
  country: 'GB',
  erased: false,
  document: { mimeType: 'image/jpeg', width: 1200, height: 800 },
  documentFormat: 'TD3',
  checkDigits: { documentNumber: true, birthDate: false, expiryDate: true, composite: false },
  ocrConfidence: 0.91,
  comparison: [
    { field: 'name', label: 'Legal name', declared: 'Adaeze Okonkwo', read: 'JOHN SMITH', matches: false, checkDigitValid: null },
    { field: 'dateOfBirth', label: 'Date of birth', declared: '1988-03-14', read: '1988-03-14', matches: true, checkDigitValid: false },
    'not a row',
  ],
  business: null,
  linkedSellers: [{ sellerId: 's2', externalId: 'seller-2', status: 'banned', sharedKinds: ['email', 7, 'device'] }],
};

describe('readVettingSubject', () => {
  it('reads what the API presents and drops what has the wrong shape', () => {
    const read = readVettingSubject(subject);
    expect(read).toMatchObject({ sellerExternalId: 'seller-1', documentFormat: 'TD3', ocrConfidence: 0.91, document: { width: 1200 } });
    expect(read?.comparison).toHaveLength(2);
    expect(read?.linkedSellers).toEqual([{ sellerId: 's2', externalId: 'seller-2', status: 'banned', sharedKinds: ['email', 'device'] }]);
  });

  it.each([null, 'x', []])('reads %j as no subject', (value) => expect(readVettingSubject(value)).toBeNull());

  it('survives an erased seller with nothing but ids', () => {
    expect(readVettingSubject({ vettingId: 'v1', erased: true })).toMatchObject({ erased: true, comparison: [], checkDigits: null, document: null });
  });
});

describe('comparisonTone', () => {
  it('marks a mismatch before an untrusted read', () => {
    const [name, birth] = readVettingSubject(subject)!.comparison;
    expect(comparisonTone(name!)).toBe('mismatch');
    expect(comparisonTone(birth!)).toBe('untrusted');
    expect(comparisonTone({ field: 'x', label: 'x', declared: 'a', read: 'a', matches: true, checkDigitValid: true })).toBe('ok');
    expect(comparisonTone({ field: 'x', label: 'x', declared: null, read: 'a', matches: null, checkDigitValid: null })).toBe('unjudged');
  });
});

describe('failedCheckDigits', () => {
  it('joins the failures of the reading and of the signals, once each', () => {
    const signals = [signal('document.mrz_check_digit_failed', { failedCheckDigits: ['birthDate', 'personalNumber'] })];
    expect(failedCheckDigits(readVettingSubject(subject), signals)).toEqual(['birthDate', 'composite', 'personalNumber']);
  });

  it('finds them in the signals alone when the read was too poor to keep', () => {
    expect(failedCheckDigits(null, [signal('document.unreadable', { failedCheckDigits: ['expiryDate'] })])).toEqual(['expiryDate']);
    expect(failedCheckDigits(null, [])).toEqual([]);
  });
});

describe('watchlistHits', () => {
  it('lists the matched list entries, strong matches first', () => {
    const hits = watchlistHits([
      signal('document.name_mismatch', {}),
      signal('watchlist.weak_match', { listId: 'eu', entryId: 'E1', matchedName: 'Jon Smyth', programs: ['X'], score: 0.8 }),
      signal('watchlist.strong_match', { listId: 'ofac-sdn', entryId: '123', entryType: 'individual', matchedName: null, programs: ['SDGT'], score: 0.97, dateOfBirthCheck: 'match' }),
    ]);
    expect(hits.map((hit) => [hit.code, hit.listId, hit.entryId, hit.matchedName, hit.score])).toEqual([
      ['watchlist.strong_match', 'ofac-sdn', '123', null, 0.97],
      ['watchlist.weak_match', 'eu', 'E1', 'Jon Smyth', 0.8],
    ]);
    expect(hits[0]).toMatchObject({ strong: true, programs: ['SDGT'], dateOfBirthCheck: 'match', entryType: 'individual' });
  });
});
