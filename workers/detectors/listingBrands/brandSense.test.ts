import { describe, expect, it } from 'vitest';
import type { BrandEntry, ListingText } from '../../../core/listingScreening.ts';
import { screenListingText } from '../listingText/screenListingText.ts';
import { categoryWords, sameCategory } from './categoryWords.ts';

const brand = (key: string, name: string, category: string, aliases: string[] = [], min = 100): BrandEntry => ({ key, name, aliases, category, referencePrice: { currency: 'USD', min, max: min * 5 }, authorizedSellerIds: [`${key}-store`] });
const brands: BrandEntry[] = [
  brand('apple', 'Apple', 'electronics', ['iPhone', 'AirPods']),
  brand('coach', 'Coach', 'handbags', [], 200),
  brand('gap', 'Gap', 'clothing', [], 25),
  brand('dove', 'Dove', 'personal care', [], 3),
  brand('puma', 'Puma', 'sneakers', [], 55),
  brand('gucci', 'Gucci', 'handbags', ['GG', 'GG Marmont'], 850),
  brand('louis-vuitton', 'Louis Vuitton', 'handbags', ['Neverfull'], 1300),
  brand('chanel', 'Chanel', 'handbags', ['CC'], 4500),
  brand('hermes', 'Hermès', 'handbags', ['Birkin'], 6000),
];

const screen = (title: string, extra: Partial<ListingText> = {}) => screenListingText({ title, description: '', price: { amount: 5, currency: 'USD' }, sellerId: 'someone', ...extra }, brands);
const codes = (title: string, extra: Partial<ListingText> = {}) => screen(title, extra).signals.map((signal) => signal.code);
const mentioned = (title: string, extra: Partial<ListingText> = {}) => screen(title, extra).signals.filter((signal) => signal.code === 'listing.brand_mentioned').map((signal) => signal.evidence.brandKey);

describe('everyday words that are brand names', () => {
  it.each(['Apple cider vinegar, 500ml', 'Gap year planner 2026', 'Coach bus model, die-cast', 'Dove-grey cashmere scarf', 'Puma plush toy, 30 cm', 'APPLE CIDER VINEGAR GUMMIES'])('reads "%s" in its everyday sense: no brand, no price anomaly', (title) => {
    expect(codes(title)).toEqual([]);
  });

  it.each([
    ['Coach tote, brown leather', 'coach'],
    ['Apple laptop 13-inch', 'apple'],
    ['Puma trainers size 42', 'puma'],
    ['Gap hoodie, grey', 'gap'],
    ['Dove body wash 4 x 250ml', 'dove'],
  ])('reads "%s" as the brand beside its goods', (title, key) => {
    const result = screen(title);
    expect(mentioned(title)).toEqual([key]);
    expect(result.signals.find((signal) => signal.code === 'listing.brand_mentioned')?.evidence.readAsBrandBecause).toMatch(/goods are named/);
  });

  it('reads the brand when claimed, by category, with an alias, or disguised; the price check follows', () => {
    expect(codes('Coach, like new', { claimedBrand: 'coach' })).toContain('listing.price_anomaly');
    expect(codes('Coach, like new', { category: 'Bags & Purses' })).toContain('listing.price_anomaly');
    expect(codes('Apple iPhone 15, sealed')).toContain('listing.price_anomaly');
    expect(codes('C0ach shoulder thing')).toContain('listing.brand_disguised');
    // the listing's category says another kind of goods: the everyday sense
    expect(codes('Apple crate', { category: 'home decor' })).toEqual([]);
  });

  it('takes a comparison with a capitalised brand name as the brand ("Coach-style", "inspired by Apple")', () => {
    const style = screen('Coach-style weekender');
    expect(style.signals.map((signal) => signal.code)).toEqual(expect.arrayContaining(['listing.brand_mentioned', 'listing.counterfeit_cue']));
  });
});

describe('initials and monograms', () => {
  it.each([
    ['GG pattern canvas wallet', 'gucci'],
    ['LV monogram tote', 'louis-vuitton'],
    ['CC logo earrings', 'chanel'],
    ['L.V. canvas pochette', 'louis-vuitton'],
    ['Leather belt with LV buckle', 'louis-vuitton'],
  ])('reads "%s" as the brand (declared or derived initials beside a monogram word)', (title, key) => {
    const result = screen(title);
    expect(mentioned(title)).toEqual([key]);
    expect(result.signals.map((signal) => signal.code)).toEqual(expect.arrayContaining(['listing.price_anomaly', 'listing.unauthorized_seller']));
    expect(result.signals.map((signal) => signal.code)).not.toContain('listing.brand_disguised');
  });

  it.each(['GG gaming mouse pad', 'CC cream SPF 50', '150 CC scooter helmet', 'Route 99 street sign'])('finds no brand in "%s"', (title) => {
    expect(codes(title)).toEqual([]);
  });

  it('still reads disguised initials as a disguise', () => {
    expect(codes('\uff27\uff27 monogram tote')).toContain('listing.brand_disguised');
  });
});

describe('spellings that are no disguise', () => {
  it('takes a brand’s own accents and their absence as its name, and accents it does not have as a disguise', () => {
    expect(codes('Hermès Birkin 30 handbag', { price: { amount: 9000, currency: 'USD' } })).toEqual(['listing.brand_mentioned', 'listing.unauthorized_seller']);
    expect(codes('Hermes Birkin 30 handbag', { price: { amount: 9000, currency: 'USD' } })).not.toContain('listing.brand_disguised');
    expect(codes('GÜCCI shoulder bag', { price: { amount: 900, currency: 'USD' } })).toContain('listing.brand_disguised');
  });

  it('reads hashtags as words, not as symbol-broken names', () => {
    const result = screen('Louis Vuitton Neverfull tote', { description: '#louis #vuitton #neverfull #preloved', price: { amount: 1500, currency: 'USD' } });
    expect(result.signals.map((signal) => signal.code)).not.toContain('listing.brand_disguised');
  });
});

describe('category words', () => {
  it('looks a category up by its words and family, and compares families', () => {
    expect(categoryWords('Bags & Purses').has('tote')).toBe(true);
    expect(categoryWords('home appliances').has('vacuum')).toBe(true);
    expect(categoryWords('Widgets').has('widget')).toBe(true);
    expect(sameCategory('handbags', 'Bags')).toBe(true);
    expect(sameCategory('Sneakers', 'shoes')).toBe(true);
    expect(sameCategory('handbags', 'accessories')).toBe(false);
    expect(sameCategory('watches', 'jewellery')).toBe(false);
  });
});
