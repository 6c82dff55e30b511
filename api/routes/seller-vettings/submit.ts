import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Client } from '@temporalio/client';
import type { Config } from '../../../core/config.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { normaliseIdentifier, type DataProtector } from '../../../core/dataProtection.ts';
import { vettingCipherContext } from '../../../core/cipherContexts.ts';
import { sellerVettingCapability, UNFINISHED_VETTING_STATUSES, type DeclaredSellerData } from '../../../core/sellerVetting.ts';
import { sql } from '../../../core/sql.ts';
import { workflowStart, type WorkflowStarter } from '../../../core/workflowStarts.ts';
import { storeRowsWithWorkflowStart } from '../../../core/workflowStartWrites.ts';
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
  /** a vetting's rows and start are one statement on the pool */
  pool: Pick<pg.Pool, 'query'>;
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
  const { protector, config } = deps;
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
  // the seller (created on its first vetting), the vetting, its document and the identifiers'
  // hashes, and the start: one statement, one round trip
  const store = async () => {
    const { written } = await storeRowsWithWorkflowStart<{ status: string; created_at: Date }>(
      deps.pool,
      starter,
      start,
      [
        // a no-op update, so the seller's id is returned whether it is new or not
        sql(
          `INSERT INTO sellers (id, tenant_id, external_id, updated_at) VALUES (gen_random_uuid(), $1::uuid, $2, CURRENT_TIMESTAMP)
           ON CONFLICT (tenant_id, external_id) DO UPDATE SET external_id = EXCLUDED.external_id RETURNING id`,
          [tenantId, sellerId],
        ),
        sql(
          `INSERT INTO seller_vettings (id, tenant_id, seller_id, applicant_type, country, declared_data, workflow_id, updated_at)
           SELECT $1::uuid, $2::uuid, seller.id, $3, $4, $5, $6, CURRENT_TIMESTAMP FROM write_0 AS seller
           RETURNING status, created_at`,
          [id, tenantId, applicantType, applicant.country, protector.encryptJson(declared, vettingCipherContext.declared(id)), workflowId],
        ),
        sql(
          `INSERT INTO vetting_documents (id, vetting_id, mime_type, width, height, byte_size, ciphertext) VALUES (gen_random_uuid(), $1::uuid, $2, $3, $4, $5, $6)`,
          [id, image.mimeType, image.width, image.height, image.byteSize, protector.encrypt(document.bytes, vettingCipherContext.document(id))],
        ),
        sql(
          `INSERT INTO seller_identifiers (id, tenant_id, seller_id, kind, value_hash)
           SELECT gen_random_uuid(), $1::uuid, seller.id, identifier.kind::identifier_kind, identifier.value_hash
           FROM write_0 AS seller, unnest($2::text[], $3::text[]) AS identifier(kind, value_hash)
           ON CONFLICT (seller_id, kind, value_hash) DO NOTHING`,
          [tenantId, identifiers.map(({ kind }) => kind), identifiers.map(({ kind, value }) => protector.keyedHash(kind, value))],
        ),
      ],
      { returning: '(SELECT status::text FROM write_1) AS status, (SELECT created_at FROM write_1) AS created_at' },
    );
    return { id, status: written.status, createdAt: written.created_at };
  };

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
