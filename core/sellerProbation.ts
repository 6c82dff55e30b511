/**
 * Seller probation's pure part, shared by the API, the activities and the workflow: the policy's
 * numbers, how an order's events fold into the order (in any arrival order), the metrics an order
 * book gives, the rules that turn metrics into a decision, and what a payout may do. No I/O, no
 * clock: every function takes `now` (epoch milliseconds) when it needs one.
 */
import type { CaseSubjectDefinition } from './cases.ts';

export const SELLER_PROBATION_POLICY_KEY = 'seller-probation';
export const SELLER_PROBATION_WEBHOOK_EVENT = 'seller_probation.changed';

/** Cases opened by probation: the seller is restricted; a moderator decides what follows. */
export const sellerProbationCases = {
  subjectType: 'seller_probation',
  label: 'Seller probation',
  decisions: [
    { value: 'suspend', label: 'Suspend', noteRequired: true, destructive: true },
    { value: 'reinstate', label: 'Reinstate', noteRequired: false },
    { value: 'extend', label: 'Extend probation', noteRequired: false },
  ],
} as const satisfies CaseSubjectDefinition;

export type ProbationDecision = (typeof sellerProbationCases.decisions)[number]['value'];

export const PROBATION_STATUSES = ['active', 'extended', 'restricted', 'graduated', 'suspended'] as const;
export type ProbationStatus = (typeof PROBATION_STATUSES)[number];
/** Statuses in which the seller is on probation and events are taken. */
export const OPEN_PROBATION_STATUSES: readonly ProbationStatus[] = ['active', 'extended', 'restricted'];

export const PROBATION_EVENT_TYPES = ['order.placed', 'order.shipped', 'order.delivered', 'order.cancelled', 'refund.issued', 'review.posted'] as const;
export type ProbationEventType = (typeof PROBATION_EVENT_TYPES)[number];

export interface OrderCapTier {
  /** orders shipped on time before the day starts */
  afterOnTimeOrders: number;
  cap: number;
}

/** The numbers of a probation policy version (`parameters`); durations in seconds. */
export interface ProbationParameters {
  shipWindowSeconds: number;
  probationSeconds: number;
  /** orders the seller must have by the end of the term; fewer extends it */
  probationOrders: number;
  extensionSeconds: number;
  /** extensions for too small a sample before the seller is restricted instead */
  maxExtensions: number;
  /** orders before the refund and review rates are evaluated */
  minimumSampleOrders: number;
  refundRateLimit: number;
  negativeReviewRateLimit: number;
  /** ratings at or below this are negative */
  negativeReviewMaxRating: number;
  lateShipmentsPerStrike: number;
  /** strikes at which the seller is restricted at once */
  maxStrikes: number;
  /** a probation "day" (86400 in production; tests shorten it) */
  dayLengthSeconds: number;
  dailyOrderCap: number;
  dailyOrderCapTiers: OrderCapTier[];
}

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

export interface ProbationMetrics {
  orders: number;
  cancelled: number;
  shipped: number;
  lateShipments: number;
  heldPayouts: number;
  refundedOrders: number;
  refundedCents: number;
  orderCents: number;
  refundRate: number | null;
  reviews: number;
  negativeReviews: number;
  negativeReviewRate: number | null;
  strikes: number;
  overCapOrders: number;
  sampleReached: boolean;
  /** the probation day `now` falls in, counted from the start */
  day: number;
  todayOrders: number;
  todayCap: number;
  todayRemaining: number;
}

const dayOf = (at: number, startedAt: number, parameters: ProbationParameters) => Math.floor((at - startedAt) / (parameters.dayLengthSeconds * 1000));

/** The day's cap: the highest tier the seller's on-time shipments before that day reach. */
export function dailyCapFor(onTimeOrdersBefore: number, parameters: ProbationParameters): number {
  let cap = parameters.dailyOrderCap;
  for (const tier of parameters.dailyOrderCapTiers) if (onTimeOrdersBefore >= tier.afterOnTimeOrders) cap = Math.max(cap, tier.cap);
  return cap;
}

function onTimeShippedBefore(orders: ProbationOrder[], at: number, parameters: ProbationParameters): number {
  return orders.filter((order) => {
    const deadline = shipDeadline(order, parameters);
    return deadline !== null && order.shippedAt !== null && order.shippedAt < at && order.shippedAt <= deadline;
  }).length;
}

/**
 * Orders past their day's cap: within a day, orders rank by when they were placed (then by id),
 * so an order that arrives late takes its place and the flag lands on the same order whatever the
 * arrival order. Cancelled orders were placed and count towards the cap.
 */
export function overCapOrderIds(orders: ProbationOrder[], startedAt: number, parameters: ProbationParameters): Set<string> {
  const byDay = new Map<number, ProbationOrder[]>();
  for (const order of orders) {
    if (order.placedAt === null) continue;
    const day = dayOf(order.placedAt, startedAt, parameters);
    byDay.set(day, [...(byDay.get(day) ?? []), order]);
  }
  const flagged = new Set<string>();
  for (const [day, placed] of byDay) {
    const dayStart = startedAt + day * parameters.dayLengthSeconds * 1000;
    const cap = dailyCapFor(onTimeShippedBefore(orders, dayStart, parameters), parameters);
    placed.sort((a, b) => a.placedAt! - b.placedAt! || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
    placed.slice(cap).forEach((order) => flagged.add(order.orderId));
  }
  return flagged;
}

export function probationMetrics(orders: ProbationOrder[], parameters: ProbationParameters, startedAt: number, now: number): ProbationMetrics {
  const counted = orders.filter(countsAsOrder);
  const late = counted.filter((order) => order.lateAt !== null || isLate(order, parameters, now)).length;
  const refunded = counted.filter((order) => order.refundedCents > 0);
  const reviewed = counted.filter((order) => order.rating !== null);
  const negative = reviewed.filter((order) => order.rating! <= parameters.negativeReviewMaxRating).length;
  const day = dayOf(now, startedAt, parameters);
  const todayOrders = orders.filter((order) => order.placedAt !== null && dayOf(order.placedAt, startedAt, parameters) === day).length;
  const todayCap = dailyCapFor(onTimeShippedBefore(orders, startedAt + day * parameters.dayLengthSeconds * 1000, parameters), parameters);
  return {
    orders: counted.length,
    cancelled: orders.filter((order) => order.placedAt !== null && order.cancelledAt !== null).length,
    shipped: counted.filter((order) => order.shippedAt !== null).length,
    lateShipments: late,
    heldPayouts: counted.filter(payoutHeldForLateness).length,
    refundedOrders: refunded.length,
    refundedCents: counted.reduce((sum, order) => sum + cappedRefundCents(order), 0),
    orderCents: counted.reduce((sum, order) => sum + (order.amountCents ?? 0), 0),
    refundRate: rateOf(refunded.length, counted.length),
    reviews: reviewed.length,
    negativeReviews: negative,
    negativeReviewRate: rateOf(negative, counted.length),
    strikes: Math.floor(late / parameters.lateShipmentsPerStrike),
    overCapOrders: orders.filter((order) => order.overCap).length,
    sampleReached: counted.length >= parameters.minimumSampleOrders,
    day,
    todayOrders,
    todayCap,
    todayRemaining: Math.max(0, todayCap - todayOrders),
  };
}

export interface OrderBookAssessment {
  /** the orders whose late or over-cap mark changed */
  changed: ProbationOrder[];
  metrics: ProbationMetrics;
  /** the earliest ship deadline still ahead (epoch ms), for the workflow's one timer */
  nextDeadline: number | null;
  /** orders whose payout is newly held for lateness */
  held: string[];
  /** orders whose lateness hold ended (shipped or cancelled) */
  released: string[];
}

/**
 * Marks late and over-cap orders as of `now` and measures the book. `before` is the book as it
 * was before this batch of events, so a payout hold that began or ended in between is reported.
 */
export function assessOrderBook(before: ReadonlyMap<string, ProbationOrder>, after: ProbationOrder[], parameters: ProbationParameters, startedAt: number, now: number): OrderBookAssessment {
  const overCap = overCapOrderIds(after, startedAt, parameters);
  const changed: ProbationOrder[] = [];
  const book = after.map((order) => {
    const lateAt = order.lateAt ?? (isLate(order, parameters, now) ? now : null);
    const flagged = overCap.has(order.orderId);
    if (lateAt === order.lateAt && flagged === order.overCap) return order;
    const next = { ...order, lateAt, overCap: flagged };
    changed.push(next);
    return next;
  });
  const held: string[] = [];
  const released: string[] = [];
  let nextDeadline: number | null = null;
  for (const order of book) {
    const previous = before.get(order.orderId);
    const wasHeld = previous ? payoutHeldForLateness(previous) : false;
    const isHeld = payoutHeldForLateness(order);
    if (isHeld && !wasHeld) held.push(order.orderId);
    if (wasHeld && !isHeld) released.push(order.orderId);
    const deadline = shipDeadline(order, parameters);
    if (deadline !== null && countsAsOrder(order) && order.shippedAt === null && order.lateAt === null) nextDeadline = nextDeadline === null ? deadline : Math.min(nextDeadline, deadline);
  }
  return { changed, metrics: probationMetrics(book, parameters, startedAt, now), nextDeadline, held, released };
}

/** The counts a moderator has already seen: a breach must go beyond them to open another case. */
export interface ReviewedBaseline {
  refundedOrders: number;
  negativeReviews: number;
  strikes: number;
}

export const NO_BASELINE: ReviewedBaseline = { refundedOrders: 0, negativeReviews: 0, strikes: 0 };

export type BreachCode = 'refund_rate_exceeded' | 'negative_review_rate_exceeded' | 'strikes_reached';

/** Hard limits crossed: rates once the sample is reached, strikes at any time. */
export function limitBreaches(metrics: ProbationMetrics, parameters: ProbationParameters, baseline: ReviewedBaseline = NO_BASELINE): BreachCode[] {
  const breaches: BreachCode[] = [];
  if (metrics.sampleReached && exceeds(metrics.refundRate, parameters.refundRateLimit) && metrics.refundedOrders > baseline.refundedOrders) breaches.push('refund_rate_exceeded');
  if (metrics.sampleReached && exceeds(metrics.negativeReviewRate, parameters.negativeReviewRateLimit) && metrics.negativeReviews > baseline.negativeReviews) {
    breaches.push('negative_review_rate_exceeded');
  }
  if (metrics.strikes >= parameters.maxStrikes && metrics.strikes > baseline.strikes) breaches.push('strikes_reached');
  return breaches;
}

export type EndOfTerm = { outcome: 'graduate' } | { outcome: 'extend'; reasons: ['sample_too_small'] } | { outcome: 'restrict'; reasons: string[] };

/** At the end of the term: graduate within limits, extend a small sample, otherwise restrict. */
export function endOfTerm(metrics: ProbationMetrics, parameters: ProbationParameters, extensions: number, baseline: ReviewedBaseline = NO_BASELINE): EndOfTerm {
  const breaches = limitBreaches(metrics, parameters, baseline);
  if (breaches.length > 0) return { outcome: 'restrict', reasons: breaches };
  if (metrics.orders < parameters.probationOrders) {
    return extensions < parameters.maxExtensions ? { outcome: 'extend', reasons: ['sample_too_small'] } : { outcome: 'restrict', reasons: ['sample_too_small_after_extensions'] };
  }
  return { outcome: 'graduate' };
}

export type PayoutState = 'awaiting_shipment' | 'held' | 'releasable' | 'refunded' | 'cancelled' | 'not_placed';

export interface PayoutView {
  releasable: boolean;
  state: PayoutState;
  /** why it may not be released (empty when it may) */
  reasons: string[];
}

/** Whether an order's payout may be released under the probation's status, and why not. */
export function payoutView(order: ProbationOrder, status: ProbationStatus): PayoutView {
  if (order.placedAt === null) return { releasable: false, state: 'not_placed', reasons: ['order_not_placed'] };
  if (order.cancelledAt !== null) return { releasable: false, state: 'cancelled', reasons: ['order_cancelled'] };
  if (order.amountCents !== null && order.refundedCents >= order.amountCents) return { releasable: false, state: 'refunded', reasons: ['fully_refunded'] };
  if (status === 'suspended') return { releasable: false, state: 'held', reasons: ['seller_suspended'] };
  if (status === 'restricted') return { releasable: false, state: 'held', reasons: ['probation_restricted', ...(payoutHeldForLateness(order) ? ['late_shipment'] : [])] };
  if (order.shippedAt === null) {
    // a graduated seller's payouts are no longer probation's business, but nothing ships unshipped
    if (payoutHeldForLateness(order) && status !== 'graduated') return { releasable: false, state: 'held', reasons: ['late_shipment'] };
    return { releasable: false, state: 'awaiting_shipment', reasons: ['not_shipped'] };
  }
  return { releasable: true, state: 'releasable', reasons: [] };
}
