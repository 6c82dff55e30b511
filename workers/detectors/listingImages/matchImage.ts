/**
 * Image match: the nearest gallery picture for each listing picture, through a HammingIndex of
 * gallery fingerprints.
 *
 * A gallery picture is indexed under eleven variants (not `trimmed-upper-85`, the tilts or
 * `core`); a listing picture is searched with the few variants that line up with them: `full`,
 * `trimmed` and `core` against the gallery's whole, trimmed, mirrored and cropped hashes, the three
 * `upper-85` hashes (a banner pasted along the bottom cut away; `inner-upper-85` also a thin frame
 * or a crop of a few percent, as in a copy edited several ways at once: on the tune split it
 * brought the combined copies 58 bits nearer in all and found one more) against the gallery's
 * `upper-85` ones, `core-top` (the top of a product shot under a frame and a banner) against its
 * own kind, and the tilts (turned back 3°, 6° and 9° either way, on the copy's own canvas or on
 * one grown to hold the turn) against `centre-90`.
 * Pairing fewer variants keeps the chances of an unrelated picture coming close low.
 *
 * Catches: resized, recompressed, framed, letterboxed, cropped up to about 10%, bannered,
 * grayscale, brightened or darkened, blurred, stretched and mirrored copies of a gallery picture,
 * and copies cropped a few percent, bannered, framed, dimmed and recompressed small at once.
 * Misses or only calls unsure: rotations beyond about 10°, heavy crops (over ~15%), a picture
 * pasted small into a collage, mirrored copies that were also cropped, and busy or gradient
 * pictures cropped unevenly under a banner (nothing for the trimming to hold on to).
 */
import { extraTiltVariants, type FingerprintVariant, type ImageFingerprint } from './fingerprint.ts';
import type { HammingIndex } from './hammingIndex.ts';

export interface ImageMatchThresholds {
  /** at most this many bits apart (of 256): the same picture */
  match: number;
  /** above `match` and at most this: worth a second look (a moderator, or local features) */
  unsure: number;
}

/**
 * From the tune split of `npm run eval:listing-images`: no false match there up to 61 bits; 40
 * keeps a wide margin for pictures unlike ours, and searching no further than 44 keeps the index
 * fast (hammingIndex.ts: up to 44 bits, every true match shares two 16-bit substrings within 2
 * bits of the query's, which few unrelated hashes do).
 */
export const defaultImageMatchThresholds: ImageMatchThresholds = { match: 40, unsure: 44 };

export const galleryVariants: readonly FingerprintVariant[] = ['full', 'trimmed', 'mirror', 'centre-90', 'crop-left', 'crop-right', 'crop-top', 'crop-bottom', 'upper-85', 'inner-upper-85', 'core-top'];

/** Which gallery variants each listing variant is compared with. */
const comparedWith: Partial<Record<FingerprintVariant, ReadonlySet<FingerprintVariant>>> = {
  full: new Set(['full', 'trimmed', 'mirror', 'centre-90', 'crop-left', 'crop-right', 'crop-top', 'crop-bottom']),
  trimmed: new Set(['full', 'trimmed', 'mirror', 'centre-90', 'crop-left', 'crop-right', 'crop-top', 'crop-bottom']),
  core: new Set(['full', 'trimmed', 'mirror', 'centre-90', 'crop-left', 'crop-right', 'crop-top', 'crop-bottom']),
  'core-top': new Set(['core-top']),
  'upper-85': new Set(['upper-85']),
  'inner-upper-85': new Set(['upper-85', 'inner-upper-85']),
  'trimmed-upper-85': new Set(['upper-85', 'inner-upper-85']),
  // every tilt is turned back to line up with the gallery picture's centre
  ...Object.fromEntries((['tilt-left', 'tilt-right', ...extraTiltVariants] as const).map((variant) => [variant, new Set<FingerprintVariant>(['centre-90'])])),
};

export const listingVariants = Object.keys(comparedWith) as FingerprintVariant[];

/**
 * The listing variants kept in the index of screened listing pictures (retroactive matching): all
 * but the wider turns, which would grow that index by two thirds (it holds every screened picture
 * of a marketplace); a copy turned more than about 4.5° is found when it is screened, not when
 * its gallery picture is added later.
 */
const retroactiveVariants = new Set(listingVariants.filter((variant) => !(extraTiltVariants as readonly FingerprintVariant[]).includes(variant)));

export interface GalleryImageMatch {
  galleryImageId: string;
  distance: number;
  /** which hash of the listing picture matched which of the gallery picture's */
  listingVariant: FingerprintVariant;
  galleryVariant: FingerprintVariant;
  certainty: 'match' | 'unsure';
}

export interface ListingImageMatch {
  /** position of the listing picture in the list given */
  listingImage: number;
  best: GalleryImageMatch | null;
}

const separator = '#';

export function galleryEntryId(galleryImageId: string, variant: FingerprintVariant): string {
  return `${galleryImageId}${separator}${variant}`;
}

function parseEntryId(entryId: string): { galleryImageId: string; variant: FingerprintVariant } {
  const at = entryId.lastIndexOf(separator);
  return { galleryImageId: entryId.slice(0, at), variant: entryId.slice(at + 1) as FingerprintVariant };
}

/** Indexes a gallery picture's hashes (replacing any it had). */
export function addGalleryImage(index: HammingIndex, galleryImageId: string, fingerprint: Pick<ImageFingerprint, 'fingerprints'>): void {
  for (const { variant, hash } of fingerprint.fingerprints) if (galleryVariants.includes(variant)) index.add(galleryEntryId(galleryImageId, variant), hash);
}

export function removeGalleryImage(index: HammingIndex, galleryImageId: string): void {
  for (const variant of galleryVariants) index.remove(galleryEntryId(galleryImageId, variant));
}

/** The best gallery match of one listing picture, or null when none is within `thresholds.unsure`. */
export function bestGalleryMatch(fingerprint: Pick<ImageFingerprint, 'fingerprints'>, index: HammingIndex, thresholds: ImageMatchThresholds): GalleryImageMatch | null {
  let best: GalleryImageMatch | null = null;
  for (const { variant, hash } of fingerprint.fingerprints) {
    const allowed = comparedWith[variant];
    if (!allowed) continue;
    for (const hit of index.search(hash, thresholds.unsure)) {
      if (best && hit.distance >= best.distance) break;
      const entry = parseEntryId(hit.id);
      if (!allowed.has(entry.variant)) continue;
      best = { galleryImageId: entry.galleryImageId, distance: hit.distance, listingVariant: variant, galleryVariant: entry.variant, certainty: hit.distance <= thresholds.match ? 'match' : 'unsure' };
      break;
    }
  }
  return best;
}

/** The best gallery match per listing picture. */
export function matchImage(listingFingerprints: readonly Pick<ImageFingerprint, 'fingerprints'>[], index: HammingIndex, thresholds: ImageMatchThresholds): ListingImageMatch[] {
  return listingFingerprints.map((fingerprint, listingImage) => ({ listingImage, best: bestGalleryMatch(fingerprint, index, thresholds) }));
}

/**
 * Retroactive matching: listing pictures already screened are kept in their own index
 * (`addListingImage`), and a picture newly added to the gallery is searched against it with the
 * same pairing of variants, so earlier listings that show it are found.
 */
export function addListingImage(index: HammingIndex, listingImageId: string, fingerprint: Pick<ImageFingerprint, 'fingerprints'>): void {
  for (const { variant, hash } of fingerprint.fingerprints) if (retroactiveVariants.has(variant)) index.add(galleryEntryId(listingImageId, variant), hash);
}

export function removeListingImage(index: HammingIndex, listingImageId: string): void {
  for (const variant of retroactiveVariants) index.remove(galleryEntryId(listingImageId, variant));
}

export interface ScreenedImageMatch {
  listingImageId: string;
  distance: number;
  listingVariant: FingerprintVariant;
  galleryVariant: FingerprintVariant;
  certainty: 'match' | 'unsure';
}

/** Every listing picture in `listingIndex` within `thresholds.unsure` of a gallery picture, nearest first. */
export function listingsMatchingGalleryImage(galleryFingerprint: Pick<ImageFingerprint, 'fingerprints'>, listingIndex: HammingIndex, thresholds: ImageMatchThresholds): ScreenedImageMatch[] {
  const best = new Map<string, ScreenedImageMatch>();
  for (const { variant, hash } of galleryFingerprint.fingerprints) {
    if (!galleryVariants.includes(variant)) continue;
    for (const hit of listingIndex.search(hash, thresholds.unsure)) {
      const entry = parseEntryId(hit.id);
      if (!comparedWith[entry.variant]?.has(variant)) continue;
      const known = best.get(entry.galleryImageId);
      if (known && known.distance <= hit.distance) continue;
      best.set(entry.galleryImageId, { listingImageId: entry.galleryImageId, distance: hit.distance, listingVariant: entry.variant, galleryVariant: variant, certainty: hit.distance <= thresholds.match ? 'match' : 'unsure' });
    }
  }
  return [...best.values()].sort((a, b) => a.distance - b.distance || (a.listingImageId < b.listingImageId ? -1 : 1));
}
