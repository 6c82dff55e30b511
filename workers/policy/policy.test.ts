import { describe, expect, it } from 'vitest';
import type { Signal } from '../../core/signals.ts';
import { evaluatePolicy, type PolicyRules } from './policy.ts';
import defaults from './sellerVettingPolicy.v1.json' with { type: 'json' };

const policy = defaults as PolicyRules;
const signal = (code: string, severity: Signal['severity'], score: number): Signal => ({
  code,
  severity,
  score,
  summary: code,
  evidence: {},
  detector: { id: 'test', version: '1' },
});

describe('seller vetting policy v1', () => {
  it('approves when the document is verified and nothing else is said', () => {
    const verdict = evaluatePolicy(policy, [signal('document.verified', 'info', 0.95), signal('registry.verified', 'info', 1)]);
    expect(verdict).toMatchObject({ outcome: 'approve', reasons: [], score: 0 });
  });

  it('escalates when positive evidence is missing, even with no risk signal', () => {
    const verdict = evaluatePolicy(policy, []);
    expect(verdict.outcome).toBe('escalate');
    expect(verdict.reasons.map((reason) => reason.code)).toEqual(['policy.missing_document.verified']);
  });

  it('escalates a name mismatch with normal priority', () => {
    const verdict = evaluatePolicy(policy, [signal('document.verified', 'info', 0.9), signal('document.name_mismatch', 'medium', 0.6)]);
    expect(verdict).toMatchObject({ outcome: 'escalate', priority: 'normal', score: 0.6 });
  });

  it('rejects on a reject rule even when other rules escalate', () => {
    const verdict = evaluatePolicy(policy, [signal('document.expired', 'high', 1), signal('document.name_mismatch', 'medium', 0.6)]);
    expect(verdict.outcome).toBe('reject');
    expect(verdict.reasons.map((reason) => reason.action)).toEqual(['reject', 'escalate', 'escalate']);
  });

  it('applies minScore: a near-certain watchlist match rejects, a lesser strong match escalates urgently', () => {
    const certain = evaluatePolicy(policy, [signal('document.verified', 'info', 1), signal('watchlist.strong_match', 'critical', 0.99)]);
    const strong = evaluatePolicy(policy, [signal('document.verified', 'info', 1), signal('watchlist.strong_match', 'critical', 0.93)]);
    expect(certain.outcome).toBe('reject');
    expect(strong).toMatchObject({ outcome: 'escalate', priority: 'urgent' });
  });

  it('treats an unknown code by its severity', () => {
    expect(evaluatePolicy(policy, [signal('document.verified', 'info', 1), signal('new.low', 'low', 0.2)]).outcome).toBe('approve');
    expect(evaluatePolicy(policy, [signal('document.verified', 'info', 1), signal('new.high', 'high', 0.8)]).outcome).toBe('escalate');
  });

  it('gives the policy\'s own verdicts, the strongest among the reasons, and its last one when nothing acts', () => {
    const listing: PolicyRules = {
      verdicts: ['block', 'escalate', 'label', 'allow'],
      rules: [
        { code: 'listing.replica_cue', action: 'block' },
        { code: 'listing.price_anomaly', action: 'escalate' },
        { code: 'listing.disclosure', action: 'label' },
      ],
      requireForApproval: [],
      unmatched: { info: 'ignore', low: 'ignore', medium: 'label', high: 'escalate', critical: 'block' },
      priorityBySeverity: { info: 'low', low: 'low', medium: 'normal', high: 'high', critical: 'urgent' },
    };
    expect(evaluatePolicy(listing, []).outcome).toBe('allow');
    expect(evaluatePolicy(listing, [signal('listing.disclosure', 'low', 0.3)]).outcome).toBe('label');
    expect(evaluatePolicy(listing, [signal('listing.disclosure', 'low', 0.3), signal('listing.price_anomaly', 'medium', 0.6)]).outcome).toBe('escalate');
    expect(evaluatePolicy(listing, [signal('listing.price_anomaly', 'medium', 0.6), signal('listing.replica_cue', 'high', 0.9)]).outcome).toBe('block');
    expect(evaluatePolicy(listing, [signal('other.thing', 'medium', 0.5)]).outcome).toBe('label');
  });
});
