import { describe, expect, it } from 'vitest';
import shippedPolicy from '../workers/policy/authenticityCheckPolicy.v2.json' with { type: 'json' };
import { hardEvidenceAmong, type AuthenticityCheckParameters } from './authenticityCheck.ts';

const rules = (shippedPolicy.parameters as AuthenticityCheckParameters).hardEvidence;
const signal = (code: string, evidence: Record<string, unknown> = {}, score = 0.9) => ({ code, score, evidence });

describe('hard evidence under the shipped policy', () => {
  it('counts revoked, unknown and cloned codes, each once', () => {
    expect(hardEvidenceAmong([signal('authenticity.code_revoked'), signal('authenticity.code_cloned'), signal('authenticity.code_cloned')], rules)).toEqual([
      'authenticity.code_revoked',
      'authenticity.code_cloned',
    ]);
    expect(hardEvidenceAmong([signal('authenticity.code_unknown')], rules)).toEqual(['authenticity.code_unknown']);
  });
  it('counts a failed check digit only when the code was read from a photo', () => {
    expect(hardEvidenceAmong([signal('authenticity.code_check_digit_invalid', { source: 'typed' })], rules)).toEqual([]);
    expect(hardEvidenceAmong([signal('authenticity.code_check_digit_invalid', { source: 'photo' })], rules)).toEqual(['authenticity.code_check_digit_invalid']);
  });
  it('counts nothing else, and honours a rule’s minimum score', () => {
    expect(hardEvidenceAmong([signal('authenticity.gtin_not_of_brand'), signal('authenticity.code_verified')], rules)).toEqual([]);
    const strict = [{ code: 'authenticity.photo_match', minScore: 0.95 }];
    expect(hardEvidenceAmong([signal('authenticity.photo_match', {}, 0.9)], strict)).toEqual([]);
    expect(hardEvidenceAmong([signal('authenticity.photo_match', {}, 0.97)], strict)).toEqual(['authenticity.photo_match']);
  });
});
