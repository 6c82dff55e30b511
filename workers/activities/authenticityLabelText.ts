/**
 * OCR of a buyer's label and packaging photos, on the heavy (documents) task queue, with the
 * reader that reads listing pictures' text: the first AUTHENTICITY_OCR_MAX_PHOTOS stored photos
 * of those kinds not read yet, the text kept with the photo for the label detector
 * (detectors/authenticityPhotos/labelText.ts). A photo OCR cannot read keeps an empty text: the
 * check goes on without it.
 */
import { Context } from '@temporalio/activity';
import type { PrismaClient } from '../../core/database.ts';
import type { ListingTextReader } from '../listingImages/listingTextReader.ts';
import { errorMessage } from './errors.ts';

/** Photos read per check: a label and a packaging photo, and a retake of one; the cost of a check stays bounded. */
export const AUTHENTICITY_OCR_MAX_PHOTOS = 3;
/** The photo kinds whose words are read: the ones that carry the brand, model and batch. */
export const LABEL_TEXT_KINDS = ['label', 'packaging'];

/** The photos of a check whose text is still to be read. */
export const unreadLabelPhotos = (checkId: string) => ({ checkId, replacedAt: null, status: 'stored', kind: { in: LABEL_TEXT_KINDS }, ocrText: null });

export function createAuthenticityLabelTextActivities({ prisma, reader }: { prisma: PrismaClient; reader: ListingTextReader }) {
  return {
    async readAuthenticityLabelText({ checkId }: { checkId: string }): Promise<{ read: number }> {
      const photos = await prisma.authenticityCheckPhoto.findMany({ where: unreadLabelPhotos(checkId), orderBy: { position: 'asc' }, take: AUTHENTICITY_OCR_MAX_PHOTOS, select: { id: true, bytes: true } });
      let read = 0;
      for (const photo of photos) {
        let text = '';
        try {
          if (photo.bytes) text = await reader.read(Buffer.from(photo.bytes));
        } catch (error) {
          // logged: an OCR engine failing on every photo looks the same from outside as labels without words
          Context.current().log.warn('authenticity photo kept without text: OCR failed', { checkId, photoId: photo.id, error: errorMessage(error) });
        }
        await prisma.authenticityCheckPhoto.update({ where: { id: photo.id }, data: { ocrText: text } });
        read++;
      }
      return { read };
    },
  };
}

export type AuthenticityLabelTextActivities = ReturnType<typeof createAuthenticityLabelTextActivities>;
