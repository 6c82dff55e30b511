import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import shippedPolicy from '../../../workers/policy/listingScreeningPolicy.v1.json' with { type: 'json' };
import { policyProblems, type PolicyRules } from '../../../workers/policy/policy.ts';
import { PolicyRulesSchema } from '../../../workers/policy/policySchema.ts';
import { ListingParametersSchema } from './parameters.ts';

const problems = (parameters: unknown) => [...Value.Errors(ListingParametersSchema, parameters)].map((error) => error.path);

describe('the shipped listing-screening policy', () => {
  it('is a valid policy whose parameters, currency rates included, have the registered shape', () => {
    expect(Value.Check(PolicyRulesSchema, shippedPolicy)).toBe(true);
    expect(policyProblems(shippedPolicy as PolicyRules)).toEqual([]);
    expect(problems(shippedPolicy.parameters)).toEqual([]);
    expect(Object.keys(shippedPolicy.parameters.currencyRates.rates)).toEqual(expect.arrayContaining(['USD', 'GBP', 'JPY']));
  });

  it('refuses rates that are not positive, lowercase codes and unknown fields; rates stay optional', () => {
    const { currencyRates, ...withoutRates } = shippedPolicy.parameters;
    expect(problems(withoutRates)).toEqual([]);
    expect(problems({ ...withoutRates, currencyRates: { ...currencyRates, rates: { USD: 0 } } })).toEqual(['/currencyRates/rates/USD']);
    expect(problems({ ...withoutRates, currencyRates: { ...currencyRates, rates: { usd: 1.1 } } })).toEqual(['/currencyRates/rates/usd']);
    expect(problems({ ...withoutRates, currencyRates: { base: 'EUR', rates: {}, source: 'bank' } })).toEqual(['/currencyRates/source']);
    expect(problems({ ...withoutRates, currencyRates: { base: 'Euro', rates: {} } })).toEqual(['/currencyRates/base']);
  });
});

describe('the pre-owned price band', () => {
  it('is optional, and a fraction of the reference minimum when given', () => {
    expect(problems({ ...shippedPolicy.parameters, preOwnedPriceAnomalyRatio: 0.3 })).toEqual([]);
    expect(problems({ ...shippedPolicy.parameters, preOwnedPriceAnomalyRatio: 0 })).toEqual(['/preOwnedPriceAnomalyRatio']);
    expect(problems({ ...shippedPolicy.parameters, preOwnedPriceAnomalyRatio: 1.5 })).toEqual(['/preOwnedPriceAnomalyRatio']);
  });
});
