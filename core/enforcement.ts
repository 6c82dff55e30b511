/**
 * Strikes and a party's standing (DSA Art. 23, repeat infringers): every restriction whose measure
 * the enforcement policy weighs becomes a strike on the seller or creator it restricts, written
 * with its statement of reasons (core/statementWrites.ts) and counting until it expires; a party's
 * active strikes, weighed, give its standing through the same policy model as every verdict:
 * the record's signals (`record.warning_weight_reached`, `record.suspension_review_weight_reached`)
 * and the `enforcement` policy's rules turn them into `good_standing`, `warning` or
 * `suspension_review`. The weights, the expiry and the thresholds are the policy's parameters, so
 * an admin changes them by publishing a version, as for any capability.
 */
import type { Signal } from './signals.ts';

export const ENFORCEMENT_POLICY_KEY = 'enforcement';
export const STANDINGS = ['suspension_review', 'warning', 'good_standing'] as const;
export type Standing = (typeof STANDINGS)[number];

export interface EnforcementParameters {
  /** a strike counts for this many days from its decision */
  strikeExpiryDays: number;
  /** a strike's weight by the measure it comes from; a measure not listed, or weighing 0, gives none */
  strikeWeights: Record<string, number>;
  /** active weight from which a party is warned */
  warningAtWeight: number;
  /** active weight from which a moderator should review a suspension */
  suspensionReviewAtWeight: number;
}

export const DEFAULT_ENFORCEMENT_PARAMETERS: EnforcementParameters = {
  strikeExpiryDays: 90,
  // a rejected signup restricts someone who never sold: no strike
  strikeWeights: { listing_removed: 1, post_labelled: 0.5, post_removed: 1, counterfeit_confirmed: 3 },
  warningAtWeight: 2,
  suspensionReviewAtWeight: 5,
};

/** The shipped `enforcement` policy (version 1 until an admin publishes another). */
export const shippedEnforcementPolicy = {
  verdicts: [...STANDINGS],
  rules: [
    { code: 'record.suspension_review_weight_reached', action: 'suspension_review' },
    { code: 'record.warning_weight_reached', action: 'warning' },
  ],
  requireForApproval: [] as string[],
  unmatched: { info: 'ignore', low: 'ignore', medium: 'ignore', high: 'ignore', critical: 'ignore' },
  priorityBySeverity: { info: 'low', low: 'low', medium: 'normal', high: 'high', critical: 'urgent' },
  parameters: DEFAULT_ENFORCEMENT_PARAMETERS as unknown as Record<string, unknown>,
};

/** The parameters of a stored version; what it leaves out is the default. */
export function enforcementParametersOf(rules: { parameters?: Record<string, unknown> }): EnforcementParameters {
  return { ...DEFAULT_ENFORCEMENT_PARAMETERS, ...(rules.parameters as Partial<EnforcementParameters> | undefined) };
}

const RECORD_DETECTOR = { id: 'enforcement-record', version: '1' };

/** What a party's active strikes say, as signals for the `enforcement` policy. */
export function recordSignals(active: { count: number; weight: number }, parameters: EnforcementParameters): Signal[] {
  const evidence = { activeStrikes: active.count, activeWeight: active.weight };
  const signals: Signal[] = [];
  if (active.weight >= parameters.suspensionReviewAtWeight) {
    signals.push({
      code: 'record.suspension_review_weight_reached',
      severity: 'high',
      score: 1,
      summary: `${active.count} active strikes weighing ${active.weight}, at least the ${parameters.suspensionReviewAtWeight} that calls for a suspension review`,
      evidence: { ...evidence, threshold: parameters.suspensionReviewAtWeight },
      detector: RECORD_DETECTOR,
    });
  }
  if (active.weight >= parameters.warningAtWeight) {
    signals.push({
      code: 'record.warning_weight_reached',
      severity: 'medium',
      score: Math.min(1, active.weight / Math.max(parameters.suspensionReviewAtWeight, 1e-9)),
      summary: `${active.count} active strikes weighing ${active.weight}, at least the ${parameters.warningAtWeight} that calls for a warning`,
      evidence: { ...evidence, threshold: parameters.warningAtWeight },
      detector: RECORD_DETECTOR,
    });
  }
  return signals;
}
