/**
 * The probation as the marketplace and the console read it, from PostgreSQL only (the workflow's
 * activities keep the rows current): metrics against their limits, held payouts, changes.
 */
import type { PrismaClient } from '../../../core/database.ts';
import { SELLER_PROBATION_POLICY_KEY, exceeds, payoutView, sellerProbationCases, shipDeadline, type ProbationMetrics, type ProbationStatus } from '../../../core/sellerProbation.ts';
import { presentVerdicts } from '../../../core/verdictView.ts';
import { orderFromRow, probationPolicy } from '../../../workers/activities/sellerProbationStore.ts';

/** Held payouts listed in one answer; the count is complete, the list stops here. */
export const MAX_HELD_PAYOUTS_LISTED = 500;
/** Latest changes listed with the probation. */
export const MAX_CHANGES_LISTED = 100;

export async function findProbation(prisma: PrismaClient, tenantId: string, externalSellerId: string) {
  return await prisma.sellerProbation.findFirst({ where: { tenantId, seller: { tenantId, externalId: externalSellerId } }, include: { seller: { select: { externalId: true } } } });
}

type ProbationRow = NonNullable<Awaited<ReturnType<typeof findProbation>>>;

const limit = (value: number | null, max: number, evaluated: boolean) => ({ value, limit: max, within: !(evaluated && exceeds(value, max)), evaluated });

export async function presentProbation(prisma: PrismaClient, probation: ProbationRow, now = new Date()) {
  const { parameters } = await probationPolicy(prisma, probation.policyVersion);
  const [orders, changes] = await Promise.all([
    prisma.sellerProbationOrder.findMany({ where: { probationId: probation.id }, orderBy: { placedAt: 'asc' } }),
    prisma.sellerProbationChange.findMany({ where: { probationId: probation.id }, orderBy: { seq: 'desc' }, take: MAX_CHANGES_LISTED }),
  ]);
  // A restriction is the one change with a verdict: the policy escalates it, a moderator settles it.
  const restrictions = changes.filter((change) => change.kind === 'restricted');
  const verdicts = await presentVerdicts(prisma, sellerProbationCases.subjectType, restrictions.map((change) => ({ id: change.id })));
  const verdictOf = new Map(restrictions.map((change, index) => [change.id, verdicts[index]!]));
  const status = probation.status as ProbationStatus;
  const metrics = probation.metrics as unknown as Partial<ProbationMetrics>;
  const held = orders.map(orderFromRow).map((order) => ({ orderId: order.orderId, view: payoutView(order, status) })).filter((entry) => entry.view.state === 'held');
  const end = probation.endedAt ?? now;
  const sampleReached = metrics.sampleReached ?? false;
  return {
    probationId: probation.id,
    sellerId: probation.seller.externalId,
    status,
    policy: { key: SELLER_PROBATION_POLICY_KEY, version: probation.policyVersion },
    startedAt: probation.startedAt.toISOString(),
    endsAt: probation.endsAt.toISOString(),
    endedAt: probation.endedAt?.toISOString() ?? null,
    days: Math.max(0, Math.round(((end.getTime() - probation.startedAt.getTime()) / (parameters.dayLengthSeconds * 1000)) * 100) / 100),
    extensions: probation.extensions,
    orders: { placed: metrics.orders ?? 0, required: parameters.probationOrders, shipped: metrics.shipped ?? 0, cancelled: metrics.cancelled ?? 0, overCap: metrics.overCapOrders ?? 0 },
    lateShipments: metrics.lateShipments ?? 0,
    strikes: { count: probation.strikes, limit: parameters.maxStrikes },
    refundRate: limit(metrics.refundRate ?? null, parameters.refundRateLimit, sampleReached),
    negativeReviewRate: limit(metrics.negativeReviewRate ?? null, parameters.negativeReviewRateLimit, sampleReached),
    todayOrderAllowance: { cap: metrics.todayCap ?? parameters.dailyOrderCap, placed: metrics.todayOrders ?? 0, remaining: metrics.todayRemaining ?? parameters.dailyOrderCap },
    heldPayouts: held.slice(0, MAX_HELD_PAYOUTS_LISTED).map((entry) => ({ orderId: entry.orderId, reasons: entry.view.reasons })),
    changes: changes.map((change) => ({
      sequence: change.seq,
      change: change.kind,
      from: change.fromStatus,
      to: change.toStatus,
      reasons: change.reasons,
      orderId: change.orderId,
      at: change.at.toISOString(),
      verdict: verdictOf.get(change.id) ?? null,
    })),
  };
}

export async function presentPayout(prisma: PrismaClient, probation: ProbationRow, orderId: string) {
  const row = await prisma.sellerProbationOrder.findUnique({ where: { probationId_orderId: { probationId: probation.id, orderId } } });
  if (!row) return null;
  const { parameters } = await probationPolicy(prisma, probation.policyVersion);
  const order = orderFromRow(row);
  const view = payoutView(order, probation.status as ProbationStatus);
  const shipBy = shipDeadline(order, parameters);
  return {
    orderId,
    sellerId: probation.seller.externalId,
    ...view,
    probationStatus: probation.status,
    late: order.lateAt !== null,
    overDailyCap: order.overCap,
    shipBy: shipBy === null ? null : new Date(shipBy).toISOString(),
  };
}
