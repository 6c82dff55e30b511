import type { RaRecord } from 'react-admin';

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CASE_STATUSES = ['open', 'decided'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Why a subject was routed to review (a reason of the policy verdict). */
export interface CaseReason {
  code: string;
  action: string;
  severity: string;
  score: number;
  summary: string;
}

/** The decision a moderator took, once the workflow has recorded it. */
export interface CaseDecision {
  decision: string;
  moderatorId: string;
  moderatorName: string;
  note: string | null;
  at: string;
}

/** One word a moderator may decide a case with; the capability declares them. */
export interface DecisionOption {
  value: string;
  label: string;
  noteRequired: boolean;
  destructive: boolean;
}

/** A detector's finding on the subject under review. */
export interface CaseSignal {
  code: string;
  severity: string;
  score: number;
  summary: string;
  evidence: Record<string, unknown>;
  detector: { id: string; version: string };
}

export interface CaseVerdict {
  outcome: string;
  score: number;
  policy: { key: string; version: number };
  decidedAt: string;
}

export interface SellerHistory {
  id: string;
  externalId: string;
  status: string;
  bannedAt: string | null;
  createdAt: string;
  subjects: { kind: string; id: string; at: string; status: string; outcome: string | null; summary: string }[];
  /** the seller's enforcement record (absent from answers of an older API) */
  record?: {
    standing: string;
    activeStrikes: { count: number; weight: number };
    strikes: { measure: string; weight: number; subjectType: string; createdAt: string; expiresAt: string; active: boolean; withdrawnReason: string | null }[];
  };
  cases: { id: string; subjectType: string; status: string; createdAt: string; decision: string | null; note: string | null }[];
}

/** A case of any subject type, as listed by GET /admin/v1/cases. */
export interface CaseRecord extends RaRecord<string> {
  subjectType: string;
  subjectLabel: string;
  subjectId: string;
  tenantId: string;
  marketplace: string;
  sellerId: string | null;
  status: CaseStatus;
  priority: Priority;
  reasons: CaseReason[];
  signalCodes: string[];
  requiredRole: string;
  escalatedAt: string | null;
  escalationNote: string | null;
  claimedBy: { id: string; displayName: string } | null;
  claimExpiresAt: string | null;
  slaDueAt: string;
  overdue: boolean;
  slaBreaches: number;
  createdAt: string;
  decidedAt: string | null;
  decision: CaseDecision | null;
}

/** GET /admin/v1/cases/:id adds everything needed to decide. */
export interface CaseDetail extends CaseRecord {
  decisions: DecisionOption[];
  /** whether the viewer may claim, escalate and decide now, and if not why */
  work: { allowed: boolean; code: string | null; reason: string | null };
  verdict: CaseVerdict | null;
  signals: CaseSignal[];
  /** the capability's own evidence, read by its panel (see evidencePanels.ts) */
  subject: Record<string, unknown> | null;
  attachments: string[];
  seller: SellerHistory | null;
}

/** The list view seeds the show page with a list record until GET /cases/:id answers. */
export const isCaseDetail = (record: CaseRecord | CaseDetail): record is CaseDetail =>
  'decisions' in record && Array.isArray(record.decisions) && 'work' in record;

/** Body of POST /admin/v1/cases/:id/decision. */
export interface DecisionRequest {
  decision: string;
  note?: string;
}

/** 200 answer of POST /admin/v1/cases/:id/decision. */
export interface DecisionResult {
  caseId: string;
  decision: string;
  accepted: boolean;
}
