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
import type { DocumentReading } from '../documents/readDocument.ts';
import { vettingNotFound } from './errors.ts';

export interface DocumentReaderPort {
  read(image: Buffer): Promise<DocumentReading>;
}

export interface DocumentDependencies {
  prisma: PrismaClient;
  protector: DataProtector;
  reader: DocumentReaderPort;
  clock: () => Date;
}

export function createDocumentActivities({ prisma, protector, reader, clock }: DocumentDependencies) {
  return {
    async readIdentityDocument({ vettingId }: { vettingId: string }): Promise<Signal[]> {
      const vetting = await prisma.sellerVetting.findUnique({ where: { id: vettingId }, include: { document: true } });
      if (!vetting) throw vettingNotFound(vettingId);
      const declared = protector.decryptJson<DeclaredSellerData>(vetting.declaredData, vettingCipherContext.declared(vettingId));
      // Every accepted vetting has a document; none left means it was erased, and retrying cannot help.
      if (!vetting.document) throw ApplicationFailure.nonRetryable(`seller vetting ${vettingId} has no document`, 'DocumentMissing');
      const reading = await reader.read(protector.decrypt(vetting.document.ciphertext, vettingCipherContext.document(vettingId)));

      await prisma.sellerVetting.update({
        where: { id: vettingId },
        data: { documentReading: protector.encryptJson(reading, vettingCipherContext.documentReading(vettingId)) },
      });
      const documentNumber = reading?.fields?.documentNumber;
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
        declared: { legalName: declared.legalName, dateOfBirth: declared.dateOfBirth },
        today: clock().toISOString().slice(0, 10),
      });
    },
  };
}

export type DocumentActivities = ReturnType<typeof createDocumentActivities>;
