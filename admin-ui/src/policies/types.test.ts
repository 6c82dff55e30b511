import { describe, expect, it } from 'vitest';
import { formatRules, newPolicyVersion, parseRules, rulesAreJsonObject } from './types.ts';

describe('policy form helpers', () => {
  it('round-trips rules through text', () => {
    const rules = { rules: [{ code: 'document.expired', action: 'reject' }] };
    expect(parseRules(formatRules(rules))).toEqual(rules);
  });

  it('names text that is not a JSON object', () => {
    expect(rulesAreJsonObject(parseRules('{"rules": ['))).toBe('bonafide.policies.rules_not_json');
    expect(rulesAreJsonObject(parseRules('[1]'))).toBe('bonafide.policies.rules_not_json');
    expect(rulesAreJsonObject(parseRules('{}'))).toBeUndefined();
  });

  it('sends key, rules and a note only when there is one', () => {
    expect(newPolicyVersion({ id: 'p', key: 'k', rules: {}, note: '', version: 3 })).toEqual({ key: 'k', rules: {} });
  });
});
