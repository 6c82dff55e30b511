/**
 * Which code is the item's, and whose brand it is, before anything is looked up.
 *
 * The item's code: a code printed on the buyer's own photo is what the item carries; what the
 * buyer typed or scanned is what they read off it, with their typos. So a code read from a photo
 * (GS1, check digit right) is the item's code, and a typed code that disagrees with it is set
 * aside: a serial it names that the brand never issued, or its wrong check digit, says nothing of
 * the item (the disagreement is the photo detector's signal, for a moderator). The typed code
 * stands when no photo shows a code, and when it adds the serial to the same GTIN read from a
 * linear barcode; a bare GTIN typed beside a photo whose DataMatrix or QR code carries the GTIN
 * and serial takes the photo's serial. A code read only from a photo copied from another order's
 * check (one that carried the same code) is that order's code, not the item's, and so is the same
 * code typed beside it (the buyer may have typed it off the copy): it is looked up for the
 * moderator and proves nothing of the item (`copied_photo`), neither a clone nor anything else.
 *
 * The brand: the one the check names, else the tenant's brand whose GTINs contain the code's GTIN
 * (only when it is one brand's), else the brand the listing claims.
 */
import { readProductCode, type ParsedCode } from './parse.ts';

/** Where the code looked up comes from: typed or scanned, printed on the buyer's own photo, or only on a copied photo. */
export type CodeSource = 'typed' | 'photo' | 'copied_photo';

/** A GS1 code read from one of the check's photos. */
export interface CodeOnPhoto {
  /** the text as read */
  raw: string;
  position: number;
  /** the photo is a copy of another order's check photo that carried the same code (photoMatches.ts) */
  copied: boolean;
}

export interface ItemCode {
  /** the raw text to look up */
  raw: string;
  source: CodeSource;
  /** the photo it was read from (null: typed) */
  position: number | null;
  /** a typed code that disagrees with the photo's and was not looked up (null: none, or it agrees) */
  typedSetAside: string | null;
}

interface Read {
  raw: string;
  position: number;
  code: ParsedCode;
}

const readable = (photos: readonly CodeOnPhoto[]): Read[] =>
  photos.flatMap((photo) => {
    const reading = readProductCode(photo.raw);
    return reading.ok && reading.code.gtinCheckDigitValid ? [{ raw: photo.raw, position: photo.position, code: reading.code }] : [];
  });

const sameUnit = (a: ParsedCode, b: ParsedCode) => a.gtin === b.gtin && (a.serial === null || b.serial === null || a.serial === b.serial);

/** The code to look up as the item's, or null when neither a photo nor the buyer gave one. */
export function itemCodeOf(claimedCode: string | null, photos: readonly CodeOnPhoto[]): ItemCode | null {
  const typedReading = claimedCode ? readProductCode(claimedCode) : null;
  const typed = typedReading?.ok ? typedReading.code : null;
  const own = readable(photos.filter((photo) => !photo.copied));
  if (own.length > 0) {
    // the photo's code that names the unit (with a serial), the one the buyer typed first
    const best =
      (typed && own.find((entry) => entry.code.serial !== null && sameUnit(entry.code, typed))) ?? own.find((entry) => entry.code.serial !== null) ?? own[0]!;
    // a linear barcode carries the GTIN only: the serial typed with that same GTIN completes it
    if (claimedCode && typed && best.code.serial === null && typed.serial !== null && typed.gtin === best.code.gtin) {
      return { raw: claimedCode, source: 'typed', position: null, typedSetAside: null };
    }
    const agrees = typed !== null && sameUnit(best.code, typed) && typed.gtinCheckDigitValid;
    return { raw: best.raw, source: 'photo', position: best.position, typedSetAside: claimedCode && !agrees ? claimedCode : null };
  }
  const copied = readable(photos.filter((photo) => photo.copied));
  if (claimedCode) {
    // typed as it is printed on the copied photo: the code came with the copy, whoever typed it
    const same = typed?.serial ? copied.find((entry) => entry.code.gtin === typed.gtin && entry.code.serial === typed.serial) : undefined;
    if (same) return { raw: same.raw, source: 'copied_photo', position: same.position, typedSetAside: null };
    return { raw: claimedCode, source: 'typed', position: null, typedSetAside: null };
  }
  const first = copied.find((entry) => entry.code.serial !== null) ?? copied[0];
  return first ? { raw: first.raw, source: 'copied_photo', position: first.position, typedSetAside: null } : null;
}

/** A brand as the inference reads it. */
export interface BrandOfCode {
  key: string;
  name: string;
  aliases: readonly string[];
  gtins: readonly string[];
}

export interface InferredBrand<B extends BrandOfCode> {
  brand: B;
  /** how it was found: the code's GTIN is one of the brand's, or the listing claims it */
  from: 'gtin' | 'listing';
}

/** The brand a listing's claimed brand names: its key, name or an alias, as sellers write them. */
export function brandNamed<B extends BrandOfCode>(brands: readonly B[], claimed: string | null): B | null {
  const wanted = claimed?.trim().toLowerCase();
  if (!wanted) return null;
  return brands.find((brand) => brand.key.toLowerCase() === wanted || brand.name.toLowerCase() === wanted || brand.aliases.some((alias) => alias.toLowerCase() === wanted)) ?? null;
}

/**
 * The brand of a check that names none: the brand whose GTINs contain the code's (one brand; when
 * several list it, the one the listing claims), else the brand the listing claims. Null when
 * neither says.
 */
export function inferBrand<B extends BrandOfCode>(brands: readonly B[], { gtin, listingClaimedBrand }: { gtin: string | null; listingClaimedBrand: string | null }): InferredBrand<B> | null {
  const claimed = brandNamed(brands, listingClaimedBrand);
  if (gtin) {
    const listing = brands.filter((brand) => brand.gtins.includes(gtin));
    if (listing.length === 1) return { brand: listing[0]!, from: 'gtin' };
    if (listing.length > 1 && claimed && listing.includes(claimed)) return { brand: claimed, from: 'gtin' };
  }
  return claimed ? { brand: claimed, from: 'listing' } : null;
}
