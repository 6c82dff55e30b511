/**
 * Listing images: perceptual fingerprints of product pictures and their search against the
 * gallery. Pure modules: the activities of listing screening decode, hash and match through them.
 */
export { defaultFingerprintLimits, FINGERPRINT_VERSION, fingerprintImage, fingerprintVariants, ImageFingerprintError } from './fingerprint.ts';
export type { FingerprintLimits, FingerprintVariant, ImageFingerprint, ImageFingerprintErrorCode } from './fingerprint.ts';
export { hashBits, hashBytes } from './dctHash.ts';
export { hammingDistance } from './hamming.ts';
export { HammingIndex } from './hammingIndex.ts';
export type { HammingIndexOptions, HammingMatch } from './hammingIndex.ts';
export {
  addGalleryImage,
  addListingImage,
  bestGalleryMatch,
  defaultImageMatchThresholds,
  galleryEntryId,
  galleryVariants,
  listingsMatchingGalleryImage,
  listingVariants,
  matchImage,
  removeGalleryImage,
  removeListingImage,
} from './matchImage.ts';
export type { GalleryImageMatch, ImageMatchThresholds, ListingImageMatch, ScreenedImageMatch } from './matchImage.ts';
export { comparePhotographs, defaultSamePhotographSettings, type PhotographComparison, type SamePhotographSettings } from './samePhotograph.ts';
export { defaultMatchVerification, verifiedGalleryMatch, verificationSearch, verifyGalleryMatch, type MatchVerification, type VerifiedGalleryMatch } from './verifyMatch.ts';
