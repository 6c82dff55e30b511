import { Type, type Static } from '@sinclair/typebox';
import { PROBATION_EVENT_TYPES, PROBATION_STATUSES } from '../../../core/sellerProbation.ts';
import { VerdictView } from '../../verdictSchemas.ts';

/** The most events one request may carry: one signal per request, so a batch is one transaction. */
export const MAX_EVENTS_PER_REQUEST = 1_000;
/** How far in the future an event's time may lie (clock skew between the marketplace and us). */
export const MAX_FUTURE_SKEW_SECONDS = 15 * 60;

const Seconds = (description: string) => Type.Integer({ minimum: 1, maximum: 10 * 365 * 86400, description });
const Rate = (description: string) => Type.Number({ minimum: 0, maximum: 1, description });

/** The `parameters` of a `seller-probation` policy version (registered with the policy keys). */
export const ProbationParametersSchema = Type.Object(
  {
    shipWindowSeconds: Seconds('time an order has to ship (3 days: 259200)'),
    probationSeconds: Seconds('length of the probation term'),
    probationOrders: Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'orders needed by the end of the term; fewer extends it' }),
    extensionSeconds: Seconds('length of an extension'),
    maxExtensions: Type.Integer({ minimum: 0, maximum: 20, description: 'extensions for a small sample before the seller is restricted instead' }),
    minimumSampleOrders: Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'orders before refund and review rates are evaluated' }),
    refundRateLimit: Rate('highest refund rate within limits (orders with a refund / orders)'),
    negativeReviewRateLimit: Rate('highest negative-review rate within limits (orders reviewed negatively / orders)'),
    negativeReviewMaxRating: Type.Integer({ minimum: 1, maximum: 4, description: 'ratings at or below this are negative' }),
    lateShipmentsPerStrike: Type.Integer({ minimum: 1, maximum: 1000 }),
    maxStrikes: Type.Integer({ minimum: 1, maximum: 1000, description: 'strikes at which the seller is restricted at once' }),
    dayLengthSeconds: Seconds('a probation day for the order cap (86400)'),
    dailyOrderCap: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    dailyOrderCapTiers: Type.Array(
      Type.Object({ afterOnTimeOrders: Type.Integer({ minimum: 0 }), cap: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }, { additionalProperties: false }),
      { maxItems: 20, description: 'higher caps once the seller has shipped that many orders on time' },
    ),
  },
  { additionalProperties: false },
);

const ExternalId = (description: string) => Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$', description });
const EventType = Type.Unsafe<(typeof PROBATION_EVENT_TYPES)[number]>({ type: 'string', enum: [...PROBATION_EVENT_TYPES] });

export const ProbationEventSchema = Type.Object(
  {
    eventId: ExternalId('unique per event: the same eventId twice counts once'),
    type: EventType,
    orderId: ExternalId("the marketplace's order id"),
    occurredAt: Type.String({ format: 'date-time', description: 'when it happened at the marketplace' }),
    amount: Type.Optional(Type.Number({ minimum: 0, maximum: 1e9, description: 'order.placed and refund.issued: in the currency, two decimals' })),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'order.placed: ISO 4217' })),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'refund.issued' })),
    rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: 'review.posted' })),
  },
  { additionalProperties: false },
);
export type ProbationEventBody = Static<typeof ProbationEventSchema>;

export const ProbationEventsBody = Type.Object(
  { events: Type.Array(ProbationEventSchema, { minItems: 1, maxItems: MAX_EVENTS_PER_REQUEST }) },
  { additionalProperties: false, description: `a batch of up to ${MAX_EVENTS_PER_REQUEST} events, or one event object on its own` },
);

export const SellerParams = Type.Object({ sellerId: ExternalId("the marketplace's seller id") });
export const PayoutParams = Type.Object({ sellerId: ExternalId("the marketplace's seller id"), orderId: ExternalId("the marketplace's order id") });

export const EventsAccepted = Type.Object({
  received: Type.Integer(),
  stored: Type.Integer({ description: 'events new to us' }),
  duplicates: Type.Integer({ description: 'events already received (by eventId), counted once' }),
  probation: Type.String({ description: 'URL of the probation' }),
});

const Nullable = <T extends ReturnType<typeof Type.Number>>(schema: T) => Type.Union([schema, Type.Null()]);
const Limit = Type.Object({ value: Nullable(Type.Number()), limit: Type.Number(), within: Type.Boolean(), evaluated: Type.Boolean({ description: 'the minimum sample is reached' }) });

export const HeldPayout = Type.Object({ orderId: Type.String(), reasons: Type.Array(Type.String()) });

export const ProbationView = Type.Object({
  probationId: Type.String(),
  sellerId: Type.String(),
  status: Type.Unsafe<(typeof PROBATION_STATUSES)[number]>({ type: 'string', enum: [...PROBATION_STATUSES] }),
  policy: Type.Object({ key: Type.String(), version: Type.Integer() }),
  startedAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  endedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  days: Type.Number({ description: 'days on probation so far' }),
  extensions: Type.Integer(),
  orders: Type.Object({ placed: Type.Integer(), required: Type.Integer(), shipped: Type.Integer(), cancelled: Type.Integer(), overCap: Type.Integer() }),
  lateShipments: Type.Integer(),
  strikes: Type.Object({ count: Type.Integer(), limit: Type.Integer() }),
  refundRate: Limit,
  negativeReviewRate: Limit,
  todayOrderAllowance: Type.Object({ cap: Type.Integer(), placed: Type.Integer(), remaining: Type.Integer() }),
  heldPayouts: Type.Array(HeldPayout),
  changes: Type.Array(
    Type.Object({
      sequence: Type.Integer(),
      change: Type.String(),
      from: Type.String(),
      to: Type.String(),
      reasons: Type.Array(Type.String()),
      orderId: Type.Union([Type.String(), Type.Null()]),
      at: Type.String({ format: 'date-time' }),
      verdict: Type.Union([VerdictView, Type.Null()], { description: 'a restriction’s verdict: escalated by the policy, settled by a moderator’s decision (suspend, reinstate or extend); null on other changes' }),
    }),
  ),
});

export const PayoutView = Type.Object({
  orderId: Type.String(),
  sellerId: Type.String(),
  releasable: Type.Boolean(),
  state: Type.String({ description: 'awaiting_shipment, held, releasable, refunded, cancelled or not_placed' }),
  reasons: Type.Array(Type.String(), { description: 'why it may not be released: late_shipment, probation_restricted, seller_suspended, not_shipped, ...' }),
  probationStatus: Type.String(),
  late: Type.Boolean(),
  overDailyCap: Type.Boolean(),
  shipBy: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
