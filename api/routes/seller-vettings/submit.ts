import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Config } from '../../../core/config.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { normaliseIdentifier, type DataProtector } from '../../../core/dataProtection.ts';
import { vettingCipherContext } from '../../../core/cipherContexts.ts';
import { sellerVettingCapability, UNFINISHED_VETTING_STATUSES, type DeclaredSellerData } from '../../../core/sellerVetting.ts';
import { storeWithWorkflowStart, workflowStart, type WorkflowStarter } from '../../../core/workflowStarts.ts';
import { sellerVettingWorkflowId } from '../../../workflows/names.ts';
import type { sellerVetting } from '../../../workflows/sellerVetting.ts';
import { acceptImage } from '../../imageIntake.ts';
import { isUniqueViolation } from '../../prismaErrors.ts';
import { ApiProblem } from '../../problem.ts';
import { temporalUnavailable } from '../../temporalCalls.ts';
import { reconcileSubject, type ReconcileDependencies } from '../../../core/reconciliation.ts';
import { webhookRetrySettings } from '../../../core/webhookRetry.ts';
import type { VettingMultipartData } from './schemas.ts';

export interface SubmitDependencies {
  prisma: PrismaClient;
  protector: DataProtector;
  temporal: Client;
  config: Config;
}

export type VettingApplicant = Omit<VettingMultipartData, 'documentKind'>;

const OLDEST_PLAUSIBLE_AGE_YEARS = 130;

/** A date of birth (already a valid calendar date) must lie in the past, within a human lifetime. */
export function dateOfBirthProblem(dateOfBirth: string, now: Date): string | undefined {
  const today = now.toISOString().slice(0, 10);
  if (dateOfBirth >= today) return 'must be in the past';
  const oldest = `${now.getUTCFullYear() - OLDEST_PLAUSIBLE_AGE_YEARS}${today.slice(4)}`;
  if (dateOfBirth < oldest) return `must be at most ${OLDEST_PLAUSIBLE_AGE_YEARS} years ago`;
  return undefined;
}

/**
 * Accepts a vetting: checks the image, stores the seller's data encrypted and the identifiers'
 * keyed hashes, and the start of its workflow (nothing but ids) in one transaction, so a refused or
 * failed submission leaves nothing behind and an accepted one always gets its workflow.
 */
export async function submitVetting(
  deps: SubmitDependencies,
  starter: WorkflowStarter,
  tenantId: string,
  applicant: VettingApplicant,
  document: { kind: 'passport' | 'id_card'; bytes: Buffer; field: string },
) {
  const { prisma, protector, config } = deps;
  const where = document.field.startsWith('multipart') ? 'multipart/data' : 'body';
  if (applicant.applicantType === 'business' && !applicant.business) {
    throw new ApiProblem(400, 'validation-failed', 'Request did not match the schema', 'Business applicants need their business details', [
      { field: `${where}/business`, message: 'is required when applicantType is business' },
    ]);
  }
  const birthDateProblem = dateOfBirthProblem(applicant.dateOfBirth, new Date());
  if (birthDateProblem) {
    throw new ApiProblem(400, 'validation-failed', 'Request did not match the schema', 'The date of birth is not plausible', [{ field: `${where}/dateOfBirth`, message: birthDateProblem }]);
  }
  const image = await acceptImage(document.bytes, { maxBytes: config.DOCUMENT_MAX_BYTES, maxPixels: config.DOCUMENT_MAX_PIXELS }, document.field);
  const id = randomUUID();
  const workflowId = sellerVettingWorkflowId(id);
  const { sellerId, applicantType, ...personal } = applicant;
  const declared: DeclaredSellerData = { ...personal, documentKind: document.kind };
  const identifiers = [
    { kind: 'email' as const, value: normaliseIdentifier.email(applicant.email) },
    { kind: 'phone' as const, value: normaliseIdentifier.phone(applicant.phone) },
    { kind: 'payout_account' as const, value: normaliseIdentifier.payout_account(applicant.payoutAccountFingerprint) },
    { kind: 'device' as const, value: normaliseIdentifier.device(applicant.deviceFingerprint) },
  ];

  const start = workflowStart<typeof sellerVetting>('sellerVetting', {
    workflowId,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    args: [{ vettingId: id, tenantId, documentsTaskQueue: config.TEMPORAL_DOCUMENTS_TASK_QUEUE, caseSlaSeconds: config.CASE_SLA_SECONDS, webhook: webhookRetrySettings(config) }],
  });
  const store = () =>
    storeWithWorkflowStart(prisma, starter, start, async (tx) => {
      const seller = await tx.seller.upsert({ where: { tenantId_externalId: { tenantId, externalId: sellerId } }, create: { tenantId, externalId: sellerId }, update: {} });
      const vetting = await tx.sellerVetting.create({
        data: {
          id,
          tenantId,
          sellerId: seller.id,
          applicantType,
          country: applicant.country,
          declaredData: protector.encryptJson(declared, vettingCipherContext.declared(id)),
          workflowId,
          document: { create: { ...image, ciphertext: protector.encrypt(document.bytes, vettingCipherContext.document(id)) } },
        },
      });
      await tx.sellerIdentifier.createMany({
        data: identifiers.map(({ kind, value }) => ({ tenantId, sellerId: seller.id, kind, valueHash: protector.keyedHash(kind, value) })),
        skipDuplicates: true,
      });
      return vetting;
    });

  let row;
  try {
    row = await store();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The seller's unfinished vetting may belong to a workflow that was terminated: free it and try once more.
    if (!(await freeStuckVetting(deps, tenantId, sellerId))) throw vettingInProgress(sellerId);
    row = await store().catch((retryError: unknown) => {
      throw isUniqueViolation(retryError) ? vettingInProgress(sellerId) : retryError;
    });
  }

  return { row, sellerId };
}

/** Reconciles the seller's unfinished vetting; Temporal not answering is a 503 (retry later), not a 409. */
async function freeStuckVetting(deps: SubmitDependencies, tenantId: string, sellerId: string): Promise<boolean> {
  try {
    return await reconcileSellersUnfinishedVetting(deps, tenantId, sellerId);
  } catch (error) {
    throw temporalUnavailable(error);
  }
}

const vettingInProgress = (sellerId: string) =>
  new ApiProblem(409, 'vetting-in-progress', 'A vetting is already running for this seller', `Seller ${sellerId} has a vetting that has not finished yet.`);

/** Reconciles the seller's unfinished vetting, if any; true when it freed the seller for a new vetting. */
async function reconcileSellersUnfinishedVetting(deps: ReconcileDependencies, tenantId: string, externalSellerId: string): Promise<boolean> {
  const stuck = await deps.prisma.sellerVetting.findFirst({
    where: { tenantId, seller: { externalId: externalSellerId }, status: { in: [...UNFINISHED_VETTING_STATUSES] } },
    select: { id: true, status: true, workflowId: true, createdAt: true, updatedAt: true },
  });
  return stuck ? await reconcileSubject(deps, sellerVettingCapability, stuck) : false;
}
