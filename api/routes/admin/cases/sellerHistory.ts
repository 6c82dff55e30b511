import { Type, type Static } from '@sinclair/typebox';
import type { PrismaClient } from '../../../../core/database.ts';
import type { CaseSubjectRegistry } from '../../../plugins/caseSubjects.ts';
import { enforcementRecord } from '../../enforcement/record.ts';

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
  /** the seller's enforcement record: standing, active strikes and the last strikes (docs/enforcement.md) */
  record: Type.Object({
    standing: Type.String(),
    activeStrikes: Type.Object({ count: Type.Integer(), weight: Type.Number() }),
    strikes: Type.Array(
      Type.Object({
        measure: Type.String(),
        weight: Type.Number(),
        subjectType: Type.String(),
        createdAt: Type.String({ format: 'date-time' }),
        expiresAt: Type.String({ format: 'date-time' }),
        active: Type.Boolean(),
        withdrawnReason: Type.Union([Type.String(), Type.Null()]),
      }),
      { description: 'the last 10' },
    ),
  }),
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

/** Strikes the case page lists (the record counts them all). */
const RECORD_STRIKES_SHOWN = 10;

/** What a moderator should know about the seller before deciding: status, enforcement record, past subjects and cases. */
export async function sellerHistory(prisma: PrismaClient, registry: CaseSubjectRegistry, sellerId: string, currentCaseId: string): Promise<SellerHistoryView | null> {
  const seller = await prisma.seller.findUnique({ where: { id: sellerId } });
  if (!seller) return null;
  const [cases, subjects, record] = await Promise.all([
    prisma.case.findMany({ where: { sellerId, id: { not: currentCaseId } }, orderBy: { createdAt: 'desc' }, take: 50, include: { decision: true } }),
    Promise.all(registry.all().map((registration) => registration.sellerHistory?.(sellerId) ?? Promise.resolve([]))),
    enforcementRecord(prisma, seller.tenantId, { type: 'seller', id: seller.externalId }, new Date()),
  ]);
  return {
    id: seller.id,
    externalId: seller.externalId,
    status: seller.status,
    bannedAt: seller.bannedAt?.toISOString() ?? null,
    createdAt: seller.createdAt.toISOString(),
    subjects: subjects.flat().sort((a, b) => b.at.localeCompare(a.at)),
    record: {
      standing: record.standing,
      activeStrikes: record.activeStrikes,
      strikes: record.strikes.slice(0, RECORD_STRIKES_SHOWN).map((strike) => ({
        measure: strike.measure,
        weight: strike.weight,
        subjectType: strike.subject.type,
        createdAt: strike.createdAt,
        expiresAt: strike.expiresAt,
        active: strike.active,
        withdrawnReason: strike.withdrawnReason,
      })),
    },
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
