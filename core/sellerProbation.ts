/**
 * Seller probation's pure part, shared by the API, the activities and the workflow: the policy's
 * numbers, how an order's events fold into the order (in any arrival order), the metrics an order
 * book gives, the rules that turn metrics into a decision, and what a payout may do. No I/O, no
 * clock: every function takes `now` (epoch milliseconds) when it needs one.
 */
import type { CaseSubjectDefinition } from './cases.ts';
import { payoutHeldForLateness, type ProbationOrder } from './sellerProbationOrders.ts';

export * from './sellerProbationOrders.ts';
export * from './sellerProbationRules.ts';

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
/**
 * A counterfeit confirmed against the seller by a buyer's authenticity check. Bonafide stores it
 * as one of the probation's events (the marketplace cannot send it) and signals it as the API
 * signals the marketplace's events; it counts in `confirmedCounterfeits`, not in any order.
 */
export const COUNTERFEIT_CONFIRMED_EVENT = 'counterfeit.confirmed';

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
