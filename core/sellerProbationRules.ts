/**
 * Seller probation's rules: the metrics an order book gives, the daily order cap, the hard limits
 * and the end-of-term decision. Pure; re-exported by sellerProbation.ts.
 */
import type { ProbationParameters } from './sellerProbation.ts';
import { cappedRefundCents, countsAsOrder, exceeds, isLate, payoutHeldForLateness, type ProbationOrder, rateOf, shipDeadline } from './sellerProbationOrders.ts';

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
  /**
   * counterfeits confirmed against the seller since the probation started (set by the activity
   * from the seller's record; absent in metrics recorded before counterfeits were counted)
   */
  confirmedCounterfeits?: number;
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
  /** absent in baselines recorded before counterfeits were counted: none seen */
  confirmedCounterfeits?: number;
}

export const NO_BASELINE: ReviewedBaseline = { refundedOrders: 0, negativeReviews: 0, strikes: 0 };

export type BreachCode = 'refund_rate_exceeded' | 'negative_review_rate_exceeded' | 'strikes_reached' | 'counterfeit_confirmed';

/** Hard limits crossed: rates once the sample is reached, strikes and a confirmed counterfeit at any time. */
export function limitBreaches(metrics: ProbationMetrics, parameters: ProbationParameters, baseline: ReviewedBaseline = NO_BASELINE): BreachCode[] {
  const breaches: BreachCode[] = [];
  if (metrics.sampleReached && exceeds(metrics.refundRate, parameters.refundRateLimit) && metrics.refundedOrders > baseline.refundedOrders) breaches.push('refund_rate_exceeded');
  if (metrics.sampleReached && exceeds(metrics.negativeReviewRate, parameters.negativeReviewRateLimit) && metrics.negativeReviews > baseline.negativeReviews) {
    breaches.push('negative_review_rate_exceeded');
  }
  if (metrics.strikes >= parameters.maxStrikes && metrics.strikes > baseline.strikes) breaches.push('strikes_reached');
  // one counterfeit is enough; a moderator who reinstated the seller has seen those counted so far
  if ((metrics.confirmedCounterfeits ?? 0) > (baseline.confirmedCounterfeits ?? 0)) breaches.push('counterfeit_confirmed');
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
