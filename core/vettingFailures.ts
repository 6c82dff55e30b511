/**
 * A vetting that cannot finish ends as `failed`, with a stable reason code, so the seller's
 * unique "one unfinished vetting" slot is freed and the seller can be vetted again. Written by the
 * workflow itself when it fails (the `failVetting` activity) and by the API when it finds a
 * vetting whose workflow closed without finishing it (terminated, timed out, gone).
 */
import type { PrismaClient } from './database.ts';

/** The statuses the partial unique index `seller_vettings_one_active_per_seller` covers. */
export const UNFINISHED_VETTING_STATUSES = ['received', 'screening', 'awaiting_review'] as const;

export const VETTING_FAILURE_REASONS = [
  /** an activity failed for good, or the workflow code failed */
  'workflow_failed',
  /** someone terminated the workflow (it could not record this itself) */
  'workflow_terminated',
  'workflow_cancelled',
  /** the workflow's execution timeout passed */
  'workflow_timed_out',
  /** the workflow closed as completed, yet the vetting was never finished */
  'workflow_closed',
  /** Temporal does not know the workflow (never started, or its history was deleted) */
  'workflow_not_found',
  /** the API could not start the workflow (the submission answered 503) */
  'workflow_start_failed',
] as const;
export type VettingFailureReason = (typeof VETTING_FAILURE_REASONS)[number];

/** Longest failure detail kept: enough for an operator, never a whole stack trace. */
const MAX_DETAIL_LENGTH = 500;

/**
 * Marks the vetting failed if it is still unfinished; true when this call changed it (so only
 * one caller notifies the marketplace). A finished vetting is never overwritten.
 */
export async function markVettingFailed(
  prisma: PrismaClient,
  input: { vettingId: string; reason: VettingFailureReason; detail: string; at: Date },
): Promise<boolean> {
  const changed = await prisma.sellerVetting.updateMany({
    where: { id: input.vettingId, status: { in: [...UNFINISHED_VETTING_STATUSES] } },
    data: { status: 'failed', failureReason: input.reason, failureDetail: input.detail.slice(0, MAX_DETAIL_LENGTH), failedAt: input.at },
  });
  return changed.count > 0;
}
