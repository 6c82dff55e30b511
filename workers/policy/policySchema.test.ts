import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { policyProblems, type PolicyRules } from './policy.ts';
import { PolicyRulesSchema } from './policySchema.ts';
import shipped from './sellerVettingPolicy.v1.json' with { type: 'json' };

describe('policy rules schema', () => {
  it('accepts the shipped seller-vetting policy', () => {
    expect([...Value.Errors(PolicyRulesSchema, shipped)]).toEqual([]);
  });

  it('refuses a score out of range, a missing severity and an unknown key', () => {
    const broken = [
      { ...shipped, rules: [{ code: 'document.expired', action: 'reject', minScore: 1.5 }] },
      { ...shipped, unmatched: { info: 'ignore', low: 'ignore', medium: 'escalate', high: 'escalate' } },
      { ...shipped, threshold: 0.5 },
    ];
    for (const rules of broken) expect(Value.Check(PolicyRulesSchema, rules)).toBe(false);
  });

  it('refuses actions that are not among the policy\'s verdicts', () => {
    const rules = shipped as PolicyRules;
    expect(policyProblems(rules)).toEqual([]);
    expect(policyProblems({ ...rules, rules: [{ code: 'document.expired', action: 'delete' }] })).toEqual(['rules/0/action: delete is not one of reject, escalate, ignore']);
    // the last verdict is what nothing causes: a rule cannot ask for it
    expect(policyProblems({ ...rules, rules: [{ code: 'document.expired', action: 'approve' }] })).toHaveLength(1);
    expect(policyProblems({ ...rules, verdicts: ['block', 'allow'], rules: [] })).toEqual(['unmatched/medium: escalate is not one of block, ignore', 'unmatched/high: escalate is not one of block, ignore', 'unmatched/critical: escalate is not one of block, ignore', 'requireForApproval: needs the escalate verdict']);
    expect(policyProblems({ ...rules, verdicts: ['block', 'block', 'escalate', 'allow'] })).toContain('verdicts: each verdict may appear once');
  });
});
