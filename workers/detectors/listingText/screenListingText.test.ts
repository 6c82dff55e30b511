import { describe, expect, it } from 'vitest';
import type { BrandEntry, ListingText } from '../../../core/listingScreening.ts';
import { screenListingText } from './screenListingText.ts';

const brands: BrandEntry[] = [
  { key: 'gucci', name: 'Gucci', aliases: [], category: 'handbags', referencePrice: { currency: 'USD', min: 800, max: 4000 }, authorizedSellerIds: ['gucci-boutique'] },
  { key: 'nike', name: 'Nike', aliases: ['Air Jordan'], category: 'sneakers', referencePrice: { currency: 'USD', min: 90, max: 250 }, authorizedSellerIds: ['nike-store'] },
  { key: 'louis-vuitton', name: 'Louis Vuitton', aliases: ['LV'], category: 'handbags', referencePrice: { currency: 'EUR', min: 1000, max: 5000 }, authorizedSellerIds: [] },
  { key: 'chanel', name: 'Chanel', aliases: [], category: 'handbags', referencePrice: null, authorizedSellerIds: [] },
];

const screen = (title: string, description = '', extra: Partial<ListingText> = {}) =>
  screenListingText({ title, description, price: { amount: 1000, currency: 'USD' }, sellerId: 'someone', ...extra }, brands);
const codes = (title: string, description = '', extra: Partial<ListingText> = {}) => screen(title, description, extra).signals.map((signal) => signal.code);
const disguise = (title: string) => screen(title).signals.find((signal) => signal.code === 'listing.brand_disguised')?.evidence;

describe('brand disguises', () => {
  it.each([
    ['G*cci bag', 'G*cci', ['symbol']],
    ['Guc ci bag', 'Guc ci', ['separator']],
    ['G.u.c.c.i bag', 'G.u.c.c.i', ['separator']],
    ['N1ke runners', 'N1ke', ['leetspeak']],
    ['N\u0456ke runners', 'N\u0456ke', ['lookalike']],
    ['\uff27\uff55\uff43\uff43\uff49 belt', '\uff27\uff55\uff43\uff43\uff49', ['lookalike']],
    ['\u{1d406}\u{1d42e}\u{1d41c}\u{1d41c}\u{1d422} wallet', '\u{1d406}\u{1d42e}\u{1d41c}\u{1d41c}\u{1d422}', ['lookalike']],
    ['Gu\u200bcci wallet', 'Gu\u200bcci', ['invisible']],
    ['Guci handbag', 'Guci', ['misspelling']],
    ['L\u043euis Vuitt\u043en tote', 'L\u043euis Vuitt\u043en', ['lookalike']],
  ])('finds %s as the brand written %s (%s)', (title, text, disguises) => {
    expect(disguise(title)).toMatchObject({ text, disguises });
  });

  it('points at the words as sent (UTF-16 offsets), whatever came before them', () => {
    const title = '\u{1f525}\u{1f525} hot: G*cci tote';
    const evidence = disguise(title)!;
    expect(title.slice(evidence.start as number, evidence.end as number)).toBe('G*cci');
  });

  it('reads plain and two-word names as plain mentions, not disguises', () => {
    expect(codes('Gucci Marmont bag')).toContain('listing.brand_mentioned');
    expect(codes('Gucci Marmont bag')).not.toContain('listing.brand_disguised');
    expect(codes('Louis Vuitton Speedy 30')).not.toContain('listing.brand_disguised');
    expect(codes('GUCCI belt')).not.toContain('listing.brand_disguised');
  });

  it('finds no brand inside other words, in everyday words near a brand name, or in short words', () => {
    expect(codes('Diorama of a castle')).toEqual([]);
    expect(codes('Guccione biography, paperback')).toEqual([]);
    expect(codes('4-channel mixer')).toEqual([]);
    expect(codes('Mike’s bike')).toEqual([]);
  });
});

describe('counterfeit cues and their benign senses', () => {
  const cue = (title: string, description = '') => screen(title, description).signals.filter((signal) => signal.code === 'listing.counterfeit_cue').map((signal) => signal.evidence.cue);
  it.each([
    ['1:1 replica handbag', ['replica', 'one_to_one']],
    ['AAA quality sneakers', ['triple_a']],
    ['Mirror quality watch', ['mirror_quality']],
    ['Same factory as the original', ['same_factory']],
    ['Best dupe of the year', ['dupe']],
    ['Perfume inspired by Chanel', ['inspired_by_brand']],
    ['Unbranded tote with logo printed', ['unbranded_with_logo']],
    ['r3plica sneakers', ['replica']],
    ['Super copy watch', ['copy']],
  ])('%s', (title, expected) => {
    expect(cue(title).sort()).toEqual(expected.sort());
  });

  it.each([
    'Mirror-finish stainless tray',
    'Mirror finish phone stand',
    'Camera with 1:1 aspect ratio mode',
    'Replica souvenir of the Eiffel Tower',
    '1:24 scale replica car',
    'AAA batteries, pack of 8',
    'Fake fur throw blanket',
    'Not a replica: 100% authentic with receipt',
    'Inspired by nature: linen shirt',
    'Unbranded tote, no logo',
    'Official replica jersey home kit',
  ])('no cue in "%s"', (title) => {
    expect(cue(title)).toEqual([]);
  });
});

describe('price and seller', () => {
  it('flags half price by an unauthorized seller, not by an authorized one', () => {
    const unauthorized = screen('Gucci Marmont bag', '', { price: { amount: 400, currency: 'USD' } });
    expect(unauthorized.signals.map((signal) => signal.code)).toEqual(['listing.brand_mentioned', 'listing.price_anomaly', 'listing.unauthorized_seller']);
    expect(unauthorized.signals.find((signal) => signal.code === 'listing.unauthorized_seller')?.score).toBe(0.8);
    const authorized = screen('Gucci Marmont bag', '', { price: { amount: 400, currency: 'USD' }, sellerId: 'gucci-boutique' });
    expect(authorized.signals.map((signal) => signal.code)).toEqual(['listing.brand_mentioned']);
  });

  it('compares no prices across currencies without rates, nor across categories, nor for brands named only as what an accessory fits', () => {
    expect(codes('Louis Vuitton bag', '', { price: { amount: 100, currency: 'USD' } })).toEqual(['listing.brand_mentioned', 'listing.price_currency_unconverted']);
    expect(codes('Gucci socks', '', { price: { amount: 40, currency: 'USD' }, category: 'socks' })).not.toContain('listing.price_anomaly');
    expect(codes('Strap compatible with Gucci bags', '', { price: { amount: 20, currency: 'USD' } })).toEqual(['listing.brand_mentioned']);
  });

  it('converts a price in another currency with the policy’s rates, and then finds the anomaly', () => {
    const listing = { title: 'Louis Vuitton bag', description: '', price: { amount: 100, currency: 'USD' }, sellerId: 'someone' };
    const withRates = screenListingText(listing, brands, { priceAnomalyRatio: 0.6, currencyRates: { base: 'EUR', rates: { USD: 1.1 } } });
    expect(withRates.signals.find((signal) => signal.code === 'listing.price_anomaly')?.evidence).toMatchObject({ currency: 'USD', referenceCurrency: 'EUR', convertedAmount: 90.91 });
  });

  it('scores an unauthorized seller low when nothing else is wrong, and uses the claimed brand', () => {
    const alone = screen('Shoulder bag', '', { claimedBrand: 'gucci', price: { amount: 1500, currency: 'USD' } });
    expect(alone.signals).toMatchObject([{ code: 'listing.unauthorized_seller', score: 0.4 }]);
  });

  it('reads text from images like the description', () => {
    const fromImage = screen('Handbag', '', { imageText: [{ imageIndex: 1, text: 'REPLICA G U C C I' }] });
    expect(fromImage.signals.map((signal) => [signal.code, signal.evidence.field])).toContainEqual(['listing.counterfeit_cue', 'image:1']);
    expect(fromImage.signals.map((signal) => signal.code)).toContain('listing.brand_disguised');
  });
});

describe('harder disguises and benign senses', () => {
  it('reads repeated letters and "high quality copy"', () => {
    expect(disguise('Guuucci bag')).toMatchObject({ text: 'Guuucci', disguises: ['repetition'] });
    expect(screen('Gucci bag', 'high quality copy').signals.map((signal) => signal.evidence.cue)).toContain('copy');
  });

  it('reads a long name with a symbol after every letter, and no other brand inside it', () => {
    expect(disguise('L*o*u*i*s*V*u*i*t*t*o*n tote')).toMatchObject({ brandKey: 'louis-vuitton', disguises: ['symbol'] });
    // "c*h*a*e*l" inside is one misspelling from Chanel, but no word begins there
    expect(codes('M*i*c*h*a*e*l tote')).toEqual([]);
  });

  it('takes no cue from a replica of a painting, nor a brand from a repeated letter in an everyday word', () => {
    expect(codes('Replica of Van Gogh Starry Night painting')).toEqual([]);
    expect(codes('Channel strip for the mixing desk')).toEqual([]);
  });
});

describe('well-known models', () => {
  it('reads a model named without its brand as the brand, and prices it against the brand', () => {
    const found = screen('Speedy 30 bag, monogram canvas', '', { price: { amount: 60, currency: 'EUR' } }).signals;
    expect(found.find((signal) => signal.code === 'listing.brand_mentioned')?.evidence).toMatchObject({ brandKey: 'louis-vuitton', term: 'model', text: 'Speedy' });
    expect(found.map((signal) => signal.code)).toContain('listing.price_anomaly');
  });

  it('leaves models the list marks as everyday words to the brand name', () => {
    expect(codes('Boy bag, quilted, chain strap')).toEqual([]);
  });
});

describe('condition and price', () => {
  const priced = (title: string, description: string, amount: number) => screen(title, description, { price: { amount, currency: 'EUR' } }).signals.find((signal) => signal.code === 'listing.price_anomaly');

  it('compares goods the listing says are pre-owned with the pre-owned band', () => {
    expect(priced('Louis Vuitton tote, pre-owned', 'Corners rubbed, bought in Paris in 2016.', 400)).toBeUndefined();
    expect(priced('Louis Vuitton tote, pre-owned', 'Corners rubbed.', 120)?.evidence).toMatchObject({ threshold: 0.25, condition: 'pre_owned' });
  });

  it('prices goods said to be new, or of no stated condition, against the new range', () => {
    expect(priced('Louis Vuitton tote', 'Used once? No: brand new, sealed.', 400)?.evidence).toMatchObject({ threshold: 0.6 });
    expect(priced('Louis Vuitton tote', '', 400)?.evidence).toMatchObject({ threshold: 0.6 });
  });
});
