/**
 * Authenticity checks' activities: read the check, examine its photos (authenticityPhotos.ts),
 * look the item's code up (printed on the buyer's own photo, else typed: productCodes/itemCode.ts)
 * in the brand (named by the check, else inferred from the code's GTIN or the listing), the
 * brand's registry and other orders' checks with the same code, run the code detectors, record
 * the policy's verdict; then mark it awaiting review, or complete it and describe it for the
 * webhook.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { AUTHENTICITY_CHECK_POLICY_KEY, AUTHENTICITY_REOPEN_LIMITS, authenticityCheckCases, authenticityCheckEvent, type AuthenticityOutcome } from '../../core/authenticityCheck.ts';
import type { PrismaClient } from '../../core/database.ts';
import { readCode } from '../detectors/productCodes/index.ts';
import { recordVerdict } from '../policy/recordVerdict.ts';
import { createGalleryIndexes, type GalleryIndexes } from '../listingImages/galleryIndexes.ts';
import type { ComparePhotographs } from '../listingImages/imageThreads.ts';
import { weighRecordedVerdict } from './authenticityActions.ts';
import { examineAuthenticityPhotos, settlePendingPhotos } from './authenticityPhotos.ts';
import { unreadLabelPhotos } from './authenticityLabelText.ts';
import { brandOf, itemOfCheck, lockUnitCode, readCheckFacts, SHIPPED_AUTHENTICITY_POLICY, signalsOfCheck } from './authenticityCheckSignals.ts';
import { inPgTransaction, pgSql } from '../../core/sql.ts';
import type pg from 'pg';

const shippedPolicy = SHIPPED_AUTHENTICITY_POLICY;

/** Where a retake's window that ran out is left: in the past for every clock. */
const PHOTOS_WINDOW_CLOSED = new Date(0);

const notFound = (checkId: string) => ApplicationFailure.nonRetryable(`authenticity check ${checkId} not found`, 'AuthenticityCheckNotFound');

export interface AuthenticityCheckDependencies {
  prisma: PrismaClient;
  /** the pg pool under `prisma` (the code's reads, as at intake) */
  pool: pg.Pool;
  clock: () => Date;
  /** the marketplaces' gallery indexes (one per worker process) */
  galleries?: GalleryIndexes;
  /** photo URLs on loopback or private networks (development fixture servers only) */
  allowPrivateNetwork?: boolean;
  /** two photos compared aligned (image threads in a worker; this thread by default) */
  comparePhotographs?: ComparePhotographs;
}

export function createAuthenticityCheckActivities({ prisma, pool, clock, galleries = createGalleryIndexes(prisma), allowPrivateNetwork = false, comparePhotographs }: AuthenticityCheckDependencies) {
  return {
    /**
     * Detection and the policy's verdict in one activity (a retry finds the verdict recorded).
     * With `readLabelTextFirst`, the photos are settled first and, when label or packaging photos
     * are still to be read, it answers `readLabelText` without a verdict: the workflow has them
     * read on the heavy queue (authenticityLabelText.ts) and asks again.
     */
    async screenAuthenticityCheck({ checkId, readLabelTextFirst = false }: { checkId: string; readLabelTextFirst?: boolean }) {
      const check = await prisma.authenticityCheck.findUnique({ where: { id: checkId } });
      if (!check) throw notFound(checkId);
      await prisma.authenticityCheck.updateMany({ where: { id: checkId, status: 'received' }, data: { status: 'screening' } });
      if (readLabelTextFirst) {
        await settlePendingPhotos({ prisma, allowPrivateNetwork }, checkId);
        if ((await prisma.authenticityCheckPhoto.count({ where: unreadLabelPhotos(checkId) })) > 0) return { readLabelText: true as const };
      }
      // before the photos are read: the typed code's GTIN (whether the brand prints codes decides a retake of an unreadable one)
      const typedGtin = readCode(check.claimedCode)?.gtin ?? null;
      const typedBrand = brandOf(await readCheckFacts(pgSql(pool), check, null), typedGtin)?.brand ?? null;
      const brandPrintsCodes = typedBrand !== null && (typedBrand.gtins.length > 0 || typedBrand.codeRegistry === 'bonafide');
      const photos = await examineAuthenticityPhotos({ prisma, galleries, allowPrivateNetwork, ...(comparePhotographs ? { comparePhotographs } : {}) }, { ...check, brandKey: typedBrand?.key ?? null, brandGtins: typedBrand?.gtins ?? [] }, brandPrintsCodes);
      // the code's reads and its record on the check under the unit's lock, as at intake
      const { unit } = itemOfCheck(check, photos);
      const signals = await inPgTransaction(pool, async (runner) => {
        if (unit) await lockUnitCode(runner, unit);
        return await signalsOfCheck(runner, check, photos);
      });
      const verdict = await recordVerdict(prisma, {
        subjectType: authenticityCheckCases.subjectType,
        subjectId: checkId,
        tenantId: check.tenantId,
        policyKey: AUTHENTICITY_CHECK_POLICY_KEY,
        shippedPolicy,
        signals,
      });
      const seller = await prisma.seller.findUnique({ where: { tenantId_externalId: { tenantId: check.tenantId, externalId: check.sellerId } }, select: { id: true } });
      // a counterfeit verdict comes weighed (`weighAuthenticityVerdict`'s answer): the workflow's next question
      const weighed = verdict.outcome === 'likely_counterfeit' ? await weighRecordedVerdict(prisma, checkId) : undefined;
      return { readLabelText: false as const, outcome: verdict.outcome, priority: verdict.priority, tenantId: check.tenantId, sellerId: seller?.id ?? null, ...(weighed ? { weighed } : {}) };
    },

    /**
     * Opens the window in which the buyer's photos are taken, when the check waits for them: sent
     * with neither photos nor a code (it reads `awaiting_photos`), or completed `retake_requested`
     * with rounds left. Answers when it closes (the same on a retry), or null: nothing to wait for.
     */
    async openBuyerPhotosWindow({ checkId, seconds }: { checkId: string; seconds: number }): Promise<{ closesAt: string | null }> {
      const check = await prisma.authenticityCheck.findUnique({ where: { id: checkId }, select: { status: true, finalOutcome: true, claimedCode: true, round: true, photosWindowClosesAt: true, _count: { select: { photos: true } } } });
      if (!check) throw notFound(checkId);
      // a retry finds the window it opened; one closed for good stays closed
      if (check.photosWindowClosesAt) return { closesAt: check.photosWindowClosesAt > PHOTOS_WINDOW_CLOSED ? check.photosWindowClosesAt.toISOString() : null };
      const closesAt = new Date(clock().getTime() + seconds * 1000);
      const empty = check.status === 'received' && check._count.photos === 0 && check.claimedCode === null;
      const retake = check.status === 'completed' && check.finalOutcome === 'retake_requested' && check.round < AUTHENTICITY_REOPEN_LIMITS.roundsMax;
      if (!empty && !retake) return { closesAt: null };
      const opened = await prisma.authenticityCheck.updateMany({
        where: { id: checkId, status: check.status, photosWindowClosesAt: null, round: check.round },
        data: { photosWindowClosesAt: closesAt, ...(empty ? { status: 'awaiting_photos' } : {}) },
      });
      if (opened.count === 0) return { closesAt: null };
      return { closesAt: closesAt.toISOString() };
    },

    /**
     * Closes it: from here the API refuses photos (409). Photos came when the API reopened the
     * check first (it is `received` again). A check sent with nothing goes on to be screened
     * either way, with what it has.
     */
    async closeBuyerPhotosWindow({ checkId }: { checkId: string }): Promise<{ photosCame: boolean }> {
      await prisma.authenticityCheck.updateMany({ where: { id: checkId, status: 'awaiting_photos' }, data: { status: 'received', photosWindowClosesAt: null } });
      // closed for good: a time long past, so the API refuses photos whatever its clock, and the buyer page says the time is up
      await prisma.authenticityCheck.updateMany({ where: { id: checkId, status: 'completed', photosWindowClosesAt: { not: null } }, data: { photosWindowClosesAt: PHOTOS_WINDOW_CLOSED } });
      const check = await prisma.authenticityCheck.findUnique({ where: { id: checkId }, select: { status: true } });
      if (!check) throw notFound(checkId);
      return { photosCame: check.status !== 'completed' && check.status !== 'failed' };
    },

    async markAuthenticityCheckAwaitingReview({ checkId }: { checkId: string }): Promise<void> {
      await prisma.authenticityCheck.updateMany({ where: { id: checkId, status: { in: ['received', 'screening'] } }, data: { status: 'awaiting_review' } });
    },

    /** Stores the final outcome and returns the completed webhook's tenant and data. */
    async completeAuthenticityCheck({ checkId, outcome, decidedBy }: { checkId: string; outcome: AuthenticityOutcome; decidedBy: 'policy' | 'moderator' }) {
      await prisma.authenticityCheck.updateMany({ where: { id: checkId, status: { notIn: ['completed', 'failed'] } }, data: { status: 'completed', finalOutcome: outcome, decidedBy, completedAt: clock() } });
      return await authenticityCheckEvent(prisma, checkId);
    },
  };
}

export type AuthenticityCheckActivities = ReturnType<typeof createAuthenticityCheckActivities>;
