/**
 * Geometric verification of the fingerprints' near candidates: a listing picture whose nearest
 * gallery picture lies beyond the match distance but within `upTo` bits is compared with it
 * aligned (samePhotograph.ts: ORB features, a homography fitted by MAGSAC++). Agreeing features
 * that are many and spread over the gallery picture make it a copy (a `match`, with the
 * alignment as evidence); otherwise the candidate stays what the fingerprints say (`unsure` up to
 * the unsure distance, nothing beyond).
 *
 * The test is geometric only, not the colour test that tells one photograph from two: a seller's
 * copy may be recoloured, bannered or watermarked, and still keeps most of its features where the
 * gallery picture has them. A new photo of the same product matches the product's print (a logo,
 * a label) only, so its agreeing features cover a small part of the picture.
 *
 * Misses: copies the fingerprints put beyond `upTo` (a banner over a third of the picture, a turn
 * of several degrees with a wide fill, several edits at once) are never compared; mirrored copies
 * do not align (ORB is not mirror-invariant; the fingerprints' mirror variant finds them); plain
 * pictures with few corners give too few features.
 */
import type { ImageFingerprint } from './fingerprint.ts';
import type { HammingIndex } from './hammingIndex.ts';
import { bestGalleryMatch, defaultImageMatchThresholds, type GalleryImageMatch, type ImageMatchThresholds } from './matchImage.ts';
import type { PhotographComparison } from './samePhotograph.ts';

export interface MatchVerification {
  /** fingerprint candidates at most this many bits apart (and beyond the match distance) are compared aligned */
  upTo: number;
  /** agreeing features at least */
  minInliers: number;
  /** share of the gallery picture inside their convex hull at least */
  minSpread: number;
}

/**
 * From the tune split of the randomised image family (copies the fingerprints put 41-56 bits from
 * their own picture, and 711 comparisons of copies with other gallery pictures and of distractors
 * with gallery pictures, none of which reached 20 agreeing features spread over a tenth of the
 * picture). Up to 56 bits: the nearest distractor is 62 bits away on the first image family's tune
 * split and 68 on the randomised family's, so a distractor is seldom compared at all.
 */
export const defaultMatchVerification: MatchVerification = { upTo: 56, minInliers: 20, minSpread: 0.1 };

export interface VerifiedGalleryMatch extends GalleryImageMatch {
  /** the aligned comparison, for a candidate that was compared */
  alignment?: { inliers: number; spread: number; verified: boolean };
}

/** The search thresholds that reach the candidates to verify: `match` as shipped, the search as wide as `upTo`. */
export const verificationSearch = (thresholds: ImageMatchThresholds, verification: MatchVerification = defaultMatchVerification): ImageMatchThresholds => ({
  match: thresholds.match,
  unsure: Math.max(thresholds.unsure, verification.upTo),
});

/**
 * The final match of a listing picture from its best candidate (searched with `verificationSearch`):
 * `compare` aligns the picture with a gallery picture (null when either cannot be read).
 */
export async function verifyGalleryMatch(
  best: GalleryImageMatch | null,
  compare: (galleryImageId: string) => Promise<PhotographComparison | null>,
  thresholds: ImageMatchThresholds,
  verification: MatchVerification = defaultMatchVerification,
): Promise<VerifiedGalleryMatch | null> {
  if (!best || best.distance <= thresholds.match) return best;
  const fallback = (alignment?: VerifiedGalleryMatch['alignment']): VerifiedGalleryMatch | null =>
    best.distance <= thresholds.unsure ? { ...best, certainty: 'unsure', ...(alignment ? { alignment } : {}) } : null;
  if (best.distance > verification.upTo) return fallback();
  const comparison = await compare(best.galleryImageId);
  if (!comparison) return fallback();
  const verified = comparison.inliers >= verification.minInliers && comparison.inlierSpread >= verification.minSpread;
  const alignment = { inliers: comparison.inliers, spread: comparison.inlierSpread, verified };
  return verified ? { ...best, certainty: 'match', alignment } : fallback(alignment);
}

/** A listing picture's final gallery match: the fingerprints' best candidate searched as far as the verification reaches, then verified. */
export async function verifiedGalleryMatch(
  fingerprint: Pick<ImageFingerprint, 'fingerprints'>,
  index: HammingIndex,
  compare: (galleryImageId: string) => Promise<PhotographComparison | null>,
  thresholds: ImageMatchThresholds = defaultImageMatchThresholds,
  verification: MatchVerification = defaultMatchVerification,
): Promise<VerifiedGalleryMatch | null> {
  return await verifyGalleryMatch(bestGalleryMatch(fingerprint, index, verificationSearch(thresholds, verification)), compare, thresholds, verification);
}
