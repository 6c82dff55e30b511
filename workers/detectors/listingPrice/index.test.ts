import { describe, expect, it } from 'vitest';
import type { BrandEntry, CurrencyRates } from '../../../core/listingScreening.ts';
import { convertAmount } from './currency.ts';
import { priceAnomaly, type PriceInput } from './index.ts';

const rates: CurrencyRates = { base: 'EUR', asOf: '2025-11-03', rates: { USD: 1.2, GBP: 0.8, JPY: 160 } };
const gucci: BrandEntry = { key: 'gucci', name: 'Gucci', aliases: [], category: 'handbags', referencePrice: { currency: 'USD', min: 1000, max: 4000 }, authorizedSellerIds: ['gucci-boutique'] };
const input = (amount: number, currency: string, overrides: Partial<PriceInput> = {}): PriceInput => ({ price: { amount, currency }, category: null, brand: gucci, tie: 'title', sellerAuthorized: false, ...overrides });

describe('currency conversion', () => {
  it('goes through the base, either way, and knows the base without a rate for it', () => {
    expect(convertAmount(100, 'EUR', 'USD', rates)).toEqual({ amount: 120, rate: 1.2 });
    expect(convertAmount(120, 'usd', 'EUR', rates)?.amount).toBeCloseTo(100);
    expect(convertAmount(80, 'GBP', 'USD', rates)?.amount).toBeCloseTo(120);
    expect(convertAmount(16_000, 'JPY', 'GBP', rates)?.amount).toBeCloseTo(80);
    expect(convertAmount(5, 'USD', 'USD', undefined)).toEqual({ amount: 5, rate: 1 });
  });

  it('knows no rate it was not given', () => {
    expect(convertAmount(100, 'CHF', 'USD', rates)).toBeNull();
    expect(convertAmount(100, 'EUR', 'USD', undefined)).toBeNull();
  });
});

describe('price anomaly in another currency', () => {
  it('converts the price before comparing it, and says so in the evidence', () => {
    // 400 EUR is 480 USD: under 0.6 x 1000
    const signal = priceAnomaly(input(400, 'EUR'), { priceAnomalyRatio: 0.6, currencyRates: rates });
    expect(signal).toMatchObject({ code: 'listing.price_anomaly', evidence: { amount: 400, currency: 'EUR', convertedAmount: 480, referenceCurrency: 'USD', rate: 1.2, ratioToMin: 0.48, ratesAsOf: '2025-11-03' } });
    expect(signal?.summary).toContain('about 480 USD');
    // 600 EUR is 720 USD: no anomaly
    expect(priceAnomaly(input(600, 'EUR'), { priceAnomalyRatio: 0.6, currencyRates: rates })).toBeNull();
  });

  it('claims nothing without a rate, and says why in an info signal', () => {
    const unknown = priceAnomaly(input(10, 'CHF'), { priceAnomalyRatio: 0.6, currencyRates: rates });
    expect(unknown).toMatchObject({ code: 'listing.price_currency_unconverted', severity: 'info', evidence: { currency: 'CHF', referenceCurrency: 'USD', missingRates: ['CHF'] } });
    const noTable = priceAnomaly(input(10, 'EUR'), { priceAnomalyRatio: 0.6 });
    expect(noTable).toMatchObject({ code: 'listing.price_currency_unconverted', evidence: { missingRates: [], ratesBase: null } });
    expect(noTable?.summary).toContain('no currency rates');
  });

  it('stays silent where no price would be compared anyway', () => {
    expect(priceAnomaly(input(10, 'CHF', { sellerAuthorized: true }), { priceAnomalyRatio: 0.6, currencyRates: rates })).toBeNull();
    expect(priceAnomaly(input(10, 'CHF', { tie: 'description' }), { priceAnomalyRatio: 0.6, currencyRates: rates })).toBeNull();
    expect(priceAnomaly(input(10, 'CHF', { category: 'socks' }), { priceAnomalyRatio: 0.6, currencyRates: rates })).toBeNull();
    // a category named differently but meaning the same goods is compared
    expect(priceAnomaly(input(10, 'USD', { category: 'Bags & Purses' }), { priceAnomalyRatio: 0.6 })?.code).toBe('listing.price_anomaly');
  });
});
