/**
 * The buyer's photos after a check was sent, from the buyer page or the marketplace
 * (`POST /v1/authenticity-checks/:id/photos`): taken while the check's window for them is open
 * (a check sent with nothing, or one answered `retake_requested`), stored with the check, and the
 * check's workflow signalled to run it again with them.
 *
 * Reopening keeps the check's history: the round that asked for the retake keeps its verdict,
 * signals, case and completed webhook event under a subject id of its own
 * (`authenticity_check_rounds`), so the check's id is free for the new round's; a new photo of a
 * kind replaces (without deleting) the earlier photos of that kind.
 */
import { randomUUID } from 'node:crypto';
import { AUTHENTICITY_CHECK_COMPLETED_EVENT, AUTHENTICITY_PHOTO_LIMITS, authenticityCheckCases } from '../../../core/authenticityCheck.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { readCode } from '../../../workers/detectors/productCodes/index.ts';
import { buyerPhotosSignal } from '../../../workflows/authenticityCheck.ts';
import { acceptImage, decodeBase64Image } from '../../imageIntake.ts';
import { ApiProblem } from '../../problem.ts';
import { runningWorkflowSignal, type WorkflowStarter } from '../../../core/workflowStarts.ts';
import { storeWithWorkflowStart } from '../../../core/workflowStartWrites.ts';
import type { AuthenticityPhotoSubmission } from './schemas.ts';

export const photosNotAwaited = (detail: string) => new ApiProblem(409, 'photos-not-awaited', 'The check is not waiting for photos', detail);

/** Checked as at intake (type from the bytes, size, pixels, whole decode) before anything is stored. */
async function acceptedPhotos(photos: AuthenticityPhotoSubmission[], field: string) {
  const limits = { maxBytes: AUTHENTICITY_PHOTO_LIMITS.maxBytes, maxPixels: AUTHENTICITY_PHOTO_LIMITS.maxPixels };
  return await Promise.all(
    photos.map(async (photo, index) => {
      if ('url' in photo) return { kind: photo.kind, sourceUrl: photo.url, status: 'pending' };
      const bytes = decodeBase64Image(photo.imageBase64, `${field}/${index}/imageBase64`);
      const image = await acceptImage(bytes, limits, `${field}/${index}/imageBase64`);
      return { kind: photo.kind, status: 'pending', bytes: new Uint8Array(bytes), mimeType: image.mimeType, width: image.width, height: image.height, byteSize: image.byteSize };
    }),
  );
}

export interface BuyerPhotos {
  photos: AuthenticityPhotoSubmission[];
  /** the code as typed or read on the phone; replaces the one sent before */
  claimedCode?: string | undefined;
}

/**
 * Stores the photos and reopens the check, or refuses with 409 `photos-not-awaited` when its
 * window is not open (never opened, closed, or the photos of this window came already).
 */
export async function storeBuyerPhotos(
  deps: { prisma: PrismaClient; starter: WorkflowStarter },
  check: { id: string; tenantId: string },
  submission: BuyerPhotos,
): Promise<{ round: number }> {
  const { prisma, starter } = deps;
  const photos = await acceptedPhotos(submission.photos, 'body/photos');
  const code = submission.claimedCode === undefined ? undefined : readCode(submission.claimedCode);
  const now = new Date();
  // the photos and the signal that tells the waiting workflow, in one transaction (the outbox sends it)
  const stored = await storeWithWorkflowStart<{ round: number; workflowId: string } | null>(prisma, starter, (written) =>
    written ? runningWorkflowSignal('authenticityCheck', { workflowId: written.workflowId, signal: { name: buyerPhotosSignal.name, args: [{ round: written.round }] } }) : null,
  async (tx) => {
    // the row lock orders this against the workflow closing the window
    const [row] = await tx.$queryRaw<{ status: string; final_outcome: string | null; decided_by: string | null; completed_at: Date | null; seller_window_closes_at: Date | null; round: number; workflow_id: string; claimed_code: string | null }[]>`
      SELECT status, final_outcome, decided_by, completed_at, seller_window_closes_at, round, workflow_id, claimed_code FROM authenticity_checks
      WHERE id = ${check.id}::uuid AND tenant_id = ${check.tenantId}::uuid AND photos_window_closes_at > ${now}
        AND (status = 'awaiting_photos' OR (status = 'completed' AND final_outcome = 'retake_requested'))
      FOR UPDATE`;
    if (!row) return null;
    let round = row.round;
    if (row.status === 'completed') {
      // the round that asked for the retake keeps its verdict, signals, case and completed event under its own id
      const subjectId = randomUUID();
      const bySubject = { subjectType: authenticityCheckCases.subjectType, subjectId: check.id };
      await tx.verdictRecord.updateMany({ where: bySubject, data: { subjectId } });
      await tx.signalRecord.updateMany({ where: bySubject, data: { subjectId } });
      await tx.case.updateMany({ where: bySubject, data: { subjectId } });
      await tx.webhookEvent.updateMany({ where: { ...bySubject, type: AUTHENTICITY_CHECK_COMPLETED_EVENT }, data: { subjectId } });
      await tx.authenticityCheckRound.create({
        data: { checkId: check.id, tenantId: check.tenantId, round: row.round, subjectId, outcome: row.final_outcome, decidedBy: row.decided_by, completedAt: row.completed_at, sellerWindowClosesAt: row.seller_window_closes_at, reopenedAt: now },
      });
      round += 1;
    }
    const kinds = [...new Set(photos.map((photo) => photo.kind))];
    await tx.authenticityCheckPhoto.updateMany({ where: { checkId: check.id, kind: { in: kinds }, replacedAt: null }, data: { replacedAt: now } });
    const last = await tx.authenticityCheckPhoto.aggregate({ where: { checkId: check.id }, _max: { position: true } });
    const first = (last._max.position ?? -1) + 1;
    await tx.authenticityCheckPhoto.createMany({ data: photos.map((photo, index) => ({ ...photo, tenantId: check.tenantId, checkId: check.id, position: first + index })) });
    const claimedCode = submission.claimedCode ?? row.claimed_code;
    const read = code === undefined ? readCode(claimedCode) : code;
    await tx.authenticityCheck.update({
      where: { id: check.id },
      data: {
        status: 'received',
        finalOutcome: null,
        decidedBy: null,
        completedAt: null,
        photosWindowClosesAt: null,
        // the new round leaning counterfeit again gives the seller a window (and an answer) of its own
        sellerWindowClosesAt: null,
        round,
        claimedCode,
        codeGtin: read?.gtin ?? null,
        codeSerial: read?.serial ?? null,
      },
    });
    return { round, workflowId: row.workflow_id };
  });
  if (!stored) throw photosNotAwaited(`Check ${check.id} is not waiting for the buyer’s photos.`);
  return { round: stored.round };
}
