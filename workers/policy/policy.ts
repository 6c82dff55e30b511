/**
 * Turns signals into a verdict by rules that are data (a versioned row in `policies`), so
 * thresholds change without a deploy and every verdict names the version that produced it.
 *
 * A rule matches signals by code (and optionally a minimum score) and says what they cause:
 * `reject`, `escalate` or `ignore`. Reject beats escalate beats approve. A policy can require
 * positive evidence (`requireForApproval`): without those codes the verdict escalates instead of
 * approving, so a check that silently produced nothing never approves anyone.
 */
import type { Severity, Signal, Verdict } from '../../core/signals.ts';
import { severityRank } from '../../core/signals.ts';

export type CasePriorityName = 'low' | 'normal' | 'high' | 'urgent';

export interface PolicyRule {
  code: string;
  action: 'reject' | 'escalate' | 'ignore';
  /** the rule applies only to signals scoring at least this */
  minScore?: number;
}

export interface PolicyRules {
  rules: PolicyRule[];
  /** codes that must be present for an automatic approval */
  requireForApproval: string[];
  /** what a signal matched by no rule causes, by severity */
  unmatched: Record<Severity, 'reject' | 'escalate' | 'ignore'>;
  /** case priority by the highest severity among the reasons */
  priorityBySeverity: Record<Severity, CasePriorityName>;
}

export interface PolicyReason {
  code: string;
  action: 'reject' | 'escalate';
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

function actionFor(signal: Signal, policy: PolicyRules): 'reject' | 'escalate' | 'ignore' {
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
      reasons.push({ code: `policy.missing_${required}`, action: 'escalate', severity: 'medium', score: 0.5, summary: `No ${required} signal: automatic approval needs it` });
    }
  }
  const outcome: Verdict = reasons.some((reason) => reason.action === 'reject') ? 'reject' : reasons.length > 0 ? 'escalate' : 'approve';
  const risky = signals.filter((signal) => signal.severity !== 'info');
  const score = Math.max(0, ...risky.map((signal) => signal.score), ...reasons.map((reason) => reason.score));
  const worst = reasons.reduce<Severity>((max, reason) => (severityRank[reason.severity] > severityRank[max] ? reason.severity : max), 'info');
  return { outcome, score: Math.round(score * 1000) / 1000, reasons, priority: policy.priorityBySeverity[worst] };
}
