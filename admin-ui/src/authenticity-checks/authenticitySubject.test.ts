import { describe, expect, it } from 'vitest';
import { clonesOf, readAuthenticitySubject } from './authenticitySubject.ts';

const subject = {
  checkId: 'c-1',
  orderId: 'o-1',
  buyerId: 'b-1',
  sellerId: 'shop-1',
  listingId: 'l-1',
  brandKey: 'brush-co',
  status: 'awaiting_review',
  typedCode: { raw: '(01)09506000134352(21)AB000001', gtin: '09506000134352', serial: 'AB000001', batch: null, checkDigitValid: true, problem: null, registry: 'valid' },
  buyerNote: '<img src=x onerror=alert(1)>',
  photos: [
    { position: 0, kind: 'label', status: 'stored', failure: null, width: 900, height: 600, attachment: 'check-photo-0', codeRead: { format: 'DataMatrix', gtin: '09506000134352', serial: 'AB000009', batch: null, agreesWithTyped: false, checkDigitValid: true, registry: 'revoked' }, findings: [] },
    { position: 1, kind: 'product', status: 'failed', failure: 'http_error', attachment: null, codeRead: null, findings: [{ code: 'authenticity.photo_unusable', severity: 'high', summary: 'could not be opened' }] },
  ],
  listingPictures: { screeningId: 's-1', title: 'Brush', pictures: [{ position: 0, width: 10, height: 10, attachment: 'listing-picture-0' }, { position: 1 }] },
  galleryMatches: [{ id: 'g-1', label: 'counterfeit', brandKey: 'brush-co', certainty: 'match', photoPositions: [0, 'x'], attachment: 'gallery-match-0' }, { id: 'g-2' }],
  sameCodeElsewhere: [
    { id: 'c-0', orderId: 'o-1', sellerId: 'shop-1', status: 'completed', finalOutcome: 'likely_genuine', sameOrder: true, sameBuyer: true, createdAt: '2026-12-01T10:00:00.000Z' },
    { id: 'c-2', orderId: 'o-2', sellerId: 'shop-1', status: 'completed', finalOutcome: 'likely_counterfeit', sameOrder: false, sameBuyer: false, createdAt: '2026-12-02T10:00:00.000Z' },
  ],
  sameCodeElsewhereCount: 2,
  sellerWindowClosesAt: '2026-12-05T10:00:00.000Z',
  sellerResponse: {
    note: 'Genuine <b>stock</b>',
    receivedAt: '2026-12-03T10:00:00.000Z',
    photos: [{ kind: 'invoice', url: 'https://cdn.shop.test/invoice.jpg' }, { kind: 'label', url: 'javascript:alert(1)' }, { kind: 'label' }],
  },
  sellerRecord: { last30Days: 1, last90Days: 3 },
};

describe('readAuthenticitySubject', () => {
  it('reads what the API presents, keeping the buyer’s and seller’s words as they were sent', () => {
    const read = readAuthenticitySubject(subject)!;
    expect(read.buyerNote).toBe('<img src=x onerror=alert(1)>');
    expect(read.sellerResponse!.note).toBe('Genuine <b>stock</b>');
    expect(read.typedCode).toMatchObject({ raw: subject.typedCode.raw, registry: 'valid', checkDigitValid: true });
    expect(read.photos[0]!.codeRead).toMatchObject({ serial: 'AB000009', agreesWithTyped: false, registry: 'revoked', format: 'DataMatrix' });
    expect(read.photos[1]).toMatchObject({ attachment: null, failure: 'http_error', codeRead: null });
    expect(read.sellerRecord).toEqual({ last30Days: 1, last90Days: 3 });
  });

  it('drops pictures without an attachment and keeps only numeric photo positions', () => {
    const read = readAuthenticitySubject(subject)!;
    expect(read.listingPictures!.pictures.map((picture) => picture.attachment)).toEqual(['listing-picture-0']);
    expect(read.galleryMatches).toEqual([expect.objectContaining({ id: 'g-1', photoPositions: [0] })]);
  });

  it('links only http(s) URLs the seller sent; anything else stays text', () => {
    expect(readAuthenticitySubject(subject)!.sellerResponse!.photos).toEqual([
      { kind: 'invoice', url: 'https://cdn.shop.test/invoice.jpg', linkable: true },
      { kind: 'label', url: 'javascript:alert(1)', linkable: false },
    ]);
  });

  it('counts another order’s check of the same code as a clone, the same order’s not', () => {
    expect(clonesOf(readAuthenticitySubject(subject)!).map((other) => other.id)).toEqual(['c-2']);
  });

  it('reads an odd or missing subject as missing, and odd fields as absent', () => {
    expect(readAuthenticitySubject(null)).toBeNull();
    expect(readAuthenticitySubject({ orderId: 'o-1' })).toBeNull();
    expect(readAuthenticitySubject({ checkId: 'c-1', photos: 'no', typedCode: { raw: 5 }, sellerRecord: null })).toMatchObject({
      photos: [],
      typedCode: null,
      sellerResponse: null,
      listingPictures: null,
      sellerRecord: { last30Days: 0, last90Days: 0 },
    });
  });
});
