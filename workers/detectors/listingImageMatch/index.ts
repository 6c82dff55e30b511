/**
 * Image match: a listing picture that is a gallery picture (after resizing, recompression, crops,
 * frames, banners, mirroring: see listingImages/matchImage.ts). A known counterfeit's photo is
 * the strongest signal there is; an official product photo reused by a seller who is not one of
 * the brand's authorized sellers is worth a moderator's look; a `never_match` picture (a stock
 * background, packaging resellers may photograph) suppresses the match.
 *
 * Catches what the fingerprints catch, and the near candidates they leave unsure or just beyond
 * that the pictures compared aligned confirm (listingImages/verifyMatch.ts: a `match` then, with
 * the alignment in the evidence). Misses: a counterfeit photographed anew (no gallery picture to
 * match), copies too edited for the fingerprints to put near (see verifyMatch.ts), and unsure
 * candidates the alignment does not confirm stay `unsure` (escalated, never blocked).
 */
import type { Signal } from '../../../core/signals.ts';
import type { VerifiedGalleryMatch } from '../listingImages/index.ts';

export const detector = { id: 'listing-image-match', version: '2' };

export interface ListingPictureMatch {
  /** position of the picture in the listing */
  position: number;
  best: VerifiedGalleryMatch | null;
}

export interface MatchedGalleryPicture {
  label: string;
  brandKey: string | null;
}

export const imageMatchScores = { counterfeit: 0.97, counterfeitUnsure: 0.8, officialReused: 0.75 };

export function imageMatchSignals(matches: readonly ListingPictureMatch[], gallery: ReadonlyMap<string, MatchedGalleryPicture>, sellerAuthorizedFor: (brandKey: string) => boolean, scores = imageMatchScores): Signal[] {
  const signals: Signal[] = [];
  for (const { position, best } of matches) {
    if (!best) continue;
    const picture = gallery.get(best.galleryImageId);
    if (!picture || picture.label === 'never_match') continue;
    const evidence = {
      galleryImageId: best.galleryImageId,
      label: picture.label,
      brandKey: picture.brandKey,
      distance: best.distance,
      listingImage: position,
      listingVariant: best.listingVariant,
      galleryVariant: best.galleryVariant,
      certainty: best.certainty,
      ...(best.alignment ? { alignment: best.alignment } : {}),
    };
    const how = `${best.distance} bits apart${best.alignment?.verified ? `, confirmed by ${best.alignment.inliers} features aligned` : best.certainty === 'unsure' ? ', unsure' : ''}`;
    if (picture.label === 'counterfeit') {
      signals.push({
        code: 'listing.image_match',
        severity: best.certainty === 'match' ? 'critical' : 'high',
        score: best.certainty === 'match' ? scores.counterfeit : scores.counterfeitUnsure,
        summary: `Picture ${position + 1} is a known counterfeit's photo (${how})`,
        evidence,
        detector,
      });
    } else if (picture.label === 'official' && !(picture.brandKey && sellerAuthorizedFor(picture.brandKey))) {
      signals.push({
        code: 'listing.image_match',
        severity: 'medium',
        score: scores.officialReused,
        summary: `Picture ${position + 1} is an official product photo${picture.brandKey ? ` of ${picture.brandKey}` : ''}, used by a seller who is not authorized (${how})`,
        evidence,
        detector,
      });
    }
  }
  return signals;
}
