/**
 * The decision model shared by every capability: automated checks emit signals, a versioned
 * policy turns signals into a verdict with reasons, and escalations become cases.
 */

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

/** JSON-serialisable evidence: what was matched, where, with which distance or confidence. */
export type Evidence = Record<string, string | number | boolean | null | string[] | number[] | Record<string, unknown> | Record<string, unknown>[]>;

export interface Signal {
  /** stable machine-readable code, e.g. `document.mrz_check_digit_failed` */
  code: string;
  severity: Severity;
  /** 0..1: how strongly the signal indicates risk (or, for `info`, the check's confidence) */
  score: number;
  /** human-readable one-liner, safe to show a moderator (no personal data) */
  summary: string;
  evidence: Evidence;
  /** which detector produced it, at which version */
  detector: { id: string; version: string };
}

/** A policy's verdict word (seller vetting: approve, reject, escalate; each policy names its own). */
export type Verdict = string;

/** What every detector module exports (see style: pure, deterministic, self-describing). */
export interface DetectorModule<Input, Thresholds> {
  id: string;
  version: string;
  description: string;
  thresholds: Thresholds;
  detect(input: Input, thresholds?: Thresholds): Signal[];
}

export const severityRank: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
