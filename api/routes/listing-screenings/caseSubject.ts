/**
 * Listing screening's part of the console's cases: the listing's text as sent, with the places of
 * the suspicious words (brand disguises, counterfeit cues) so the console highlights them as text;
 * its pictures and the gallery pictures they matched, as attachments; the brand's reference data.
 */
import type { PrismaClient } from '../../../core/database.ts';
import { LISTING_LIMITS, brandEntryOf, listingScreeningCases } from '../../../core/listingScreening.ts';
import type { CaseSubjectRegistration } from '../../plugins/caseSubjects.ts';

/** Matched gallery pictures a moderator can open for one case. */
export const MAX_MATCHED_GALLERY_IMAGES = 5;

export interface Highlight {
  field: string;
  start: number;
  end: number;
  code: string;
  label: string;
}

/** Where the signals' evidence points in the text: spans with a field and UTF-16 offsets. */
export function highlightsOf(signals: { code: string; evidence: unknown }[]): Highlight[] {
  const highlights: Highlight[] = [];
  for (const signal of signals) {
    const evidence = signal.evidence as Record<string, unknown>;
    if (typeof evidence.field !== 'string' || typeof evidence.start !== 'number' || typeof evidence.end !== 'number') continue;
    if (signal.code === 'listing.brand_mentioned' && evidence.accessory !== true) continue;
    const label = typeof evidence.cue === 'string' ? evidence.cue : Array.isArray(evidence.disguises) ? `${String(evidence.brandName)}: ${evidence.disguises.join(', ')}` : String(evidence.brandName ?? signal.code);
    highlights.push({ field: evidence.field, start: evidence.start, end: evidence.end, code: signal.code, label });
  }
  return highlights.sort((a, b) => a.field.localeCompare(b.field) || a.start - b.start);
}

/** The gallery pictures the screening's image-match signals name, best first. */
function matchedGalleryIds(signals: { code: string; evidence: unknown }[]): string[] {
  const ids = signals
    .filter((signal) => signal.code === 'listing.image_match')
    .map((signal) => (signal.evidence as { galleryImageId?: unknown }).galleryImageId)
    .filter((id): id is string => typeof id === 'string');
  return [...new Set(ids)].slice(0, MAX_MATCHED_GALLERY_IMAGES);
}

export function listingScreeningCaseSubject(prisma: PrismaClient): CaseSubjectRegistration {
  const signalsOf = (screeningId: string) =>
    prisma.signalRecord.findMany({ where: { subjectType: listingScreeningCases.subjectType, subjectId: screeningId }, orderBy: { createdAt: 'asc' }, select: { code: true, evidence: true } });

  const listingImageAttachments = Object.fromEntries(
    Array.from({ length: LISTING_LIMITS.imagesMax }, (_, position) => [
      `listing-image-${position}`,
      async (screeningId: string) => {
        const image = await prisma.listingImage.findUnique({ where: { screeningId_position: { screeningId, position } } });
        if (!image?.bytes || !image.mimeType) return null;
        return { contentType: image.mimeType, body: Buffer.from(image.bytes), auditAction: 'listing_image.viewed' };
      },
    ]),
  );
  const galleryAttachments = Object.fromEntries(
    Array.from({ length: MAX_MATCHED_GALLERY_IMAGES }, (_, index) => [
      `gallery-match-${index}`,
      async (screeningId: string) => {
        const id = matchedGalleryIds(await signalsOf(screeningId))[index];
        if (!id) return null;
        const image = await prisma.galleryImage.findUnique({ where: { id } });
        if (!image?.bytes || !image.mimeType) return null;
        return { contentType: image.mimeType, body: Buffer.from(image.bytes), auditAction: 'gallery_image.viewed' };
      },
    ]),
  );

  return {
    definition: listingScreeningCases,

    async present(screeningId, { tenantId }) {
      const screening = await prisma.listingScreening.findFirst({
        where: { id: screeningId, tenantId },
        include: { images: { orderBy: { position: 'asc' }, select: { position: true, status: true, failure: true, sourceUrl: true, width: true, height: true, mimeType: true, ocrText: true } } },
      });
      if (!screening) return null;
      const signals = await signalsOf(screeningId);
      const brandKeys = [
        ...new Set(signals.map((signal) => (signal.evidence as { brandKey?: unknown }).brandKey).filter((key): key is string => typeof key === 'string')),
      ];
      const brands = await prisma.brand.findMany({ where: { tenantId, key: { in: brandKeys } } });
      const galleryIds = matchedGalleryIds(signals);
      const gallery = await prisma.galleryImage.findMany({ where: { id: { in: galleryIds }, tenantId }, select: { id: true, label: true, brandKey: true, width: true, height: true, source: true, note: true } });
      return {
        screeningId: screening.id,
        listingId: screening.listingId,
        sellerId: screening.sellerExternalId,
        status: screening.status,
        trigger: screening.trigger,
        // the text exactly as the marketplace sent it; the console shows it as text, never as HTML
        title: screening.title,
        description: screening.description,
        price: { amount: Number(screening.priceAmount), currency: screening.priceCurrency },
        claimedBrand: screening.claimedBrand,
        category: screening.category,
        highlights: highlightsOf(signals),
        images: screening.images.map((image) => ({ ...image, attachment: image.status === 'stored' ? `listing-image-${image.position}` : null })),
        galleryMatches: galleryIds.flatMap((id, index) => {
          const image = gallery.find((candidate) => candidate.id === id);
          return image ? [{ ...image, attachment: `gallery-match-${index}` }] : [];
        }),
        brands: brands.map(brandEntryOf).map((brand) => ({ ...brand, authorizedSellerIds: undefined, authorizedSellerCount: brand.authorizedSellerIds.length })),
      };
    },

    attachments: { ...listingImageAttachments, ...galleryAttachments },

    async sellerHistory(sellerId) {
      const seller = await prisma.seller.findUnique({ where: { id: sellerId }, select: { tenantId: true, externalId: true } });
      if (!seller) return [];
      const screenings = await prisma.listingScreening.findMany({ where: { tenantId: seller.tenantId, sellerExternalId: seller.externalId }, orderBy: { createdAt: 'desc' }, take: 20 });
      return screenings.map((screening) => ({
        kind: listingScreeningCases.subjectType,
        id: screening.id,
        at: screening.createdAt.toISOString(),
        status: screening.status,
        outcome: screening.finalVerdict,
        summary: `Listing ${screening.listingId}: ${screening.title.slice(0, 80)}`,
      }));
    },
  };
}
