/**
 * Turns signals into a verdict by rules that are data (a versioned row in `policies`), so
 * thresholds change without a deploy and every verdict names the version that produced it.
 *
 * A policy names the verdicts it gives, strongest first (`verdicts`; by default reject, escalate,
 * approve): seller vetting approves or rejects, a listing is allowed or blocked, a post is clean
 * or labelled. A rule matches signals by code (and optionally a minimum score) and says which
 * verdict they cause, or `ignore`; the strongest verdict among the reasons wins, and the last
 * verdict is given when nothing acts. `escalate` is the verdict that opens a case. A policy can
 * require positive evidence (`requireForApproval`): without those codes the verdict escalates
 * instead of passing, so a check that silently produced nothing never approves anyone.
 *
 * A capability's own numbers (durations, rates, detector thresholds) ride in `parameters`, whose
 * shape the capability declares (the console's admin API checks a new version against it).
 */
import type { Severity, Signal, Verdict } from '../../core/signals.ts';
import { severityRank } from '../../core/signals.ts';

export type CasePriorityName = 'low' | 'normal' | 'high' | 'urgent';

/** A verdict the policy gives (one of its `verdicts`), or `ignore`. */
export type PolicyAction = string;

/** The verdicts of a policy that names none: seller vetting's. */
export const DEFAULT_VERDICTS: readonly string[] = ['reject', 'escalate', 'approve'];
/** The verdict that opens a case for a moderator. */
export const ESCALATE = 'escalate';

export interface PolicyRule {
  code: string;
  action: PolicyAction;
  /** the rule applies only to signals scoring at least this */
  minScore?: number;
}

export interface PolicyRules {
  /** the verdicts this policy gives, strongest first; the last one is given when nothing acts */
  verdicts?: string[];
  rules: PolicyRule[];
  /** codes that must be present for an automatic approval */
  requireForApproval: string[];
  /** what a signal matched by no rule causes, by severity */
  unmatched: Record<Severity, PolicyAction>;
  /** case priority by the highest severity among the reasons */
  priorityBySeverity: Record<Severity, CasePriorityName>;
  /** the capability's own numbers (limits, durations, thresholds), in the shape it declares */
  parameters?: Record<string, unknown>;
}

export interface PolicyReason {
  code: string;
  action: PolicyAction;
  severity: Severity;
  score: number;
  summary: string;
}

export interface PolicyVerdict {
  outcome: Verdict;
  /** overall risk 0..1: the strongest non-informational signal */
  score: number;
  reasons: PolicyReason[];
  priority: CasePriorityName;
}

export const verdictsOf = (policy: PolicyRules): readonly string[] => policy.verdicts ?? DEFAULT_VERDICTS;

/**
 * What makes rules that pass the schema still unusable: an action that is not one of the policy's
 * verdicts, a repeated verdict, or required evidence in a policy that cannot escalate.
 */
export function policyProblems(policy: PolicyRules): string[] {
  const verdicts = verdictsOf(policy);
  const problems: string[] = [];
  if (new Set(verdicts).size !== verdicts.length) problems.push('verdicts: each verdict may appear once');
  const actions = new Set([...verdicts.slice(0, -1), 'ignore']);
  const known = [...actions].join(', ');
  policy.rules.forEach((rule, index) => {
    if (!actions.has(rule.action)) problems.push(`rules/${index}/action: ${rule.action} is not one of ${known}`);
  });
  for (const [severity, action] of Object.entries(policy.unmatched)) {
    if (!actions.has(action)) problems.push(`unmatched/${severity}: ${action} is not one of ${known}`);
  }
  if (policy.requireForApproval.length > 0 && !verdicts.includes(ESCALATE)) problems.push(`requireForApproval: needs the ${ESCALATE} verdict`);
  return problems;
}

function actionFor(signal: Signal, policy: PolicyRules): PolicyAction {
  const rule = policy.rules.find((candidate) => candidate.code === signal.code && signal.score >= (candidate.minScore ?? 0));
  if (rule) return rule.action;
  return signal.severity === 'info' ? 'ignore' : policy.unmatched[signal.severity];
}

export function evaluatePolicy(policy: PolicyRules, signals: Signal[]): PolicyVerdict {
  const reasons: PolicyReason[] = [];
  for (const signal of signals) {
    const action = actionFor(signal, policy);
    if (action !== 'ignore') reasons.push({ code: signal.code, action, severity: signal.severity, score: signal.score, summary: signal.summary });
  }
  const present = new Set(signals.map((signal) => signal.code));
  for (const required of policy.requireForApproval) {
    if (!present.has(required)) {
      reasons.push({ code: `policy.missing_${required}`, action: ESCALATE, severity: 'medium', score: 0.5, summary: `No ${required} signal: automatic approval needs it` });
    }
  }
  const verdicts = verdictsOf(policy);
  const rank = (action: string) => (verdicts.includes(action) ? verdicts.indexOf(action) : verdicts.length);
  const strongest = reasons.reduce<number>((best, reason) => Math.min(best, rank(reason.action)), verdicts.length - 1);
  const outcome: Verdict = verdicts[strongest]!;
  const risky = signals.filter((signal) => signal.severity !== 'info');
  const score = Math.max(0, ...risky.map((signal) => signal.score), ...reasons.map((reason) => reason.score));
  const worst = reasons.reduce<Severity>((max, reason) => (severityRank[reason.severity] > severityRank[max] ? reason.severity : max), 'info');
  return { outcome, score: Math.round(score * 1000) / 1000, reasons, priority: policy.priorityBySeverity[worst] };
}
