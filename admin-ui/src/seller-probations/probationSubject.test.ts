import { describe, expect, it } from 'vitest';
import { readProbationSubject } from './probationSubject.ts';

const subject = {
  restriction: { changeId: 'c1', reasons: ['refund_rate_exceeded'], at: '2026-11-30T12:00:00Z' },
  probation: {
    sellerId: 'seller-1',
    status: 'restricted',
    policy: { key: 'seller-probation', version: 3 },
    orders: { placed: 4, required: 3 },
    lateShipments: 1,
    strikes: { count: 0, limit: 3 },
    refundRate: { value: 0.25, limit: 0.05, within: false, evaluated: true },
    negativeReviewRate: { value: null, limit: 0.1, within: true, evaluated: false },
    todayOrderAllowance: { cap: 50, placed: 4, remaining: 46 },
    heldPayouts: [{ orderId: 'o-1', reasons: ['probation_restricted'] }],
    changes: [{ sequence: 1, change: 'restricted', from: 'active', to: 'restricted', reasons: ['refund_rate_exceeded'], orderId: null, at: '2026-11-30T12:00:00Z' }],
  },
};

describe('the probation case subject as the console reads it', () => {
  it('puts each metric beside its limit, and leaves a rate unjudged until its sample is reached', () => {
    const read = readProbationSubject(subject)!;
    expect(read).toMatchObject({ sellerId: 'seller-1', status: 'restricted', policyVersion: 3, restrictionReasons: ['refund_rate_exceeded'], heldPayouts: [{ orderId: 'o-1' }] });
    expect(read.metrics.find((row) => row.metric === 'refund_rate')).toEqual({ metric: 'refund_rate', value: '25.0%', limit: '≤ 5.0%', within: false });
    expect(read.metrics.find((row) => row.metric === 'negative_review_rate')).toMatchObject({ value: '—', within: null });
    expect(read.metrics.find((row) => row.metric === 'strikes')).toMatchObject({ value: '0', within: true });
    expect(read.changes).toEqual([expect.objectContaining({ sequence: 1, change: 'restricted', to: 'restricted' })]);
  });

  it('reads a missing or malformed subject as absent, and odd fields as empty', () => {
    expect(readProbationSubject(null)).toBeNull();
    expect(readProbationSubject({ restriction: {} })).toBeNull();
    expect(readProbationSubject({ probation: { heldPayouts: 'x', changes: [1, null] } })).toMatchObject({ heldPayouts: [], changes: [], restrictionReasons: [] });
  });
});
