import { Type, type Static } from '@sinclair/typebox';
import type { PrismaClient } from '../../../../core/database.ts';
import type { Prisma } from '../../../../prisma/generated/client.ts';
import type { CaseSubjectRegistry } from '../../../plugins/caseSubjects.ts';

/** How the console sees a case of any subject type, in a list or on its page. */
export const CaseView = Type.Object({
  id: Type.String(),
  subjectType: Type.String(),
  subjectLabel: Type.String(),
  subjectId: Type.String(),
  tenantId: Type.String(),
  marketplace: Type.String(),
  sellerId: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  priority: Type.String(),
  reasons: Type.Array(Type.Unknown()),
  signalCodes: Type.Array(Type.String()),
  requiredRole: Type.String(),
  escalatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  escalationNote: Type.Union([Type.String(), Type.Null()]),
  claimedBy: Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }), Type.Null()]),
  claimExpiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  slaDueAt: Type.String({ format: 'date-time' }),
  overdue: Type.Boolean(),
  slaBreaches: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  decision: Type.Union([
    Type.Object({ decision: Type.String(), moderatorId: Type.String(), moderatorName: Type.String(), note: Type.Union([Type.String(), Type.Null()]), at: Type.String({ format: 'date-time' }) }),
    Type.Null(),
  ]),
});
export type CaseView = Static<typeof CaseView>;

export const caseInclude = {
  decision: { include: { moderator: { select: { displayName: true } } } },
  claimedBy: { select: { id: true, displayName: true } },
} as const satisfies Prisma.CaseInclude;
export type CaseRow = Prisma.CaseGetPayload<{ include: typeof caseInclude }>;

/** A claim counts only until it expires; an expired one is shown as no claim. */
export const liveClaim = (row: Pick<CaseRow, 'claimedBy' | 'claimExpiresAt'>, now: Date) =>
  row.claimedBy && row.claimExpiresAt && row.claimExpiresAt > now ? row.claimedBy : null;

export function presentCase(row: CaseRow, registry: CaseSubjectRegistry, marketplaces: Map<string, string>, now = new Date()): CaseView {
  const claim = liveClaim(row, now);
  return {
    id: row.id,
    subjectType: row.subjectType,
    subjectLabel: registry.get(row.subjectType)?.definition.label ?? row.subjectType,
    subjectId: row.subjectId,
    tenantId: row.tenantId,
    marketplace: marketplaces.get(row.tenantId) ?? row.tenantId,
    sellerId: row.sellerId,
    status: row.status,
    priority: row.priority,
    reasons: row.reasons as unknown[],
    signalCodes: row.signalCodes,
    requiredRole: row.requiredRole,
    escalatedAt: row.escalatedAt?.toISOString() ?? null,
    escalationNote: row.escalationNote,
    claimedBy: claim,
    claimExpiresAt: claim ? row.claimExpiresAt!.toISOString() : null,
    slaDueAt: row.slaDueAt.toISOString(),
    overdue: row.status === 'open' && row.slaDueAt <= now,
    slaBreaches: row.slaBreaches,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decision: row.decision && {
      decision: row.decision.decision,
      moderatorId: row.decision.moderatorId,
      moderatorName: row.decision.moderator.displayName,
      note: row.decision.note,
      at: row.decision.createdAt.toISOString(),
    },
  };
}

export async function marketplaceNames(prisma: PrismaClient, tenantIds: string[]): Promise<Map<string, string>> {
  const tenants = await prisma.tenant.findMany({ where: { id: { in: [...new Set(tenantIds)] } }, select: { id: true, name: true } });
  return new Map(tenants.map((tenant) => [tenant.id, tenant.name]));
}
