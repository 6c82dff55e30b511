import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { PolicyRulesSchema } from './policySchema.ts';
import shipped from './sellerVettingPolicy.v1.json' with { type: 'json' };

describe('policy rules schema', () => {
  it('accepts the shipped seller-vetting policy', () => {
    expect([...Value.Errors(PolicyRulesSchema, shipped)]).toEqual([]);
  });

  it('refuses an unknown action, a score out of range, a missing severity and an unknown key', () => {
    const broken = [
      { ...shipped, rules: [{ code: 'document.expired', action: 'delete' }] },
      { ...shipped, rules: [{ code: 'document.expired', action: 'reject', minScore: 1.5 }] },
      { ...shipped, unmatched: { info: 'ignore', low: 'ignore', medium: 'escalate', high: 'escalate' } },
      { ...shipped, threshold: 0.5 },
    ];
    for (const rules of broken) expect(Value.Check(PolicyRulesSchema, rules)).toBe(false);
  });
});
