import { describe, expect, it } from 'vitest';
import { screenListingText } from '../workers/detectors/listingText/screenListingText.ts';
import { brandEntryOf, brandModelsOf, DEFAULT_LISTING_SCREENING_PARAMETERS, type StoredBrand } from './listingScreening.ts';

const stored = (models: unknown): StoredBrand => ({
  key: 'marlowe',
  name: 'Marlowe',
  aliases: ['Marlowe Styling', 'Silk Wave'],
  category: 'hair tools',
  referenceCurrency: null,
  referenceMin: null,
  referenceMax: null,
  authorizedSellerIds: [],
  models,
});

describe('a brand’s models', () => {
  it('read as stored, and anything else in the column as none', () => {
    expect(brandModelsOf(stored([{ name: 'Detangler Pro', gtins: ['09506000134352'] }, { name: 'Wave' }]))).toEqual([
      { name: 'Detangler Pro', gtins: ['09506000134352'] },
      { name: 'Wave', gtins: [] },
    ]);
    expect(brandModelsOf(stored({ name: 'x' }))).toEqual([]);
    expect(brandModelsOf(stored([{ gtins: [] }, 7]))).toEqual([]);
  });

  it('are names the text detectors look for as the brand’s, once each', () => {
    const entry = brandEntryOf(stored([{ name: 'Detangler Pro', gtins: [] }, { name: 'silk wave', gtins: [] }]));
    expect(entry.aliases).toEqual(['Marlowe Styling', 'Silk Wave', 'Detangler Pro']);
    const listing = { title: 'Detangler Pro brush, 1:1 replica', description: 'Same as the original.', price: { amount: 12, currency: 'EUR' }, sellerId: 's-1' };
    const codes = screenListingText(listing, [entry], DEFAULT_LISTING_SCREENING_PARAMETERS).signals.map((signal) => signal.code);
    expect(codes).toContain('listing.brand_mentioned');
  });
});
