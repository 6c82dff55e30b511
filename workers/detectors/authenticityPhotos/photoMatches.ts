/**
 * A buyer's photo that is not a photo of what they received: a near-identical copy of a known
 * counterfeit's photo in the marketplace's gallery (hard evidence), another order's check photo,
 * or one of the listing's own pictures (a buyer who did not photograph the item). Matches come
 * from the listing-image fingerprints and their pairing of variants (listingImages/matchImage.ts).
 *
 * A match with the brand's official photos proves nothing alone (fakes copy the look, and the
 * real product looks like its photos): it is kept as information for the moderator.
 *
 * Every pairing the fingerprints make is confirmed by the two photos compared aligned
 * (listingImages/samePhotograph.ts), and a photo carrying a code another order's check recorded
 * is also compared with that check's photos, which finds the copies cropped or turned past what
 * the fingerprints pair.
 *
 * Misses what both miss (heavy crops, strong rotations, a photo of a screen; copies carrying no
 * code, which are compared by fingerprints only); a counterfeit photographed anew; reuse across
 * marketplaces.
 */
import type { Signal } from '../../../core/signals.ts';
import type { AuthenticityPhotoKind } from '../../../core/authenticityCheck.ts';
import { addGalleryImage, bestGalleryMatch, HammingIndex, type FingerprintVariant, type GalleryImageMatch } from '../listingImages/index.ts';
import { defaultImageMatchThresholds, type ImageMatchThresholds } from '../listingImages/matchImage.ts';
import { readProductCode } from '../productCodes/parse.ts';
import { comparePhotographs, type PhotographComparison } from '../listingImages/samePhotograph.ts';

export const detector = { id: 'authenticity-photo-matches', version: '2' };

export const photoMatchScores = { counterfeit: 0.97, counterfeitUnsure: 0.8, reused: 0.8 };

export interface MatchedPhoto {
  position: number;
  kind: AuthenticityPhotoKind;
  best: GalleryImageMatch | null;
}

export function photoGallerySignals(photos: readonly MatchedPhoto[], gallery: ReadonlyMap<string, { label: string; brandKey: string | null }>, scores = photoMatchScores): Signal[] {
  const signals: Signal[] = [];
  for (const { position, kind, best } of photos) {
    if (!best) continue;
    const picture = gallery.get(best.galleryImageId);
    if (!picture || picture.label === 'never_match') continue;
    const evidence = { position, kind, galleryImageId: best.galleryImageId, label: picture.label, brandKey: picture.brandKey, distance: best.distance, certainty: best.certainty };
    if (picture.label === 'counterfeit') {
      const sure = best.certainty === 'match';
      signals.push({
        code: 'authenticity.photo_matches_counterfeit',
        severity: sure ? 'critical' : 'high',
        score: sure ? scores.counterfeit : scores.counterfeitUnsure,
        summary: `The ${kind} photo is ${sure ? 'a copy of' : 'close to'} a known counterfeit's photo`,
        evidence,
        detector,
      });
    } else if (picture.label === 'official') {
      signals.push({ code: 'authenticity.photo_matches_official', severity: 'info', score: 0, summary: `The ${kind} photo looks like the brand's official photo (proves nothing alone: fakes copy the look)`, evidence, detector });
    }
  }
  return signals;
}

export interface ReusedPhoto {
  position: number;
  kind: AuthenticityPhotoKind;
  source: 'another_check' | 'listing';
  /** the other check, or the listing screening whose picture it is */
  otherId: string;
  /** fingerprint distance; null for a copy found by aligning the two photos (listingImages/samePhotograph.ts) */
  distance: number | null;
  /** how the aligned photos compared, for a pairing they confirmed or a copy they found */
  alignment?: PhotoAlignment;
  /** byte for byte the same file */
  identical: boolean;
  /** only an unsure match (asked for with `includeUnsure`): no evidence of reuse, but doubt enough that a code on it is no proof */
  unsure?: boolean;
  /** the earlier photo paired (the other check's photo, or the listing picture), when known */
  photoId?: string;
}

export function photoReuseSignals(reused: readonly ReusedPhoto[], scores = photoMatchScores): Signal[] {
  const seen = new Set<number>();
  const signals: Signal[] = [];
  for (const photo of reused) {
    if (seen.has(photo.position)) continue;
    seen.add(photo.position);
    signals.push({
      code: 'authenticity.photo_reused',
      severity: 'high',
      score: scores.reused,
      summary: photo.source === 'listing' ? `The ${photo.kind} photo is one of the listing's own pictures, not a photo of the item received` : `The ${photo.kind} photo was already sent with another order's check`,
      evidence: { position: photo.position, kind: photo.kind, source: photo.source, otherId: photo.otherId, distance: photo.distance, identical: photo.identical, ...(photo.alignment ? { alignment: photo.alignment } : {}) },
      detector,
    });
  }
  return signals;
}

type Fingerprints = readonly { variant: string; hash: Uint8Array }[];
const asFingerprint = (fingerprints: Fingerprints) => ({ fingerprints: fingerprints.map(({ variant, hash }) => ({ variant: variant as FingerprintVariant, hash: Buffer.from(hash) })) });

export interface ComparedPhoto {
  position: number;
  kind: AuthenticityPhotoKind;
  sha256: string | null;
  fingerprints: Fingerprints;
}

export interface EarlierPhoto {
  source: ReusedPhoto['source'];
  otherId: string;
  /** the other check's photo or the listing picture, to compare the two aligned (confirmReusedPhotos) */
  photoId?: string;
  sha256: string | null;
  fingerprints: Fingerprints;
}

/**
 * The check's photos that are earlier photos: the same file, or a copy within the listing-image
 * match distance (sure matches only: an unsure one is no evidence of reuse; `includeUnsure` adds
 * them, marked). The earlier photos are indexed as gallery pictures are, so the pairing of
 * variants is the tested one.
 */
export function findReusedPhotos(photos: readonly ComparedPhoto[], earlier: readonly EarlierPhoto[], thresholds: ImageMatchThresholds = defaultImageMatchThresholds, { includeUnsure = false } = {}): ReusedPhoto[] {
  if (earlier.length === 0) return [];
  const index = new HammingIndex();
  earlier.forEach((photo, at) => addGalleryImage(index, String(at), asFingerprint(photo.fingerprints)));
  const reused: ReusedPhoto[] = [];
  for (const photo of photos) {
    const identical = photo.sha256 ? earlier.find((candidate) => candidate.sha256 === photo.sha256) : undefined;
    if (identical) {
      reused.push({ position: photo.position, kind: photo.kind, source: identical.source, otherId: identical.otherId, distance: 0, identical: true });
      continue;
    }
    const best = bestGalleryMatch(asFingerprint(photo.fingerprints), index, thresholds);
    const candidate = best && (best.certainty === 'match' || includeUnsure) ? earlier[Number(best.galleryImageId)] : undefined;
    if (best && candidate) {
      reused.push({
        position: photo.position,
        kind: photo.kind,
        source: candidate.source,
        otherId: candidate.otherId,
        distance: best.distance,
        identical: false,
        ...(candidate.photoId ? { photoId: candidate.photoId } : {}),
        ...(best.certainty === 'unsure' ? { unsure: true } : {}),
      });
    }
  }
  return reused;
}

/** A unit's code as another check recorded it (its typed code, or a code read from its photos). */
export interface UnitCode {
  gtin: string;
  serial: string | null;
}

/**
 * Where each code read from the check's photos was copied from: the other order's check whose
 * photo it is a copy of, when that check's photos (or its code) carried the same GTIN and serial.
 * A copy shows the original's code (a unit's: GTIN and serial), and every code on a copy came
 * with it; a photo the fingerprints pair with another check's but whose code is not that check's
 * is another label of the same design (rendered labels of one template
 * are near copies to them), not the other order's code. An unsure match carrying the same code
 * counts too: a code that may have come with a copy proves nothing of the item. Copies of the
 * listing's pictures are not counted (no code is read from them here).
 */
export function codesCopiedFromChecks<C extends { raw: string; position: number }>(
  codes: readonly C[],
  reused: readonly ReusedPhoto[],
  theirCodes: ReadonlyMap<string, readonly UnitCode[]>,
): (C & { copiedFrom: { source: 'another_check'; otherId: string; unsure: boolean } | null })[] {
  const carriesTheirCode = (copy: ReusedPhoto) =>
    codes.some((read) => {
      if (read.position !== copy.position) return false;
      const reading = readProductCode(read.raw);
      return reading.ok && reading.code.serial !== null && (theirCodes.get(copy.otherId) ?? []).some((code) => code.gtin === reading.code.gtin && code.serial === reading.code.serial);
    });
  // a photo is a copy or not: every code on it (the linear barcode beside the DataMatrix too) came with it
  const copies = reused.filter((photo) => photo.source === 'another_check' && carriesTheirCode(photo));
  return codes.map((read) => {
    const copy = copies.find((photo) => photo.position === read.position);
    return { ...read, copiedFrom: copy ? { source: 'another_check' as const, otherId: copy.otherId, unsure: copy.unsure === true } : null };
  });
}

export type PhotoAlignment = {
  inliers: number;
  lightnessCorrelation: number | null;
  chromaDifference: number | null;
};

const alignmentOf = ({ inliers, lightnessCorrelation, chromaDifference }: PhotographComparison): PhotoAlignment => ({ inliers, lightnessCorrelation, chromaDifference });

/** A photo of another order's check whose recorded code (its GTIN and serial) is one read on this check's photos. */
export interface SameCodePhoto {
  checkId: string;
  kind: string;
  bytes: Buffer;
  gtin: string;
  serial: string;
}

/**
 * The check's photos carrying a code another order's check recorded, that the fingerprints paired
 * with nothing (`paired`: their positions): each is compared, aligned, with that check's photos
 * (same kind first); one that is the same photograph is a sure copy of it. Whether it is a copy
 * decides between a clone (the code photographed anew on another unit) and a buyer who sent
 * someone else's photo, so the photos are compared only where that question arises.
 */
export async function copiesOfSameCodePhotos(
  photos: readonly { position: number; kind: AuthenticityPhotoKind; bytes: Buffer }[],
  codes: readonly { raw: string; position: number }[],
  earlier: readonly SameCodePhoto[],
  paired: ReadonlySet<number>,
  compare: (original: Buffer, copy: Buffer) => Promise<PhotographComparison> = comparePhotographs,
): Promise<ReusedPhoto[]> {
  const copies: ReusedPhoto[] = [];
  for (const photo of photos) {
    if (paired.has(photo.position)) continue;
    const carried = codes.filter((read) => read.position === photo.position).map((read) => readProductCode(read.raw)).flatMap((reading) => (reading.ok && reading.code.serial !== null ? [reading.code] : []));
    const candidates = earlier
      .filter((other) => carried.some((code) => code.gtin === other.gtin && code.serial === other.serial))
      .sort((a, b) => Number(b.kind === photo.kind) - Number(a.kind === photo.kind));
    for (const candidate of candidates) {
      const comparison = await compare(candidate.bytes, photo.bytes);
      if (!comparison.same) continue;
      copies.push({
        position: photo.position,
        kind: photo.kind,
        source: 'another_check',
        otherId: candidate.checkId,
        distance: null,
        identical: false,
        alignment: alignmentOf(comparison),
      });
      break;
    }
  }
  return copies;
}

/**
 * The fingerprints' pairings kept only where the two photos are one photograph once aligned
 * (samePhotograph.ts): two photos of two units of one label design, or of one product shot the
 * same way, come as near as a copy does to the fingerprints (34-112 bits on the authenticity set),
 * and are not reuse. A byte-identical file, or a pairing whose earlier photo cannot be read, stands.
 */
export async function confirmReusedPhotos(
  paired: readonly ReusedPhoto[],
  photos: readonly { position: number; bytes: Buffer }[],
  earlierBytes: (photo: ReusedPhoto) => Promise<Buffer | null>,
  compare: (original: Buffer, copy: Buffer) => Promise<PhotographComparison> = comparePhotographs,
): Promise<ReusedPhoto[]> {
  const confirmed: ReusedPhoto[] = [];
  for (const pairing of paired) {
    const own = photos.find((photo) => photo.position === pairing.position);
    const earlier = pairing.identical || !own ? null : await earlierBytes(pairing);
    if (!earlier || !own) {
      confirmed.push(pairing);
      continue;
    }
    const comparison = await compare(earlier, own.bytes);
    if (comparison.same) confirmed.push({ ...pairing, alignment: alignmentOf(comparison) });
  }
  return confirmed;
}
