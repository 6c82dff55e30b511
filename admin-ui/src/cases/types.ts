import type { RaRecord } from 'react-admin';

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CASE_STATUSES = ['open', 'decided'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export type DecisionOutcome = 'approve' | 'reject';

/** Why a vetting was routed to review (a reason of the policy verdict). */
export interface CaseReason {
  code: string;
  action: 'reject' | 'escalate';
  severity: string;
  score: number;
  summary: string;
}

export interface CaseDecision {
  outcome: DecisionOutcome;
  moderatorId: string;
  note: string | null;
}

/** A detector's finding on the vetting under review. */
export interface VettingSignal {
  code: string;
  severity: string;
  score: number;
  summary: string;
  evidence: Record<string, unknown>;
  detector: { id: string; version: string };
}

export interface VettingVerdict {
  outcome: string;
  score: number;
  reasons: CaseReason[];
  policy: { key: string; version: number };
  decidedAt: string;
}

/** The seller vetting a case is about (no personal data). */
export interface VettingSubject {
  id: string;
  sellerId: string;
  status: string;
  outcome: DecisionOutcome | null;
  verdict: VettingVerdict | null;
  signals: VettingSignal[];
  createdAt: string;
  completedAt: string | null;
}

/** A case of the review queue, as listed by GET /admin/v1/cases. */
export interface CaseRecord extends RaRecord<string> {
  subjectType: string;
  subjectId: string;
  status: CaseStatus;
  priority: Priority;
  reasons: CaseReason[];
  slaDueAt: string;
  slaBreaches: number;
  createdAt: string;
  decidedAt: string | null;
  decision: CaseDecision | null;
  /** Only on GET /admin/v1/cases/:id. */
  subject?: VettingSubject | null;
}

/** Body of POST /admin/v1/cases/:id/decision. */
export interface DecisionRequest {
  outcome: DecisionOutcome;
  note?: string;
}

/** 200 answer of POST /admin/v1/cases/:id/decision. */
export interface DecisionResult {
  caseId: string;
  outcome: DecisionOutcome;
  accepted: boolean;
}
