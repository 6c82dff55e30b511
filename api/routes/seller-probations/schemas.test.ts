import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import shippedPolicy from '../../../workers/policy/sellerProbationPolicy.v1.json' with { type: 'json' };
import { policyProblems, type PolicyRules } from '../../../workers/policy/policy.ts';
import { PolicyRulesSchema } from '../../../workers/policy/policySchema.ts';
import { eventProblems } from './ingest.ts';
import { ProbationParametersSchema, type ProbationEventBody } from './schemas.ts';

describe('the shipped probation policy', () => {
  it('is a valid policy whose parameters have the registered shape', () => {
    expect(Value.Check(PolicyRulesSchema, shippedPolicy)).toBe(true);
    expect(policyProblems(shippedPolicy as PolicyRules)).toEqual([]);
    expect([...Value.Errors(ProbationParametersSchema, shippedPolicy.parameters)]).toEqual([]);
    expect(Value.Check(ProbationParametersSchema, { ...shippedPolicy.parameters, refundRateLimit: 5 })).toBe(false);
  });
});

describe('event checks the schema cannot make', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  const event = (overrides: Partial<ProbationEventBody>): ProbationEventBody => ({ eventId: 'e', type: 'order.shipped', orderId: 'o', occurredAt: '2026-11-30T11:00:00Z', ...overrides });
  it('names the event index and field', () => {
    expect(eventProblems([event({}), event({ type: 'order.placed', amount: 10 })], now)).toEqual([{ field: 'body/events/1/currency', message: 'is required for order.placed' }]);
    expect(eventProblems([event({ type: 'refund.issued', amount: 1.005 })], now)).toEqual([{ field: 'body/events/0/amount', message: 'must have at most two decimals' }]);
    expect(eventProblems([event({ rating: 3 })], now)).toEqual([{ field: 'body/events/0/rating', message: 'is not a field of order.shipped' }]);
    expect(eventProblems([event({ occurredAt: '2026-11-30T12:20:00Z' })], now)).toEqual([{ field: 'body/events/0/occurredAt', message: expect.stringContaining('future') }]);
    expect(eventProblems([event({ type: 'review.posted', rating: 1 }), event({ type: 'order.cancelled', reason: 'buyer changed mind' })], now)).toEqual([]);
  });
});
