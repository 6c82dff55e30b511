/**
 * A listing screened again from what its latest screening saw (the same text and pictures, with
 * their fingerprints and OCR text): the gallery's retroactive matching and a counterfeit confirmed
 * by a buyer's check both re-screen a listing this way. Returns the new screening's id; the
 * caller's workflow starts it under `listingScreeningWorkflowId`.
 */
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../core/database.ts';
import type { Prisma } from '../../prisma/generated/client.ts';
import { listingScreeningWorkflowId } from '../../workflows/names.ts';

export type ScreeningWithImages = Prisma.ListingScreeningGetPayload<{ include: { images: { include: { fingerprints: true } } } }>;

/** The listing's latest screening with its pictures, or null when the marketplace never screened it. */
export async function latestScreeningOf(prisma: PrismaClient, tenantId: string, listingId: string): Promise<ScreeningWithImages | null> {
  return await prisma.listingScreening.findFirst({ where: { tenantId, listingId }, orderBy: { createdAt: 'desc' }, include: { images: { include: { fingerprints: true } } } });
}

export interface RescreeningCause {
  /** why it is screened again: gallery_update | counterfeit_confirmed */
  trigger: string;
  /** the counterfeit gallery picture whose arrival caused it, if that was the cause */
  rescreenedFor?: string;
}

export async function createRescreening(prisma: PrismaClient | Prisma.TransactionClient, latest: ScreeningWithImages, cause: RescreeningCause): Promise<string> {
  const id = randomUUID();
  const { tenantId } = latest;
  await prisma.listingScreening.create({
    data: {
      id,
      tenantId,
      listingId: latest.listingId,
      sellerExternalId: latest.sellerExternalId,
      title: latest.title,
      description: latest.description,
      priceAmount: latest.priceAmount,
      priceCurrency: latest.priceCurrency,
      claimedBrand: latest.claimedBrand,
      category: latest.category,
      trigger: cause.trigger,
      previousScreeningId: latest.id,
      rescreenedFor: cause.rescreenedFor ?? null,
      workflowId: listingScreeningWorkflowId(id),
      images: {
        create: latest.images.map((image) => ({
          tenantId,
          position: image.position,
          sourceUrl: image.sourceUrl,
          status: image.status,
          failure: image.failure,
          mimeType: image.mimeType,
          width: image.width,
          height: image.height,
          byteSize: image.byteSize,
          sha256: image.sha256,
          bytes: image.bytes,
          ocrText: image.ocrText,
          fingerprints: { create: image.fingerprints.map(({ variant, hash }) => ({ tenantId, variant, hash })) },
        })),
      },
    },
  });
  return id;
}
