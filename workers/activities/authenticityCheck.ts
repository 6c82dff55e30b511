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
import { codeSignals, inferBrand, itemCodeOf, readCode, type RegistryAnswer } from '../detectors/productCodes/index.ts';
import shippedAuthenticityCheckPolicy from '../policy/authenticityCheckPolicy.v2.json' with { type: 'json' };
import type { PolicyRules } from '../policy/policy.ts';
import { recordVerdict } from '../policy/recordVerdict.ts';
import { createGalleryIndexes, type GalleryIndexes } from '../listingImages/galleryIndexes.ts';
import { examineAuthenticityPhotos, settlePendingPhotos } from './authenticityPhotos.ts';
import { unreadLabelPhotos } from './authenticityLabelText.ts';
import { labelTextSignals } from '../detectors/authenticityPhotos/index.ts';
import { brandEntryOf, brandModelsOf } from '../../core/listingScreening.ts';
import type { AuthenticityPhotoKind } from '../../core/authenticityCheck.ts';

const shippedPolicy = shippedAuthenticityCheckPolicy as PolicyRules;

/** Where a retake's window that ran out is left: in the past for every clock. */
const PHOTOS_WINDOW_CLOSED = new Date(0);

const notFound = (checkId: string) => ApplicationFailure.nonRetryable(`authenticity check ${checkId} not found`, 'AuthenticityCheckNotFound');

export interface AuthenticityCheckDependencies {
  prisma: PrismaClient;
  clock: () => Date;
  /** the marketplaces' gallery indexes (one per worker process) */
  galleries?: GalleryIndexes;
  /** photo URLs on loopback or private networks (development fixture servers only) */
  allowPrivateNetwork?: boolean;
}

export function createAuthenticityCheckActivities({ prisma, clock, galleries = createGalleryIndexes(prisma), allowPrivateNetwork = false }: AuthenticityCheckDependencies) {
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
      // the brand the check names; a check that names none takes the brand of its code's GTIN, or the one its listing claims
      const named = check.brandKey ? await prisma.brand.findUnique({ where: { tenantId_key: { tenantId: check.tenantId, key: check.brandKey } } }) : null;
      const brands = check.brandKey ? [] : await prisma.brand.findMany({ where: { tenantId: check.tenantId } });
      const listingClaimedBrand =
        !check.brandKey && check.listingId
          ? ((await prisma.listingScreening.findFirst({ where: { tenantId: check.tenantId, listingId: check.listingId, claimedBrand: { not: null } }, orderBy: { createdAt: 'desc' }, select: { claimedBrand: true } }))?.claimedBrand ?? null)
          : null;
      const brandOf = (gtin: string | null) => (named ? { brand: named, from: 'check' as const } : inferBrand(brands, { gtin, listingClaimedBrand }));
      // before the photos are read: the typed code's GTIN (whether the brand prints codes decides a retake of an unreadable one)
      const typedBrand = brandOf(readCode(check.claimedCode)?.gtin ?? null)?.brand ?? null;
      const brandPrintsCodes = typedBrand !== null && (typedBrand.gtins.length > 0 || typedBrand.codeRegistry === 'bonafide');
      const photos = await examineAuthenticityPhotos({ prisma, galleries, allowPrivateNetwork }, { ...check, brandKey: typedBrand?.key ?? null, brandGtins: typedBrand?.gtins ?? [] }, brandPrintsCodes);
      // the item's code: printed on the buyer's own photo, else typed or scanned, else only on a copied photo (itemCode.ts)
      const item = itemCodeOf(check.claimedCode, photos.codesRead.map((read) => ({ raw: read.raw, position: read.position, copied: read.copiedFrom !== null })));
      const code = item ? readCode(item.raw) : null;
      // a code that came with a copied photo: which photo, and the check it copies
      const copied = item?.source === 'copied_photo' ? photos.codesRead.find((read) => read.position === item.position && read.copiedFrom !== null) : undefined;
      // the item's code is what other checks' codes are compared with; a code only on a copied photo is not the item's
      const ownCode = item?.source === 'copied_photo' ? null : code;
      if (check.codeGtin !== (ownCode?.gtin ?? null) || check.codeSerial !== (ownCode?.serial ?? null)) {
        await prisma.authenticityCheck.update({ where: { id: checkId }, data: { codeGtin: ownCode?.gtin ?? null, codeSerial: ownCode?.serial ?? null } });
      }
      const inferred = brandOf(code?.gtin ?? null);
      const brand = inferred?.brand ?? null;
      let registry: RegistryAnswer | null = null;
      // the batch the registry records for the unit, for the label's batch to be compared with
      let registeredBatch: string | null = null;
      // the registry is asked only about the brand's own GTINs: another product's barcode proves nothing
      const brandsGtin = brand !== null && code !== null && (brand.gtins.length === 0 || brand.gtins.includes(code.gtin));
      if (brand && code?.serial && brandsGtin) {
        if (brand.codeRegistry !== 'bonafide') registry = 'not_enrolled';
        else {
          const issued = await prisma.brandCode.findUnique({ where: { tenantId_gtin_serial: { tenantId: check.tenantId, gtin: code.gtin, serial: code.serial } } });
          registry = !issued || issued.brandKey !== brand.key ? 'unknown' : issued.status === 'revoked' ? 'revoked' : 'valid';
          if (issued && issued.brandKey === brand.key) registeredBatch = issued.batch;
        }
      }
      // the same unit's code from another order: checks sent before this one (a second check of the same order is not a clone)
      const otherOrders = code?.serial
        ? await prisma.authenticityCheck.findMany({
            where: { tenantId: check.tenantId, codeGtin: code.gtin, codeSerial: code.serial, orderId: { not: check.orderId }, createdAt: { lte: check.createdAt }, id: { not: check.id } },
            orderBy: { createdAt: 'asc' },
            take: 20,
            select: { id: true, orderId: true, createdAt: true },
          })
        : [];
      // the words read on the label and packaging photos, against the brand and the code's batch (the registry's record, else the code's own)
      const labels = await prisma.authenticityCheckPhoto.findMany({ where: { checkId, replacedAt: null, ocrText: { not: null } }, orderBy: { position: 'asc' }, select: { position: true, kind: true, ocrText: true } });
      const labelSignals =
        labels.length === 0
          ? []
          : labelTextSignals({
              labels: labels.map((label) => ({ position: label.position, kind: label.kind as AuthenticityPhotoKind, text: label.ocrText ?? '' })),
              brand: brand ? brandEntryOf(brand) : null,
              brands: (brands.length > 0 ? brands : await prisma.brand.findMany({ where: { tenantId: check.tenantId } })).map(brandEntryOf),
              // a code only on a copied photo is not the item's: neither is its batch
              codeBatch: ownCode ? (registeredBatch ?? ownCode.batch) : null,
              // which model the code is, where the catalog says: only for the brand's own GTINs
              models: brand ? brandModelsOf(brand) : [],
              codeGtin: ownCode && brandsGtin ? ownCode.gtin : null,
            });
      const signals = [...photos.signals, ...labelSignals, ...codeSignals({
        claimedCode: item?.raw ?? null,
        source: item?.source ?? 'typed',
        ...(copied?.copiedFrom ? { copiedFrom: { position: copied.position, checkId: copied.copiedFrom.otherId, unsure: copied.copiedFrom.unsure } } : {}),
        brand: brand ? { key: brand.key, name: brand.name, gtins: brand.gtins, serialPattern: brand.serialPattern, codeRegistry: brand.codeRegistry === 'bonafide' ? 'bonafide' : 'none' } : null,
        brandFrom: inferred?.from ?? 'check',
        registry,
        otherOrders: otherOrders.map((other) => ({ checkId: other.id, orderId: other.orderId, createdAt: other.createdAt.toISOString() })),
      })];
      const verdict = await recordVerdict(prisma, {
        subjectType: authenticityCheckCases.subjectType,
        subjectId: checkId,
        tenantId: check.tenantId,
        policyKey: AUTHENTICITY_CHECK_POLICY_KEY,
        shippedPolicy,
        signals,
      });
      const seller = await prisma.seller.findUnique({ where: { tenantId_externalId: { tenantId: check.tenantId, externalId: check.sellerId } }, select: { id: true } });
      return { readLabelText: false as const, outcome: verdict.outcome, priority: verdict.priority, tenantId: check.tenantId, sellerId: seller?.id ?? null };
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
