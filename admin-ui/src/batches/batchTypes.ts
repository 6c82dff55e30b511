/**
 * What the console reads of a batch of any capability and its results
 * (api/routes/admin/batches/), and how its progress is shown and followed.
 */
import type { RaRecord } from 'react-admin';

export interface RejectedLine {
  /** the line number */
  id: number;
  line: number;
  errors: { field: string; message: string }[];
}

export interface BatchCounts {
  refused: number;
  /** subjects completed, by final verdict (the capability's words) */
  verdicts: Record<string, number>;
  awaitingReview: number;
  failed: number;
  pending: number;
}

export interface BatchFailure {
  reason: string;
  detail: string | null;
  failedAt: string | null;
}

export interface BatchRecord extends RaRecord<string> {
  /** whose lines: the capability's subject type */
  subjectType: string;
  subjectLabel: string;
  tenantId: string;
  marketplace: string;
  status: string;
  total: number;
  done: number;
  failed: number;
  refused: number;
  rejectedLines: RejectedLine[];
  failure: BatchFailure | null;
  /** only on the batch's own page (GET one) */
  counts: BatchCounts | null;
  workflowId: string;
  createdAt: string;
  completedAt: string | null;
}

export interface BatchResultRecord extends RaRecord<string> {
  batchId: string;
  subjectType: string;
  line: number;
  /** the marketplace's id of what was screened (a listing, a post) */
  reference: string;
  /** whose it is at the marketplace (a seller, a creator) */
  owner: string | null;
  status: string;
  verdict: string | null;
  automatedOutcome: string | null;
  reasonCodes: string[];
  caseId: string | null;
  caseStatus: string | null;
  completedAt: string | null;
}

/** How often a running batch's page is read again. */
export const RUNNING_BATCH_REFRESH_MS = 2000;
/**
 * How often a finished batch is read again while some of its subjects are still settling: an
 * escalation's case is opened by its own workflow, a moment after the batch has moved on.
 */
export const SETTLING_BATCH_REFRESH_MS = 5000;

export interface BatchProgress {
  /** subjects settled either way (screened, or failed or refused) */
  processed: number;
  /** 0 to 100, of the whole upload */
  percent: number;
  /** of the whole upload, the part that failed (0 to 100), drawn as the bar's buffer */
  failedPercent: number;
}

export function batchProgress(batch: Pick<BatchRecord, 'total' | 'done' | 'failed'>): BatchProgress {
  const total = Math.max(0, batch.total);
  const processed = Math.min(total, Math.max(0, batch.done) + Math.max(0, batch.failed));
  if (total === 0) return { processed: 0, percent: 100, failedPercent: 0 };
  const percent = Math.round((processed / total) * 1000) / 10;
  return { processed, percent, failedPercent: Math.round((Math.min(total, Math.max(0, batch.failed)) / total) * 1000) / 10 };
}

/**
 * react-query's refetchInterval for batches: read again while any shown batch runs, then, on a
 * batch's own page, until none of its subjects is pending; never once everything is settled.
 */
export function refreshWhileRunning(...batches: (Pick<BatchRecord, 'status'> & Partial<Pick<BatchRecord, 'counts'>> | undefined)[]): number | false {
  if (batches.some((batch) => batch?.status === 'running')) return RUNNING_BATCH_REFRESH_MS;
  if (batches.some((batch) => (batch?.counts?.pending ?? 0) > 0)) return SETTLING_BATCH_REFRESH_MS;
  return false;
}

/** Lines refused at upload beyond those the API kept with their errors (it keeps the first 100). */
export const refusedNotListed = (batch: Pick<BatchRecord, 'rejectedLines' | 'counts'>): number =>
  batch.counts ? Math.max(0, batch.counts.refused - batch.rejectedLines.length) : 0;
