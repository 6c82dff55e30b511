/**
 * Seller probation's orders: how a marketplace's events fold into an order (in any arrival
 * order), when an order is late, and what was refunded. Pure; re-exported by sellerProbation.ts.
 */
import type { ProbationEventType, ProbationParameters } from './sellerProbation.ts';

/** A marketplace event as the workflow's activity folds it (times in epoch ms, amounts in cents). */
export interface ProbationEvent {
  type: ProbationEventType;
  orderId: string;
  occurredAt: number;
  amountCents?: number;
  currency?: string;
  rating?: number;
}

export interface ProbationOrder {
  orderId: string;
  placedAt: number | null;
  amountCents: number | null;
  currency: string | null;
  shippedAt: number | null;
  deliveredAt: number | null;
  cancelledAt: number | null;
  refundedCents: number;
  refunds: number;
  rating: number | null;
  reviewedAt: number | null;
  lateAt: number | null;
  overCap: boolean;
}

export const emptyOrder = (orderId: string): ProbationOrder => ({
  orderId,
  placedAt: null,
  amountCents: null,
  currency: null,
  shippedAt: null,
  deliveredAt: null,
  cancelledAt: null,
  refundedCents: 0,
  refunds: 0,
  rating: null,
  reviewedAt: null,
  lateAt: null,
  overCap: false,
});

const earliest = (a: number | null, b: number): number => (a === null ? b : Math.min(a, b));

/**
 * Folds one event into its order. Every case is order-independent (earliest time wins, sums add,
 * the latest review wins), so a shipment that arrives before its order gives the same order as
 * the other way round. Each event is folded once: the caller marks it applied in the same transaction.
 */
export function applyEvent(order: ProbationOrder, event: ProbationEvent): ProbationOrder {
  const next = { ...order };
  switch (event.type) {
    case 'order.placed':
      if (next.placedAt === null || event.occurredAt < next.placedAt) {
        next.placedAt = event.occurredAt;
        next.amountCents = event.amountCents ?? null;
        next.currency = event.currency ?? null;
      }
      break;
    case 'order.shipped':
      next.shippedAt = earliest(next.shippedAt, event.occurredAt);
      break;
    case 'order.delivered':
      next.deliveredAt = earliest(next.deliveredAt, event.occurredAt);
      // delivered means shipped by then, whether or not the shipment was reported
      next.shippedAt = earliest(next.shippedAt, event.occurredAt);
      break;
    case 'order.cancelled':
      next.cancelledAt = earliest(next.cancelledAt, event.occurredAt);
      break;
    case 'refund.issued':
      next.refundedCents += event.amountCents ?? 0;
      next.refunds += 1;
      break;
    case 'review.posted':
      if (next.reviewedAt === null || event.occurredAt >= next.reviewedAt) {
        next.reviewedAt = event.occurredAt;
        next.rating = event.rating ?? null;
      }
      break;
  }
  return next;
}

/** Placed and not cancelled: the orders every rate counts. */
export const countsAsOrder = (order: ProbationOrder): boolean => order.placedAt !== null && order.cancelledAt === null;

export const shipDeadline = (order: ProbationOrder, parameters: ProbationParameters): number | null =>
  order.placedAt === null ? null : order.placedAt + parameters.shipWindowSeconds * 1000;

/** Shipped after its deadline, or still unshipped once it has passed. */
export function isLate(order: ProbationOrder, parameters: ProbationParameters, now: number): boolean {
  const deadline = shipDeadline(order, parameters);
  if (deadline === null || !countsAsOrder(order)) return false;
  return (order.shippedAt ?? now) > deadline;
}

/** Late and still unshipped: its payout waits for the shipment. */
export const payoutHeldForLateness = (order: ProbationOrder): boolean => order.lateAt !== null && order.shippedAt === null && countsAsOrder(order);

/** What was refunded, never more than the order was worth (a refund may include shipping or goodwill). */
export const cappedRefundCents = (order: ProbationOrder): number =>
  order.amountCents === null ? 0 : Math.min(Math.max(order.refundedCents, 0), order.amountCents);

/** A rate over the probation's orders; null with no orders (not zero: nothing was measured). */
export const rateOf = (count: number, orders: number): number | null => (orders === 0 ? null : count / orders);

/** Within a limit means at or under it; the tolerance absorbs binary fractions (0.1 * 3). */
export const exceeds = (rate: number | null, limit: number): boolean => rate !== null && rate > limit + 1e-12;
