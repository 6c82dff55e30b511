import { Type, type Static } from '@sinclair/typebox';
import type { PrismaClient } from '../../../../core/database.ts';
import type { CaseSubjectRegistry } from '../../../plugins/caseSubjects.ts';

const HistoryEntry = Type.Object({
  kind: Type.String(),
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  status: Type.String(),
  outcome: Type.Union([Type.String(), Type.Null()]),
  summary: Type.String(),
});

export const SellerHistoryView = Type.Object({
  id: Type.String(),
  externalId: Type.String(),
  status: Type.String(),
  bannedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  /** the seller's subjects of every registered type (vettings, screenings, ...) */
  subjects: Type.Array(HistoryEntry),
  /** the seller's other cases, with their decisions */
  cases: Type.Array(
    Type.Object({
      id: Type.String(),
      subjectType: Type.String(),
      status: Type.String(),
      createdAt: Type.String({ format: 'date-time' }),
      decision: Type.Union([Type.String(), Type.Null()]),
      note: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
export type SellerHistoryView = Static<typeof SellerHistoryView>;

/** What a moderator should know about the seller before deciding: status, past subjects and cases. */
export async function sellerHistory(prisma: PrismaClient, registry: CaseSubjectRegistry, sellerId: string, currentCaseId: string): Promise<SellerHistoryView | null> {
  const seller = await prisma.seller.findUnique({ where: { id: sellerId } });
  if (!seller) return null;
  const [cases, subjects] = await Promise.all([
    prisma.case.findMany({ where: { sellerId, id: { not: currentCaseId } }, orderBy: { createdAt: 'desc' }, take: 50, include: { decision: true } }),
    Promise.all(registry.all().map((registration) => registration.sellerHistory?.(sellerId) ?? Promise.resolve([]))),
  ]);
  return {
    id: seller.id,
    externalId: seller.externalId,
    status: seller.status,
    bannedAt: seller.bannedAt?.toISOString() ?? null,
    createdAt: seller.createdAt.toISOString(),
    subjects: subjects.flat().sort((a, b) => b.at.localeCompare(a.at)),
    cases: cases.map((row) => ({
      id: row.id,
      subjectType: row.subjectType,
      status: row.status,
      createdAt: row.createdAt.toISOString(),
      decision: row.decision?.decision ?? null,
      note: row.decision?.note ?? null,
    })),
  };
}
