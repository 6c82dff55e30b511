/**
 * OCR of listing pictures, on the heavy (documents) task queue: reads up to
 * LISTING_OCR_MAX_PICTURES stored pictures of a screening that have not been read, and keeps the
 * text with the picture for the text detectors.
 */
import { Context } from '@temporalio/activity';
import type { PrismaClient } from '../../core/database.ts';
import type { ListingTextReader } from '../listingImages/listingTextReader.ts';
import { errorMessage } from './errors.ts';

/** Pictures read per listing: the first ones carry the product; the cost of a screening stays bounded. */
export const LISTING_OCR_MAX_PICTURES = 3;

export function createListingImageTextActivities({ prisma, reader }: { prisma: PrismaClient; reader: ListingTextReader }) {
  return {
    async readListingImageText({ screeningId }: { screeningId: string }): Promise<{ read: number }> {
      const images = await prisma.listingImage.findMany({ where: { screeningId, status: 'stored', ocrText: null }, orderBy: { position: 'asc' }, take: LISTING_OCR_MAX_PICTURES, select: { id: true, bytes: true } });
      let read = 0;
      for (const image of images) {
        if (!image.bytes) continue;
        let text = '';
        try {
          text = await reader.read(Buffer.from(image.bytes));
        } catch (error) {
          // A picture Tesseract cannot read has no text (it was already decoded and fingerprinted)
          // and the screening goes on; logged, since an OCR engine failing on every picture looks
          // the same from outside.
          Context.current().log.warn('listing picture kept without text: OCR failed', { screeningId, imageId: image.id, error: errorMessage(error) });
          text = '';
        }
        await prisma.listingImage.update({ where: { id: image.id }, data: { ocrText: text } });
        read++;
      }
      return { read };
    },
  };
}

export type ListingImageTextActivities = ReturnType<typeof createListingImageTextActivities>;
