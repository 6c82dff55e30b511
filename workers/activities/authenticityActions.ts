/**
 * What an authenticity check does besides its verdict: weigh the verdict's signals against the
 * policy's hard-evidence rules, hold the seller's window to answer, and, once a counterfeit is
 * confirmed, the three actions: the refund request (the marketplace refunds once per idempotency
 * key; its webhook recorded with the counterfeit, for the dispatcher to send), the counterfeit on
 * the seller's record (fed to a running probation as one of its events), and a re-screening of the
 * order's listing. Each is safe to retry: rows are keyed by the check.
 */
import { ApplicationFailure } from '@temporalio/activity';
import {
  AUTHENTICITY_CHECK_POLICY_KEY,
  AUTHENTICITY_REFUND_REQUESTED_EVENT,
  authenticityCheckCapability,
  authenticityCheckCases,
  hardEvidenceAmong,
  refundIdempotencyKey,
  type AuthenticityCheckParameters,
} from '../../core/authenticityCheck.ts';
import type { PrismaClient } from '../../core/database.ts';
import { prismaSql } from '../../core/sql.ts';
import { issueStatements } from '../../core/statementWrites.ts';
import { recordDispatchedEvent } from '../../core/webhookEvents.ts';
import { COUNTERFEIT_CONFIRMED_EVENT, OPEN_PROBATION_STATUSES, type ProbationStatus } from '../../core/sellerProbation.ts';
import type { PolicyRules } from '../policy/policy.ts';
import { createRescreening, latestScreeningOf } from './listingRescreening.ts';

const subjectType = authenticityCheckCases.subjectType;
const notFound = (checkId: string) => ApplicationFailure.nonRetryable(`authenticity check ${checkId} not found`, 'AuthenticityCheckNotFound');

/** How the policy that gave a check's verdict weighs it. */
export interface WeighedVerdict {
  /** the codes of the verdict's signals that are hard evidence (empty: none) */
  hardEvidence: string[];
  /** the seller's window, should the check lean counterfeit without hard evidence */
  sellerResponseSeconds: number;
}

/** Where a confirmed counterfeit goes on: the seller's running probation to signal, if any. */
export interface RecordedCounterfeit {
  probationWorkflowId: string | null;
  /** the probation event's sequence number, when it is not applied yet */
  probationEventSeqs: number[];
  /** another check of the same order that acted already (its refund and record stand for the order) */
  actedForOrderBy?: string;
  /** the refund request's webhook tenant and data (`describeAuthenticityRefund`'s answer); absent when another check acted, and in results recorded before it was given here */
  refund?: AuthenticityRefund;
  /** the listing's re-screening, when asked for (`createCounterfeitRescreening`'s answer) */
  rescreening?: { screeningId: string | null };
  /** the refund request was recorded for the webhook dispatcher with the counterfeit; absent or false, the workflow sends it */
  refundDispatched?: boolean;
}

/** The `authenticity_check.refund_requested` webhook's tenant and data. */
export interface AuthenticityRefund {
  tenantId: string;
  data: Record<string, unknown>;
}

/** Ids and the idempotency key, never the buyer's note or photos. */
function refundOf(check: { id: string; tenantId: string; orderId: string; buyerId: string; sellerId: string; listingId: string | null }, decidedBy: 'policy' | 'moderator'): AuthenticityRefund {
  return {
    tenantId: check.tenantId,
    data: {
      checkId: check.id,
      orderId: check.orderId,
      buyerId: check.buyerId,
      sellerId: check.sellerId,
      listingId: check.listingId,
      idempotencyKey: refundIdempotencyKey(check.id),
      reason: decidedBy === 'policy' ? 'hard_evidence' : 'moderator_confirmed',
    },
  };
}

/**
 * A check's recorded verdict weighed against the hard-evidence rules of the policy version that
 * gave it: the `weighAuthenticityVerdict` activity's answer, also given by the screening activity
 * with a counterfeit verdict, so the workflow needs no activity of its own for it.
 */
export async function weighRecordedVerdict(prisma: PrismaClient, checkId: string): Promise<WeighedVerdict> {
  const verdict = await prisma.verdictRecord.findFirst({ where: { subjectType, subjectId: checkId } });
  if (!verdict) throw notFound(checkId);
  const policy = await prisma.policy.findUniqueOrThrow({ where: { key_version: { key: AUTHENTICITY_CHECK_POLICY_KEY, version: verdict.policyVersion } } });
  const parameters = ((policy.rules as unknown as PolicyRules).parameters ?? {}) as Partial<AuthenticityCheckParameters>;
  const signals = await prisma.signalRecord.findMany({ where: { subjectType, subjectId: checkId }, select: { code: true, score: true, evidence: true } });
  return {
    hardEvidence: hardEvidenceAmong(
      signals.map((signal) => ({ code: signal.code, score: signal.score, evidence: (signal.evidence ?? {}) as Record<string, unknown> })),
      parameters.hardEvidence ?? [],
    ),
    // a policy version written before the window existed: three days, as shipped
    sellerResponseSeconds: parameters.sellerResponseSeconds ?? 259_200,
  };
}

export function createAuthenticityActionActivities({ prisma, clock }: { prisma: PrismaClient; clock: () => Date }) {
  const findCheck = async (checkId: string) => {
    const check = await prisma.authenticityCheck.findUnique({ where: { id: checkId } });
    if (!check) throw notFound(checkId);
    return check;
  };

  return {
    /** The verdict's signals read against the hard-evidence rules of the policy version that gave it. */
    async weighAuthenticityVerdict({ checkId }: { checkId: string }): Promise<WeighedVerdict> {
      return await weighRecordedVerdict(prisma, checkId);
    },

    /** Opens the seller's window (once: a retry keeps the first deadline) and returns when it closes. */
    async openSellerResponseWindow({ checkId, seconds }: { checkId: string; seconds: number }): Promise<{ closesAt: string }> {
      const closesAt = new Date(clock().getTime() + seconds * 1000);
      await prisma.authenticityCheck.updateMany({
        where: { id: checkId, status: { in: ['received', 'screening'] }, sellerWindowClosesAt: null },
        data: { status: 'awaiting_seller_response', sellerWindowClosesAt: closesAt },
      });
      const check = await findCheck(checkId);
      return { closesAt: (check.sellerWindowClosesAt ?? closesAt).toISOString() };
    },

    /**
     * Closes the window: from here the API refuses an answer (409); the check reads `screening`
     * until its case is open (then `awaiting_review`). An answer stored before this committed is
     * the moderator's to read.
     */
    async closeSellerResponseWindow({ checkId }: { checkId: string }): Promise<{ responded: boolean }> {
      await prisma.authenticityCheck.updateMany({ where: { id: checkId, status: 'awaiting_seller_response' }, data: { status: 'screening' } });
      const { round } = await findCheck(checkId);
      return { responded: (await prisma.authenticitySellerResponse.count({ where: { checkId, round } })) > 0 };
    },

    /** The `authenticity_check.refund_requested` webhook's tenant and data: ids and the idempotency key, never the buyer's note or photos. */
    async describeAuthenticityRefund({ checkId, decidedBy }: { checkId: string; decidedBy: 'policy' | 'moderator' }): Promise<AuthenticityRefund> {
      return refundOf(await findCheck(checkId), decidedBy);
    },

    /**
     * The counterfeit on the seller's record, once per check; when the seller is on probation, also
     * one `counterfeit.confirmed` event of its probation (keyed by the check), for the workflow to
     * signal as the API signals the marketplace's events. It answers the refund request's data too
     * and, with `rescreen`, creates the listing's re-screening: the workflow's three actions' records
     * in one activity (results recorded before carry neither, and their workflows ask for each).
     */
    async recordConfirmedCounterfeit({
      checkId,
      decidedBy,
      rescreen = false,
      refundDispatchQueue,
    }: {
      checkId: string;
      decidedBy: 'policy' | 'moderator';
      rescreen?: boolean;
      /** the task queue whose webhook dispatcher sends the refund request, recorded with the counterfeit (absent: the workflow sends it, as before) */
      refundDispatchQueue?: string;
    }): Promise<RecordedCounterfeit> {
      const check = await findCheck(checkId);
      const refund = refundOf(check, decidedBy);
      const recorded = await prisma.$transaction(async (tx): Promise<RecordedCounterfeit> => {
        // One refund and one counterfeit per order, whatever number of checks the buyer sends of it
        // (a re-scan of the same item): the first check that acted stands for the order. The lock
        // orders two checks of one order deciding at once.
        await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended(${`${check.tenantId}/${check.orderId}`}, 0))`;
        const earlier = await tx.sellerCounterfeit.findFirst({ where: { tenantId: check.tenantId, orderId: check.orderId, checkId: { not: checkId } }, select: { checkId: true } });
        if (earlier) return { probationWorkflowId: null, probationEventSeqs: [], actedForOrderBy: earlier.checkId };
        await tx.sellerCounterfeit.createMany({
          data: [{ tenantId: check.tenantId, sellerId: check.sellerId, checkId, orderId: check.orderId, listingId: check.listingId, decidedBy, confirmedAt: clock() }],
          skipDuplicates: true,
        });
        // the seller's statement of reasons commits with the counterfeit
        await issueStatements(prismaSql(tx), authenticityCheckCapability, [{ id: checkId, outcome: 'likely_counterfeit', decidedBy }], clock());
        // The refund request commits with the counterfeit: one event per check (a retry finds it),
        // its deliveries retried by the dispatcher with the same webhook id and idempotency key.
        const refundDispatched = refundDispatchQueue !== undefined;
        if (refundDispatched) {
          await recordDispatchedEvent(prismaSql(tx), { subjectType, subjectId: checkId, eventType: AUTHENTICITY_REFUND_REQUESTED_EVENT, tenantId: refund.tenantId, data: refund.data, taskQueue: refundDispatchQueue });
        }
        const probation = await tx.sellerProbation.findFirst({ where: { tenantId: check.tenantId, seller: { tenantId: check.tenantId, externalId: check.sellerId } } });
        if (!probation || !OPEN_PROBATION_STATUSES.includes(probation.status as ProbationStatus)) return { probationWorkflowId: null, probationEventSeqs: [], refundDispatched };
        const eventId = `authenticity-check:${checkId}`;
        await tx.sellerProbationEvent.createMany({
          data: [{ probationId: probation.id, eventId, type: COUNTERFEIT_CONFIRMED_EVENT, orderId: check.orderId, occurredAt: clock(), facts: { checkId, decidedBy } }],
          skipDuplicates: true,
        });
        const event = await tx.sellerProbationEvent.findFirstOrThrow({ where: { probationId: probation.id, eventId }, select: { seq: true, appliedAt: true } });
        return { probationWorkflowId: probation.workflowId, probationEventSeqs: event.appliedAt === null ? [Number(event.seq)] : [], refundDispatched };
      });
      if (recorded.actedForOrderBy) return recorded;
      return { ...recorded, refund, ...(rescreen ? { rescreening: await counterfeitRescreening(check) } : {}) };
    },

    /**
     * The order's listing screened again from its latest screening, once per check (the new
     * screening's id is kept on the check). Nothing when the check names no listing, the
     * marketplace never screened it, or its latest screening blocked it already.
     */
    async createCounterfeitRescreening({ checkId }: { checkId: string }): Promise<{ screeningId: string | null }> {
      return await counterfeitRescreening(await findCheck(checkId));
    },
  };

  async function counterfeitRescreening(check: { id: string; tenantId: string; listingId: string | null; listingRescreeningId: string | null }): Promise<{ screeningId: string | null }> {
    const checkId = check.id;
    if (check.listingRescreeningId) return { screeningId: check.listingRescreeningId };
    if (!check.listingId) return { screeningId: null };
    const latest = await latestScreeningOf(prisma, check.tenantId, check.listingId);
    if (!latest || latest.finalVerdict === 'block') return { screeningId: null };
    return await prisma.$transaction(async (tx) => {
      // the row lock makes two attempts racing here create one screening
      await tx.$queryRaw`SELECT id FROM authenticity_checks WHERE id = ${checkId}::uuid FOR UPDATE`;
      const again = await tx.authenticityCheck.findUniqueOrThrow({ where: { id: checkId }, select: { listingRescreeningId: true } });
      if (again.listingRescreeningId) return { screeningId: again.listingRescreeningId };
      const screeningId = await createRescreening(tx, latest, { trigger: 'counterfeit_confirmed' });
      await tx.authenticityCheck.update({ where: { id: checkId }, data: { listingRescreeningId: screeningId } });
      return { screeningId };
    });
  }
}

export type AuthenticityActionActivities = ReturnType<typeof createAuthenticityActionActivities>;
