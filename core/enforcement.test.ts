import { describe, expect, it } from 'vitest';
import { evaluatePolicy, type PolicyRules } from '../workers/policy/policy.ts';
import { DEFAULT_ENFORCEMENT_PARAMETERS, enforcementParametersOf, recordSignals, shippedEnforcementPolicy } from './enforcement.ts';

const standing = (weight: number, parameters = DEFAULT_ENFORCEMENT_PARAMETERS) =>
  evaluatePolicy(shippedEnforcementPolicy as PolicyRules, recordSignals({ count: Math.ceil(weight), weight }, parameters)).outcome;

describe('the shipped enforcement policy', () => {
  it('gives good standing under the warning weight, a warning from it, a suspension review from its own', () => {
    expect(standing(0)).toBe('good_standing');
    expect(standing(1.5)).toBe('good_standing');
    expect(standing(2)).toBe('warning');
    expect(standing(4.5)).toBe('warning');
    expect(standing(5)).toBe('suspension_review');
    expect(standing(12)).toBe('suspension_review');
  });

  it('judges by the thresholds of the version given', () => {
    const strict = { ...DEFAULT_ENFORCEMENT_PARAMETERS, warningAtWeight: 1, suspensionReviewAtWeight: 2 };
    expect(standing(1, strict)).toBe('warning');
    expect(standing(2, strict)).toBe('suspension_review');
  });

  it('weighs no rejected signup, and a counterfeit above a removed listing', () => {
    const { strikeWeights } = DEFAULT_ENFORCEMENT_PARAMETERS;
    expect(strikeWeights.signup_rejected ?? 0).toBe(0);
    expect(strikeWeights.counterfeit_confirmed!).toBeGreaterThan(strikeWeights.listing_removed!);
  });

  it('reads a version that leaves parameters out with the defaults', () => {
    expect(enforcementParametersOf({})).toEqual(DEFAULT_ENFORCEMENT_PARAMETERS);
    expect(enforcementParametersOf({ parameters: { strikeExpiryDays: 30 } }).strikeExpiryDays).toBe(30);
  });
});
