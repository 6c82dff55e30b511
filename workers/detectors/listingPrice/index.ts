/**
 * Price anomaly: a branded listing priced far below the brand's reference range, sold by someone
 * who is not one of the brand's authorized sellers (an authorized seller's discount is theirs to
 * give, not a sign of a fake). The knockoff story: a record that usually sells for twice the price.
 *
 * Catches: a price under `ratio` × the reference minimum for a listing that claims the brand,
 * names it in its title, or names it disguised anywhere; a price in another currency is converted
 * with the policy's `currencyRates` first. Without a rate for either currency no anomaly is
 * claimed, and `listing.price_currency_unconverted` (info) says so. A listing whose declared
 * category differs from the brand's (socks of a sneaker brand are not priced like sneakers) is
 * not compared; categories are compared by meaning ("Bags & Purses" is "handbags",
 * categoryWords.ts).
 * Goods the listing says are pre-owned (condition.ts) are compared with a band of their own,
 * `preOwnedPriceAnomalyRatio` (0.25) of the reference minimum: second-hand goods sell below the new
 * range, a quarter of the cheapest new one is still far below what genuine used goods fetch.
 * Misses: a listing of another kind of goods that declares no category ("Gucci socks"); fakes
 * priced like the real thing; fakes called "used" and priced between the two bands; rates the
 * marketplace has not kept current.
 */
import type { BrandEntry, CurrencyRates } from '../../../core/listingScreening.ts';
import type { Signal } from '../../../core/signals.ts';
import { sameCategory } from '../listingBrands/categoryWords.ts';
import type { ConditionReading } from './condition.ts';
import { convertAmount } from './currency.ts';

export const detector = { id: 'listing-price', version: '4' };

export const DEFAULT_PRE_OWNED_PRICE_ANOMALY_RATIO = 0.25;

/** How the listing is tied to the brand, strongest first. */
export type BrandTie = 'claimed' | 'disguised' | 'title' | 'description' | 'image';

export interface PriceInput {
  price: { amount: number; currency: string };
  category: string | null | undefined;
  brand: BrandEntry;
  tie: BrandTie;
  sellerAuthorized: boolean;
  /** what the listing says of its goods' condition (unstated: priced as new) */
  condition?: ConditionReading;
}

export interface PriceParameters {
  /** a price below this fraction of the brand's reference minimum is an anomaly */
  priceAnomalyRatio: number;
  /** the same for goods the listing says are pre-owned (default 0.25) */
  preOwnedPriceAnomalyRatio?: number | undefined;
  currencyRates?: CurrencyRates | undefined;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
const money = (value: number) => Math.round(value * 100) / 100;

/** A price anomaly, a note that the price could not be compared (info), or nothing. */
export function priceAnomaly(input: PriceInput, parameters: PriceParameters): Signal | null {
  const reference = input.brand.referencePrice;
  if (!reference || input.sellerAuthorized || input.tie === 'description' || input.tie === 'image') return null;
  if (input.category && input.brand.category && !sameCategory(input.category, input.brand.category)) return null;
  const { amount, currency } = input.price;
  const brand = { brandKey: input.brand.key, brandName: input.brand.name };
  const rates = parameters.currencyRates;
  const conversion = convertAmount(amount, currency, reference.currency, rates);
  if (!conversion) {
    const missingRates = rates ? [currency, reference.currency].map((code) => code.toUpperCase()).filter((code) => code !== rates.base.toUpperCase() && !(code in rates.rates)) : [];
    return {
      code: 'listing.price_currency_unconverted',
      severity: 'info',
      score: 1,
      summary: `Priced in ${currency} against ${input.brand.name}'s reference in ${reference.currency}, and the policy has ${rates ? `no rate for ${missingRates.join(' or ')}` : 'no currency rates'}: the price was not compared`,
      evidence: { ...brand, amount, currency, referenceCurrency: reference.currency, referenceMin: reference.min, missingRates, ratesBase: rates?.base ?? null, ratesAsOf: rates?.asOf ?? null, tie: input.tie },
      detector,
    };
  }
  const preOwned = input.condition?.condition === 'pre_owned';
  const ratio = preOwned ? Math.min(parameters.priceAnomalyRatio, parameters.preOwnedPriceAnomalyRatio ?? DEFAULT_PRE_OWNED_PRICE_ANOMALY_RATIO) : parameters.priceAnomalyRatio;
  const threshold = reference.min * ratio;
  const compared = conversion.amount;
  if (!(compared < threshold)) return null;
  const ratioToMin = round(compared / reference.min);
  const converted = currency.toUpperCase() !== reference.currency.toUpperCase();
  return {
    code: 'listing.price_anomaly',
    severity: 'high',
    score: round(Math.min(0.99, 0.75 + 0.24 * (1 - compared / threshold))),
    summary: `Priced at ${amount} ${currency}${converted ? ` (about ${money(compared)} ${reference.currency})` : ''}, ${Math.round(ratioToMin * 100)}% of the lowest reference price of ${input.brand.name} (${reference.min}-${reference.max} ${reference.currency})${preOwned ? ', below the band for pre-owned goods' : ''}`,
    evidence: {
      ...brand,
      amount,
      currency,
      referenceMin: reference.min,
      referenceMax: reference.max,
      ratioToMin,
      threshold: ratio,
      tie: input.tie,
      ...(preOwned ? { condition: 'pre_owned', conditionPhrase: input.condition!.phrase } : {}),
      ...(converted ? { convertedAmount: money(compared), referenceCurrency: reference.currency, rate: conversion.rate, ratesBase: rates?.base ?? null, ratesAsOf: rates?.asOf ?? null } : {}),
    },
    detector,
  };
}
