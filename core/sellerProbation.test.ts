import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import shippedPolicy from '../workers/policy/sellerProbationPolicy.v1.json' with { type: 'json' };
import {
  applyEvent,
  assessOrderBook,
  cappedRefundCents,
  dailyCapFor,
  emptyOrder,
  endOfTerm,
  isLate,
  limitBreaches,
  overCapOrderIds,
  payoutView,
  probationMetrics,
  type ProbationEvent,
  type ProbationOrder,
  type ProbationParameters,
} from './sellerProbation.ts';

const parameters = shippedPolicy.parameters as ProbationParameters;
const DAY = 86_400_000;
const start = Date.UTC(2026, 10, 1);

function order(orderId: string, overrides: Partial<ProbationOrder> = {}): ProbationOrder {
  return { ...emptyOrder(orderId), placedAt: start + 1000, amountCents: 2000, currency: 'EUR', ...overrides };
}
const book = (count: number, make: (index: number) => Partial<ProbationOrder> = () => ({})) => Array.from({ length: count }, (_, index) => order(`o-${index}`, make(index)));

describe('probation metrics at their edges', () => {
  it('with zero orders measures nothing: rates are null, not zero, and no limit is crossed', () => {
    const metrics = probationMetrics([], parameters, start, start + DAY);
    expect(metrics).toMatchObject({ orders: 0, refundRate: null, negativeReviewRate: null, sampleReached: false, strikes: 0, todayRemaining: 50 });
    expect(limitBreaches(metrics, parameters)).toEqual([]);
    expect(endOfTerm(metrics, parameters, 0)).toEqual({ outcome: 'extend', reasons: ['sample_too_small'] });
    expect(endOfTerm(metrics, parameters, parameters.maxExtensions)).toEqual({ outcome: 'restrict', reasons: ['sample_too_small_after_extensions'] });
  });

  it('exactly at the refund limit is within it; one more refund crosses it', () => {
    // 1 refund in 20 orders is exactly 5%
    const atLimit = probationMetrics(book(20, (index) => ({ shippedAt: start + 2000, refundedCents: index === 0 ? 500 : 0 })), parameters, start, start + DAY);
    expect(atLimit.refundRate).toBe(0.05);
    expect(atLimit.sampleReached).toBe(true);
    expect(limitBreaches(atLimit, parameters)).toEqual([]);
    const over = probationMetrics(book(20, (index) => ({ shippedAt: start + 2000, refundedCents: index < 2 ? 500 : 0 })), parameters, start, start + DAY);
    expect(limitBreaches(over, parameters)).toEqual(['refund_rate_exceeded']);
  });

  it('exactly at the negative-review limit (3 in 30, a rate that is not exact in binary) is within it', () => {
    const metrics = probationMetrics(book(30, (index) => ({ shippedAt: start + 2000, rating: index < 3 ? 2 : 5 })), parameters, start, start + DAY);
    expect(metrics.negativeReviewRate).toBeCloseTo(0.1);
    expect(limitBreaches(metrics, parameters)).toEqual([]);
  });

  it('evaluates rates only once the minimum sample is reached', () => {
    const small = probationMetrics(book(19, (index) => ({ shippedAt: start + 2000, refundedCents: index < 10 ? 100 : 0 })), parameters, start, start + DAY);
    expect(small.refundRate).toBeCloseTo(10 / 19);
    expect(limitBreaches(small, parameters)).toEqual([]);
  });

  it('counts a refund larger than the order once, and never more than the order was worth', () => {
    const refunded = applyEvent(applyEvent(order('big'), { type: 'refund.issued', orderId: 'big', occurredAt: start + 5000, amountCents: 5000 }), { type: 'refund.issued', orderId: 'big', occurredAt: start + 6000, amountCents: 100 });
    expect(refunded.refunds).toBe(2);
    expect(cappedRefundCents(refunded)).toBe(2000);
    const metrics = probationMetrics([refunded, order('fine', { shippedAt: start + 2000 })], parameters, start, start + DAY);
    expect(metrics).toMatchObject({ refundedOrders: 1, refundedCents: 2000, orderCents: 4000, refundRate: 0.5 });
    expect(payoutView(refunded, 'active')).toMatchObject({ releasable: false, state: 'refunded' });
  });

  it('leaves cancelled orders out of every rate', () => {
    const metrics = probationMetrics([order('c', { cancelledAt: start + 2000, refundedCents: 2000 }), order('k', { shippedAt: start + 2000 })], parameters, start, start + DAY);
    expect(metrics).toMatchObject({ orders: 1, cancelled: 1, refundedOrders: 0, refundRate: 0 });
  });
});

describe('shipping deadlines, holds and strikes', () => {
  const window = parameters.shipWindowSeconds * 1000;
  it('is late only strictly after the deadline', () => {
    const placedAt = start;
    expect(isLate(order('a', { placedAt, shippedAt: placedAt + window }), parameters, placedAt + 10 * DAY)).toBe(false);
    expect(isLate(order('a', { placedAt, shippedAt: placedAt + window + 1 }), parameters, placedAt + 10 * DAY)).toBe(true);
    expect(isLate(order('a', { placedAt }), parameters, placedAt + window)).toBe(false);
    expect(isLate(order('a', { placedAt }), parameters, placedAt + window + 1)).toBe(true);
  });

  it('holds a late unshipped payout, releases it on shipping, and reports the next deadline', () => {
    const placedAt = start;
    const open = order('a', { placedAt });
    const first = assessOrderBook(new Map(), [open, order('b', { placedAt: placedAt + 1000 })], parameters, start, placedAt + window + 5);
    expect(first.held).toEqual(['a']);
    expect(first.nextDeadline).toBe(placedAt + 1000 + window);
    const late = first.changed.find((candidate) => candidate.orderId === 'a')!;
    expect(payoutView(late, 'active')).toEqual({ releasable: false, state: 'held', reasons: ['late_shipment'] });
    const shippedLate = applyEvent(late, { type: 'order.shipped', orderId: 'a', occurredAt: placedAt + window + 10 });
    const second = assessOrderBook(new Map([['a', late]]), [shippedLate], parameters, start, placedAt + window + 20);
    expect(second.released).toEqual(['a']);
    expect(second.metrics.lateShipments).toBe(1);
    expect(payoutView(shippedLate, 'active').releasable).toBe(true);
    expect(payoutView(shippedLate, 'restricted')).toMatchObject({ releasable: false, reasons: ['probation_restricted'] });
  });

  it('gives a strike per lateShipmentsPerStrike late orders and restricts at maxStrikes', () => {
    const late = (count: number) => probationMetrics(book(count, () => ({ placedAt: start, shippedAt: start + window + 1 })), parameters, start, start + DAY * 10);
    expect(late(1).strikes).toBe(0);
    expect(late(2).strikes).toBe(1);
    expect(limitBreaches(late(5), parameters)).toEqual([]);
    expect(limitBreaches(late(6), parameters)).toEqual(['strikes_reached']);
    // a moderator who reinstated at 3 strikes is asked again only past them
    expect(limitBreaches(late(6), parameters, { refundedOrders: 0, negativeReviews: 0, strikes: 3 })).toEqual([]);
    expect(limitBreaches(late(8), parameters, { refundedOrders: 0, negativeReviews: 0, strikes: 3 })).toEqual(['strikes_reached']);
  });
});

describe('daily order cap', () => {
  it('flags the 51st order of a day by the time it was placed, and raises the cap in tiers', () => {
    const orders = book(51, (index) => ({ placedAt: start + 1000 + index }));
    expect([...overCapOrderIds(orders, start, parameters)]).toEqual(['o-50']);
    expect(overCapOrderIds(book(50, (index) => ({ placedAt: start + index })), start, parameters).size).toBe(0);
    // the next day starts a new count
    expect(overCapOrderIds([...book(50, (index) => ({ placedAt: start + index })), order('next', { placedAt: start + DAY })], start, parameters).size).toBe(0);
    expect(dailyCapFor(99, parameters)).toBe(50);
    expect(dailyCapFor(100, parameters)).toBe(100);
    expect(dailyCapFor(1000, parameters)).toBe(250);
  });
});

describe('folding events', () => {
  const events: ProbationEvent[] = [
    { type: 'order.placed', orderId: 'x', occurredAt: start + 10, amountCents: 1500, currency: 'EUR' },
    { type: 'order.shipped', orderId: 'x', occurredAt: start + 20 },
    { type: 'order.delivered', orderId: 'x', occurredAt: start + 30 },
    { type: 'refund.issued', orderId: 'x', occurredAt: start + 40, amountCents: 300 },
    { type: 'review.posted', orderId: 'x', occurredAt: start + 50, rating: 2 },
    { type: 'review.posted', orderId: 'x', occurredAt: start + 60, rating: 4 },
  ];
  it('gives the same order whatever order the events arrive in', () => {
    const inOrder = events.reduce(applyEvent, emptyOrder('x'));
    expect(inOrder).toMatchObject({ placedAt: start + 10, shippedAt: start + 20, deliveredAt: start + 30, refundedCents: 300, rating: 4 });
    fc.assert(fc.property(fc.shuffledSubarray(events, { minLength: events.length }), (shuffled) => {
      expect(shuffled.reduce(applyEvent, emptyOrder('x'))).toEqual(inOrder);
    }));
  });

  it('takes a delivery without a shipment as shipped by then', () => {
    expect(applyEvent(order('d'), { type: 'order.delivered', orderId: 'd', occurredAt: start + 99 }).shippedAt).toBe(start + 99);
  });
});

describe('end of term', () => {
  it('graduates within limits, restricts on a breach', () => {
    const good = probationMetrics(book(25, () => ({ shippedAt: start + 2000 })), parameters, start, start + 90 * DAY);
    expect(endOfTerm(good, parameters, 0)).toEqual({ outcome: 'graduate' });
    const bad = probationMetrics(book(25, (index) => ({ shippedAt: start + 2000, rating: index < 5 ? 1 : 5 })), parameters, start, start + 90 * DAY);
    expect(endOfTerm(bad, parameters, 0)).toEqual({ outcome: 'restrict', reasons: ['negative_review_rate_exceeded'] });
  });
});

describe('a confirmed counterfeit as a hard limit', () => {
  const metrics = probationMetrics(book(2), parameters, start, start + 2000);
  it('restricts at the first counterfeit the moderator has not seen, at any sample size', () => {
    expect(limitBreaches({ ...metrics, confirmedCounterfeits: 1 }, parameters)).toEqual(['counterfeit_confirmed']);
    expect(limitBreaches({ ...metrics, confirmedCounterfeits: 1 }, parameters, { refundedOrders: 0, negativeReviews: 0, strikes: 0, confirmedCounterfeits: 1 })).toEqual([]);
    expect(limitBreaches({ ...metrics, confirmedCounterfeits: 2 }, parameters, { refundedOrders: 0, negativeReviews: 0, strikes: 0, confirmedCounterfeits: 1 })).toEqual(['counterfeit_confirmed']);
  });
  it('reads metrics and baselines recorded before counterfeits were counted as none', () => {
    expect(limitBreaches(metrics, parameters)).toEqual([]);
    expect(limitBreaches({ ...metrics, confirmedCounterfeits: 0 }, parameters)).toEqual([]);
  });
});
