/**
 * Unauthorized seller: the listing claims or names a brand that keeps a list of authorized
 * sellers, and its seller is not on it. Alone it is weak (resellers of genuine goods exist), so it
 * scores low; with a disguised name, a price anomaly or a counterfeit cue it scores high.
 *
 * Catches: unlisted sellers of a brand with an authorized list. Misses: brands with no list
 * (nothing to compare with); an authorized seller's account used by someone else.
 */
import type { BrandEntry } from '../../../core/listingScreening.ts';
import type { Signal } from '../../../core/signals.ts';
import type { BrandTie } from '../listingPrice/index.ts';

export const detector = { id: 'listing-seller', version: '1' };

export const sellerThresholds = { aloneScore: 0.4, corroboratedScore: 0.8 };

export const isAuthorizedSeller = (brand: BrandEntry, sellerId: string) => brand.authorizedSellerIds.includes(sellerId);

export function unauthorizedSeller(input: { brand: BrandEntry; sellerId: string; tie: BrandTie; corroboratedBy: string[] }, limits = sellerThresholds): Signal | null {
  const { brand } = input;
  if (brand.authorizedSellerIds.length === 0 || isAuthorizedSeller(brand, input.sellerId)) return null;
  const corroborated = input.corroboratedBy.length > 0;
  return {
    code: 'listing.unauthorized_seller',
    severity: 'medium',
    score: corroborated ? limits.corroboratedScore : limits.aloneScore,
    summary: `The seller is not one of the ${brand.authorizedSellerIds.length} authorized sellers of ${brand.name}${corroborated ? ` (and ${input.corroboratedBy.join(', ')})` : ''}`,
    evidence: { brandKey: brand.key, brandName: brand.name, sellerId: input.sellerId, tie: input.tie, authorizedSellerCount: brand.authorizedSellerIds.length, corroboratedBy: input.corroboratedBy },
    detector,
  };
}
