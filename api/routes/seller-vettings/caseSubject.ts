/**
 * Seller vetting's part of the console's cases: what a moderator sees to decide a vetting (the
 * declared data beside what was read from the document, with mismatches marked; check digits;
 * watchlist hits; linked sellers and what links them), the document photo, and the seller's
 * earlier vettings. Declared and read data are personal data: each view is audited.
 */
import { vettingCipherContext } from '../../../core/cipherContexts.ts';
import type { PrismaClient } from '../../../core/database.ts';
import type { DataProtector } from '../../../core/dataProtection.ts';
import { sellerVettingCases, type DeclaredSellerData } from '../../../core/sellerVetting.ts';
import type { DocumentReading } from '../../../workers/documents/documentReading.ts';
import type { CaseSubjectRegistration } from '../../plugins/caseSubjects.ts';
import { compareDeclaredAndRead } from './declaredVersusRead.ts';

async function linkedSellers(prisma: PrismaClient, sellerId: string, tenantId: string) {
  const own = await prisma.sellerIdentifier.findMany({ where: { sellerId }, select: { kind: true, valueHash: true } });
  if (own.length === 0) return [];
  const matches = await prisma.sellerIdentifier.findMany({
    where: { tenantId, sellerId: { not: sellerId }, OR: own.map(({ kind, valueHash }) => ({ kind, valueHash })) },
    select: { kind: true, seller: { select: { id: true, externalId: true, status: true } } },
  });
  const bySeller = new Map<string, { sellerId: string; externalId: string; status: string; sharedKinds: string[] }>();
  for (const match of matches) {
    const entry = bySeller.get(match.seller.id) ?? { sellerId: match.seller.id, externalId: match.seller.externalId, status: match.seller.status, sharedKinds: [] };
    if (!entry.sharedKinds.includes(match.kind)) entry.sharedKinds.push(match.kind);
    bySeller.set(match.seller.id, entry);
  }
  return [...bySeller.values()];
}

export function sellerVettingCaseSubject(prisma: PrismaClient, protector: DataProtector): CaseSubjectRegistration {
  return {
    definition: sellerVettingCases,

    async present(vettingId, { tenantId, audit }) {
      const vetting = await prisma.sellerVetting.findFirst({ where: { id: vettingId, tenantId }, include: { seller: true, document: { select: { mimeType: true, width: true, height: true } } } });
      if (!vetting) return null;
      const declared = vetting.seller.erasedAt || vetting.declaredData.length === 0 ? null : protector.decryptJson<DeclaredSellerData>(vetting.declaredData, vettingCipherContext.declared(vettingId));
      const reading = vetting.documentReading ? protector.decryptJson<DocumentReading>(vetting.documentReading, vettingCipherContext.documentReading(vettingId)) : null;
      if (declared || reading) await audit('personal_data.viewed', { fields: 'declared_and_read_identity' });
      return {
        vettingId: vetting.id,
        sellerExternalId: vetting.seller.externalId,
        status: vetting.status,
        applicantType: vetting.applicantType,
        country: vetting.country,
        erased: vetting.seller.erasedAt !== null,
        document: vetting.document ? { mimeType: vetting.document.mimeType, width: vetting.document.width, height: vetting.document.height } : null,
        documentFormat: reading?.format ?? null,
        checkDigits: reading?.checkDigits ?? null,
        mrzLines: reading?.mrzLines ?? null,
        ocrConfidence: reading?.ocrConfidence ?? null,
        comparison: compareDeclaredAndRead(declared, reading),
        business: declared?.business ?? null,
        linkedSellers: await linkedSellers(prisma, vetting.sellerId, tenantId),
      };
    },

    attachments: {
      async document(vettingId) {
        const document = await prisma.vettingDocument.findUnique({ where: { vettingId } });
        if (!document) return null;
        return { contentType: document.mimeType, body: protector.decrypt(document.ciphertext, vettingCipherContext.document(vettingId)), auditAction: 'personal_data.viewed' };
      },
    },

    async sellerHistory(sellerId) {
      const vettings = await prisma.sellerVetting.findMany({ where: { sellerId }, orderBy: { createdAt: 'desc' }, take: 20 });
      return vettings.map((vetting) => ({
        kind: sellerVettingCases.subjectType,
        id: vetting.id,
        at: vetting.createdAt.toISOString(),
        status: vetting.status,
        outcome: vetting.finalOutcome,
        summary: `${vetting.applicantType} vetting, ${vetting.country}`,
      }));
    },
  };
}
