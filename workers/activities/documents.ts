/**
 * Heavy activities (own task queue): OCR of the identity document. The image and what is read
 * from it stay in this process and in PostgreSQL (encrypted); only signals go back to the workflow.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { PrismaClient } from '../../core/database.ts';
import type { DataProtector } from '../../core/dataProtection.ts';
import { normaliseIdentifier } from '../../core/dataProtection.ts';
import type { DeclaredSellerData } from '../../core/sellerVetting.ts';
import { vettingCipherContext } from '../../core/cipherContexts.ts';
import type { Signal } from '../../core/signals.ts';
import { identityDocumentDetector } from '../detectors/identityDocument/index.ts';
import { DocumentImageError, type DocumentReading } from '../documents/readDocument.ts';
import { vettingNotFound } from './errors.ts';

export interface DocumentReaderPort {
  read(image: Buffer): Promise<DocumentReading>;
}

export interface DocumentDependencies {
  prisma: PrismaClient;
  protector: DataProtector;
  reader: DocumentReaderPort;
  clock: () => Date;
  /** ICAO specimen codes (UTO) accepted as real states: tests and demos only */
  acceptedSpecimenCodes?: readonly string[];
}

/** What a reader says about an image it cannot decode (truncated, corrupt, not an image). */
function undecodableReading(): DocumentReading {
  return { format: null, fields: null, checkDigits: null, ocrConfidence: 0, nameTruncated: false, mrzRepairs: 0, durationMs: 0 };
}

/**
 * Reads the image; an image that cannot be decoded fully is a finding about the upload, not a
 * failure to retry: retrying reads the same bytes again and would only leave the vetting stuck.
 */
async function readOrUnreadable(reader: DocumentReaderPort, image: Buffer): Promise<{ reading: DocumentReading; imageError: DocumentImageError | null }> {
  try {
    return { reading: await reader.read(image), imageError: null };
  } catch (error) {
    if (error instanceof DocumentImageError) return { reading: undecodableReading(), imageError: error };
    throw error;
  }
}

export function createDocumentActivities({ prisma, protector, reader, clock, acceptedSpecimenCodes = [] }: DocumentDependencies) {
  return {
    async readIdentityDocument({ vettingId }: { vettingId: string }): Promise<Signal[]> {
      const vetting = await prisma.sellerVetting.findUnique({ where: { id: vettingId }, include: { document: true } });
      if (!vetting) throw vettingNotFound(vettingId);
      const declared = protector.decryptJson<DeclaredSellerData>(vetting.declaredData, vettingCipherContext.declared(vettingId));
      // Every accepted vetting has a document; none left means it was erased, and retrying cannot help.
      if (!vetting.document) throw ApplicationFailure.nonRetryable(`seller vetting ${vettingId} has no document`, 'DocumentMissing');
      const { reading, imageError } = await readOrUnreadable(reader, protector.decrypt(vetting.document.ciphertext, vettingCipherContext.document(vettingId)));
      if (imageError) {
        return [
          {
            code: 'document.unreadable',
            severity: 'medium',
            score: 0.6,
            summary: 'The document image could not be decoded (truncated, corrupt or not a supported image); a new upload is needed',
            evidence: { reason: `image_${imageError.code}` },
            detector: { id: identityDocumentDetector.id, version: identityDocumentDetector.version },
          },
        ];
      }

      await prisma.sellerVetting.update({
        where: { id: vettingId },
        data: { documentReading: protector.encryptJson(reading, vettingCipherContext.documentReading(vettingId)) },
      });
      // A document number links vettings only when its check digit vouches for the reading.
      const documentNumber = reading.checkDigits?.documentNumber ? reading.fields?.documentNumber : undefined;
      if (documentNumber) {
        const normalised = normaliseIdentifier.document_number(documentNumber);
        const valueHash = protector.keyedHash('document_number', normalised);
        await prisma.$transaction([
          prisma.sellerVetting.update({
            where: { id: vettingId },
            data: { documentNumberCiphertext: protector.encrypt(normalised, vettingCipherContext.documentNumber(vettingId)), documentNumberHash: valueHash },
          }),
          prisma.sellerIdentifier.createMany({
            data: [{ tenantId: vetting.tenantId, sellerId: vetting.sellerId, kind: 'document_number', valueHash }],
            skipDuplicates: true,
          }),
        ]);
      }
      return identityDocumentDetector.detect({
        reading,
        declared: { legalName: declared.legalName, dateOfBirth: declared.dateOfBirth, documentKind: declared.documentKind },
        today: clock().toISOString().slice(0, 10),
        acceptedSpecimenCodes,
      });
    },
  };
}

export type DocumentActivities = ReturnType<typeof createDocumentActivities>;
