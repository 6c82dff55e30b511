import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import type { Signal } from '../../../core/signals.ts';
import { AUTHENTICITY_VERDICTS } from '../../../core/authenticityCheck.ts';
import shipped from '../../policy/authenticityCheckPolicy.v2.json' with { type: 'json' };
import { evaluatePolicy, policyProblems, type PolicyRules } from '../../policy/policy.ts';
import { PolicyRulesSchema } from '../../policy/policySchema.ts';
import { photoGallerySignals } from './photoMatches.ts';
import { retakeSignal } from './retake.ts';

const policy = shipped as PolicyRules;
const detector = { id: 'test', version: '1' };
const signal = (code: string, severity: Signal['severity'], score: number): Signal => ({ code, severity, score, summary: code, evidence: {}, detector });
const blurredLabel = retakeSignal(detector, 'authenticity.photo_blurred', { position: 0, kind: 'label' }, 'blurred', 'The label photo is blurred', {});
const verified = signal('authenticity.code_verified', 'info', 0);

describe('the authenticity-check policy, version 2', () => {
  it('is usable and gives the capability’s verdicts', () => {
    expect(Value.Check(PolicyRulesSchema, shipped)).toBe(true);
    expect(policyProblems(policy)).toEqual([]);
    expect(policy.verdicts).toEqual([...AUTHENTICITY_VERDICTS]);
  });

  it('asks for a retake instead of a case, but never instead of hard evidence', () => {
    expect(evaluatePolicy(policy, [verified, blurredLabel]).outcome).toBe('retake_requested');
    expect(evaluatePolicy(policy, [signal('authenticity.code_missing', 'medium', 0.5), blurredLabel]).outcome).toBe('retake_requested');
    expect(evaluatePolicy(policy, [signal('authenticity.code_cloned', 'critical', 1), blurredLabel]).outcome).toBe('likely_counterfeit');
    expect(evaluatePolicy(policy, [verified, signal('authenticity.photo_code_check_digit_invalid', 'critical', 1)]).outcome).toBe('likely_counterfeit');
  });

  it('acts on a sure counterfeit photo match alone; an unsure one, reuse or another code go to a moderator', () => {
    const gallery = new Map([['fake', { label: 'counterfeit', brandKey: null }]]);
    const at = (certainty: 'match' | 'unsure') => photoGallerySignals([{ position: 0, kind: 'product', best: { galleryImageId: 'fake', certainty, distance: 10, listingVariant: 'full', galleryVariant: 'full' } }], gallery);
    expect(evaluatePolicy(policy, [verified, ...at('match')]).outcome).toBe('likely_counterfeit');
    expect(evaluatePolicy(policy, [verified, ...at('unsure')]).outcome).toBe('escalate');
    expect(evaluatePolicy(policy, [verified, signal('authenticity.photo_reused', 'high', 0.8)]).outcome).toBe('escalate');
    expect(evaluatePolicy(policy, [verified, signal('authenticity.photo_code_mismatch', 'high', 0.8)]).outcome).toBe('escalate');
    expect(evaluatePolicy(policy, [verified, signal('authenticity.photo_matches_official', 'info', 0), signal('authenticity.photo_code_agrees', 'info', 0)]).outcome).toBe('likely_genuine');
  });
});
