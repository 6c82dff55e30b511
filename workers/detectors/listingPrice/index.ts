/**
 * Price anomaly: a branded listing priced far below the brand's reference range, sold by someone
 * who is not one of the brand's authorized sellers (an authorized seller's discount is theirs to
 * give, not a sign of a fake). The knockoff story: a record that usually sells for twice the price.
 *
 * Catches: a price under `ratio` × the reference minimum, in the reference's currency, for a
 * listing that claims the brand, names it in its title, or names it disguised anywhere.
 * A listing whose declared category differs from the brand's (socks of a sneaker brand are not
 * priced like sneakers) is not compared; categories are compared by meaning ("Bags & Purses" is
 * "handbags", categoryWords.ts).
 * Misses: another currency (no conversion: the reference names one currency); a listing of
 * another kind of goods that declares no category ("Gucci socks"); fakes priced like the real thing.
 */
import type { BrandEntry } from '../../../core/listingScreening.ts';
import type { Signal } from '../../../core/signals.ts';
import { sameCategory } from '../listingBrands/categoryWords.ts';

export const detector = { id: 'listing-price', version: '2' };

/** How the listing is tied to the brand, strongest first. */
export type BrandTie = 'claimed' | 'disguised' | 'title' | 'description' | 'image';

export interface PriceInput {
  price: { amount: number; currency: string };
  category: string | null | undefined;
  brand: BrandEntry;
  tie: BrandTie;
  sellerAuthorized: boolean;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

export function priceAnomaly(input: PriceInput, ratio: number): Signal | null {
  const reference = input.brand.referencePrice;
  if (!reference || input.sellerAuthorized || input.tie === 'description' || input.tie === 'image') return null;
  if (input.price.currency.toUpperCase() !== reference.currency.toUpperCase()) return null;
  if (input.category && input.brand.category && !sameCategory(input.category, input.brand.category)) return null;
  const threshold = reference.min * ratio;
  if (!(input.price.amount < threshold)) return null;
  const ratioToMin = round(input.price.amount / reference.min);
  return {
    code: 'listing.price_anomaly',
    severity: 'high',
    score: round(Math.min(0.99, 0.75 + 0.24 * (1 - input.price.amount / threshold))),
    summary: `Priced at ${input.price.amount} ${input.price.currency}, ${Math.round(ratioToMin * 100)}% of the lowest reference price of ${input.brand.name} (${reference.min}-${reference.max} ${reference.currency})`,
    evidence: { brandKey: input.brand.key, brandName: input.brand.name, amount: input.price.amount, currency: input.price.currency, referenceMin: reference.min, referenceMax: reference.max, ratioToMin, threshold: ratio, tie: input.tie },
    detector,
  };
}
