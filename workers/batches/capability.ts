/**
 * What a capability gives the batch path on the worker side (the shared workflow and activities
 * know capabilities only through this): how to screen a range of a batch's stored subjects in
 * bulk, and what the batch's completed webhook says.
 *
 * Positions: the order a capability screens a batch in, 1-based and dense, chosen when the lines
 * are stored (an upload line, or a rank by time where detection keeps state).
 */
import type { SqlRunner, SqlStatement } from '../../core/sql.ts';
import type { RangeCase } from '../activities/cases.ts';

export interface BatchRange {
  batchId: string;
  /** the last position already handled */
  afterPosition: number;
  /** the last position of this range */
  throughPosition: number;
  /**
   * The statement moving the batch row's counters by this range's subjects, for the capability
   * to run in the same transaction as the subjects it settles (a retried range then counts once).
   */
  progress: (done: number, failed: number) => SqlStatement;
  /**
   * Opens the cases of the range's escalations through `runner` (the capability's settling
   * transaction, beside their verdicts), so their review workflows only wait for the moderator;
   * gives each subject's case id. Gives none for a batch started before ranges opened cases: its
   * review workflows open their own.
   */
  openCases: (runner: SqlRunner, cases: RangeCase[]) => Promise<Map<string, string>>;
  /** the activity's heartbeat */
  heartbeat: (detail?: unknown) => void;
}

/** A subject the policy escalated: its review-only workflow, started by the batch workflow. */
export interface BatchEscalation {
  workflowId: string;
  /** merged over the batch's review settings as the review workflow's input */
  input: Record<string, unknown>;
}

export interface BatchCapability {
  /** the capability's subject type, as batches.subject_type holds it */
  subjectType: string;
  /** screens the range's subjects not settled yet, settles what the policy decides alone */
  screenRange(range: BatchRange): Promise<{ escalated: BatchEscalation[] }>;
  /** the completed webhook's counts, beside total / done / failed */
  summary(batchId: string): Promise<Record<string, unknown>>;
}
