import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import type { Signal } from '../../../core/signals.ts';
import { AUTHENTICITY_VERDICTS, hardEvidenceAmong, type AuthenticityCheckParameters } from '../../../core/authenticityCheck.ts';
import shipped from '../../policy/authenticityCheckPolicy.v2.json' with { type: 'json' };
import { evaluatePolicy, policyProblems, type PolicyRules } from '../../policy/policy.ts';
import { PolicyRulesSchema } from '../../policy/policySchema.ts';
import { codeSignals, itemCodeOf } from '../productCodes/index.ts';
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

  it('finds no hard evidence in a typo set aside, or in a code that came with a copied photo', () => {
    const { hardEvidence } = policy.parameters as unknown as AuthenticityCheckParameters;
    const brand = { key: 'brush-co', name: 'Brush Co', gtins: ['09506000134352'], serialPattern: null, codeRegistry: 'bonafide' as const };
    const hard = (signals: Signal[]) => hardEvidenceAmong(signals, hardEvidence);
    // typed with a serial the brand never issued, the label's code issued: the label's is looked up, the typo is the photo detector's case
    const item = itemCodeOf('(01)09506000134352(21)AB000007', [{ raw: '(01)09506000134352(21)AB000001', position: 0, copied: false }])!;
    const typo = [...codeSignals({ claimedCode: item.raw, source: item.source, brand, registry: 'valid', otherOrders: [] }), signal('authenticity.photo_code_mismatch', 'high', 0.8)];
    expect(evaluatePolicy(policy, typo).outcome).toBe('escalate');
    expect(hard(typo)).toEqual([]);
    const other = { checkId: 'c1', orderId: 'o1', createdAt: '2026-12-01T00:00:00Z' };
    const reused = signal('authenticity.photo_reused', 'high', 0.8);
    for (const registry of ['valid', 'revoked', 'unknown'] as const) {
      const copied = [...codeSignals({ claimedCode: item.raw, source: 'copied_photo', brand, registry, otherOrders: [other] }), reused];
      expect(evaluatePolicy(policy, copied).outcome).toBe('escalate');
      expect(hard(copied)).toEqual([]);
    }
    // the clone itself stays hard evidence
    const cloned = codeSignals({ claimedCode: item.raw, source: 'photo', brand, registry: 'valid', otherOrders: [other] });
    expect(hard(cloned)).toEqual(['authenticity.code_cloned']);
  });
});
