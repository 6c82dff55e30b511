import { describe, expect, it } from 'vitest';
import { companyNameSimilarity } from './companyNameSimilarity.ts';

describe('companyNameSimilarity', () => {
  it.each([
    ['legal form', 'Harbourlight Candles', 'Harbourlight Candles Ltd'],
    ['accents and legal form', 'Kustenwind Naturkosmetik', 'Küstenwind Naturkosmetik GmbH'],
    ['ampersand', 'Quayside Home and Garden', 'Quayside Home & Garden Ltd'],
    ['word order', 'Design Fjallbacka', 'Fjällbacka Design AB'],
    ['spacing', 'Glenmore Skin Care', 'Glenmore Skincare Limited'],
    ['dotted legal form', 'Tulpveld Trading', 'Tulpveld Trading B.V.'],
  ])('treats names differing only by %s as the same', (_difference, declared, registered) => {
    expect(companyNameSimilarity(declared, registered)).toBe(1);
  });

  it('scores spelling variants high and other names low', () => {
    expect(companyNameSimilarity('Harbor Light Candles', 'Harbourlight Candles Ltd')).toBeGreaterThan(0.9);
    expect(companyNameSimilarity('Apple Premium Store', 'Northgate Electronics Ltd')).toBeLessThan(0.5);
    expect(companyNameSimilarity('Northgate', 'Northgate Electronics Ltd')).toBeLessThan(0.7);
  });

  it('is symmetric', () => {
    expect(companyNameSimilarity('Tulpveld Tea', 'Tulpveld Trading B.V.')).toBe(companyNameSimilarity('Tulpveld Trading B.V.', 'Tulpveld Tea'));
  });
});
