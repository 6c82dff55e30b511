/**
 * Every text check of a listing in one pass: brand mentions (and disguises), counterfeit cues,
 * price anomaly and unauthorized seller, over the title, the description and the text read from
 * images. Pure and deterministic: the activity loads the brand catalog and stores what this returns.
 */
import { DEFAULT_LISTING_SCREENING_PARAMETERS, type BrandEntry, type ListingText } from '../../../core/listingScreening.ts';
import type { Signal } from '../../../core/signals.ts';
import { brandSignals, brandThresholds, findBrandMentions, prepareField, type BrandMention, type TextField } from '../listingBrands/index.ts';
import { cueSignals, findCues, type CueMatch } from '../listingCues/index.ts';
import { readCondition } from '../listingPrice/condition.ts';
import { priceAnomaly, type BrandTie, type PriceParameters } from '../listingPrice/index.ts';
import { isAuthorizedSeller, unauthorizedSeller } from '../listingSeller/index.ts';

export interface TextScreening {
  signals: Signal[];
  mentions: BrandMention[];
  cues: CueMatch[];
}

const TIE_RANK: Record<BrandTie, number> = { claimed: 0, disguised: 1, title: 2, image: 3, description: 4 };

function findClaimed(brands: readonly BrandEntry[], claimed: string | null | undefined): BrandEntry | undefined {
  if (!claimed) return undefined;
  const wanted = claimed.trim().toLowerCase();
  return brands.find((brand) => brand.key.toLowerCase() === wanted || brand.name.toLowerCase() === wanted || brand.aliases.some((alias) => alias.toLowerCase() === wanted));
}

const keyIndexes = new WeakMap<readonly BrandEntry[], Map<string, BrandEntry>>();
function brandsByKey(brands: readonly BrandEntry[]): Map<string, BrandEntry> {
  let index = keyIndexes.get(brands);
  if (!index) keyIndexes.set(brands, (index = new Map(brands.map((brand) => [brand.key, brand]))));
  return index;
}

/** The brands the listing is of, with how strongly it is tied to each; accessories' brands and everyday senses are not the listing's. */
function brandsOfListing(brands: readonly BrandEntry[], claimed: BrandEntry | undefined, mentions: readonly BrandMention[]): Map<string, { brand: BrandEntry; tie: BrandTie }> {
  const tied = new Map<string, { brand: BrandEntry; tie: BrandTie }>();
  const tie = (brand: BrandEntry, how: BrandTie) => {
    const known = tied.get(brand.key);
    if (!known || TIE_RANK[how] < TIE_RANK[known.tie]) tied.set(brand.key, { brand, tie: how });
  };
  if (claimed) tie(claimed, 'claimed');
  const byKey = brandsByKey(brands);
  for (const mention of mentions) {
    const brand = byKey.get(mention.brandKey);
    if (!brand || !mention.brandSense) continue;
    if (mention.disguises.length > 0) tie(brand, 'disguised');
    else if (mention.accessory) continue;
    else tie(brand, mention.field === 'title' ? 'title' : mention.field === 'description' ? 'description' : 'image');
  }
  return tied;
}

/** `parameters`: the policy's price ratio and currency rates (the shipped defaults when left out). */
export function screenListingText(listing: ListingText, brands: readonly BrandEntry[], parameters: PriceParameters = DEFAULT_LISTING_SCREENING_PARAMETERS): TextScreening {
  const fields: TextField[] = [
    { field: 'title', text: listing.title },
    { field: 'description', text: listing.description },
    ...(listing.imageText ?? []).map(({ imageIndex, text }) => ({ field: `image:${imageIndex}` as const, text })),
  ];
  const prepared = fields.filter((field) => field.text.length > 0).map(prepareField);
  const claimed = findClaimed(brands, listing.claimedBrand);
  const mentions = findBrandMentions(prepared, brands, brandThresholds, { category: listing.category, ...(claimed ? { claimedBrandKey: claimed.key } : {}) });
  const cues = findCues(prepared, mentions);
  for (const { brandMention, text } of cues) {
    if (brandMention && !brandMention.brandSense) Object.assign(brandMention, { brandSense: true, senseEvidence: `compared with in "${text}"` });
  }
  const signals: Signal[] = [...brandSignals(mentions), ...cueSignals(cues)];

  const tied = brandsOfListing(brands, claimed, mentions);
  const condition = tied.size > 0 ? readCondition(prepared) : undefined;
  for (const { brand, tie } of tied.values()) {
    const price = priceAnomaly({ price: listing.price, category: listing.category, brand, tie, sellerAuthorized: isAuthorizedSeller(brand, listing.sellerId), ...(condition ? { condition } : {}) }, parameters);
    if (price) signals.push(price);
    const corroboratedBy = [
      ...(tie === 'disguised' ? ['the brand name is disguised'] : []),
      ...(price?.code === 'listing.price_anomaly' ? ['the price is anomalous'] : []),
      ...(cues.length > 0 ? ['the listing uses counterfeit cues'] : []),
    ];
    const seller = unauthorizedSeller({ brand, sellerId: listing.sellerId, tie, corroboratedBy });
    if (seller) signals.push(seller);
  }
  return { signals, mentions, cues };
}
