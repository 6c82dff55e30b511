/**
 * Seller-probation activities: the database side of the probation workflow. The order book lives
 * in PostgreSQL (the API reads it); the workflow holds only the probation's status, its policy
 * numbers and a few counters, and learns the rest from what these return. Each activity is safe
 * to retry: events are marked applied in the transaction that folds them, changes are keyed by
 * their sequence number within the probation.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { PrismaClient } from '../../core/database.ts';
import {
  COUNTERFEIT_CONFIRMED_EVENT,
  SELLER_PROBATION_POLICY_KEY,
  applyEvent,
  assessOrderBook,
  emptyOrder,
  sellerProbationCases,
  type ProbationEventType,
  type ProbationMetrics,
  type ProbationOrder,
  type ProbationParameters,
  type ProbationStatus,
  type ReviewedBaseline,
} from '../../core/sellerProbation.ts';
import type { Signal } from '../../core/signals.ts';
import { presentVerdicts, type VerdictView } from '../../core/verdictView.ts';
import { iso, orderFromRow, probationPolicy, enrolProbation } from './sellerProbationStore.ts';
import type { Prisma } from '../../prisma/generated/client.ts';
import { evaluatePolicy, type PolicyRules } from '../policy/policy.ts';

type Transaction = Prisma.TransactionClient;

/** Everything the workflow starts from: the row's status, term and policy numbers. */
export interface ProbationSnapshot {
  tenantId: string;
  sellerId: string;
  status: ProbationStatus;
  policyVersion: number;
  parameters: ProbationParameters;
  startedAt: number;
  endsAt: number;
  extensions: number;
  strikes: number;
  changeSeq: number;
  baseline: ReviewedBaseline;
}

export interface ProbationAssessment {
  applied: number;
  metrics: ProbationMetrics;
  nextDeadline: number | null;
  held: string[];
  released: string[];
}

export interface ProbationChangeInput {
  probationId: string;
  seq: number;
  kind: string;
  from: ProbationStatus;
  to: ProbationStatus;
  reasons: string[];
  orderId?: string;
  metrics: ProbationMetrics;
  policyVersion: number;
  at: number;
  /** the probation row after the change */
  row: { endsAt: number; extensions: number; strikes: number; baseline: ReviewedBaseline; ended: boolean };
  /** the restriction whose case this change carries out (a moderator's decision) */
  resolves?: string;
}

const probationNotFound = (probationId: string) => ApplicationFailure.nonRetryable(`seller probation ${probationId} not found`, 'ProbationNotFound');
interface EventRow {
  seq: bigint;
  orderId: string;
  type: string;
  occurredAt: Date;
  facts: Prisma.JsonValue;
}

function eventOf(row: EventRow) {
  const facts = (row.facts ?? {}) as { amount?: number; currency?: string; rating?: number };
  return {
    type: row.type as ProbationEventType,
    orderId: row.orderId,
    occurredAt: row.occurredAt.getTime(),
    amountCents: facts.amount === undefined ? undefined : Math.round(facts.amount * 100),
    currency: facts.currency,
    rating: facts.rating,
  };
}

/** One statement for any number of orders: a batch of 1,000 events must not be 1,000 round trips. */
async function writeOrders(tx: Transaction, probationId: string, orders: ProbationOrder[]): Promise<void> {
  if (orders.length === 0) return;
  const rows = orders.map((order) => ({
    order_id: order.orderId,
    placed_at: iso(order.placedAt),
    amount: order.amountCents === null ? null : order.amountCents / 100,
    currency: order.currency,
    shipped_at: iso(order.shippedAt),
    delivered_at: iso(order.deliveredAt),
    cancelled_at: iso(order.cancelledAt),
    refunded_amount: order.refundedCents / 100,
    refunds: order.refunds,
    rating: order.rating,
    reviewed_at: iso(order.reviewedAt),
    late_at: iso(order.lateAt),
    over_cap: order.overCap,
  }));
  await tx.$executeRaw`
    INSERT INTO seller_probation_orders (probation_id, order_id, placed_at, amount, currency, shipped_at, delivered_at, cancelled_at, refunded_amount, refunds, rating, reviewed_at, late_at, over_cap, updated_at)
    SELECT ${probationId}::uuid, r.order_id, r.placed_at, r.amount, r.currency, r.shipped_at, r.delivered_at, r.cancelled_at, r.refunded_amount, r.refunds, r.rating, r.reviewed_at, r.late_at, r.over_cap, now()
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(order_id text, placed_at timestamp(3), amount numeric, currency text, shipped_at timestamp(3), delivered_at timestamp(3),
      cancelled_at timestamp(3), refunded_amount numeric, refunds integer, rating integer, reviewed_at timestamp(3), late_at timestamp(3), over_cap boolean)
    ON CONFLICT (probation_id, order_id) DO UPDATE SET placed_at = EXCLUDED.placed_at, amount = EXCLUDED.amount, currency = EXCLUDED.currency,
      shipped_at = EXCLUDED.shipped_at, delivered_at = EXCLUDED.delivered_at, cancelled_at = EXCLUDED.cancelled_at, refunded_amount = EXCLUDED.refunded_amount,
      refunds = EXCLUDED.refunds, rating = EXCLUDED.rating, reviewed_at = EXCLUDED.reviewed_at, late_at = EXCLUDED.late_at, over_cap = EXCLUDED.over_cap, updated_at = now()`;
}

/** What the webhook says about a change: ids, codes and counts only. */
function changeEvent(change: ProbationChangeInput, changeId: string, externalSellerId: string, verdict: VerdictView | null) {
  return {
    probationId: change.probationId,
    changeId,
    sellerId: externalSellerId,
    sequence: change.seq,
    change: change.kind,
    from: change.from,
    to: change.to,
    reasons: change.reasons,
    orderId: change.orderId ?? null,
    metrics: change.metrics,
    policy: { key: SELLER_PROBATION_POLICY_KEY, version: change.policyVersion },
    at: new Date(change.at).toISOString(),
    verdict,
  };
}

/** The restriction's reasons as signals and a verdict on the change, so its case shows why it opened. */
async function recordRestrictionVerdict(tx: Transaction, change: ProbationChangeInput, changeId: string, tenantId: string): Promise<void> {
  const policy = await tx.policy.findUniqueOrThrow({ where: { key_version: { key: SELLER_PROBATION_POLICY_KEY, version: change.policyVersion } } });
  const detector = { id: 'seller-probation-rules', version: '1' };
  const signals: Signal[] = change.reasons.map((reason) => ({
    code: `probation.${reason}`,
    severity: 'high',
    score: 0.9,
    summary: `Probation: ${reason.replaceAll('_', ' ')}`,
    evidence: { metrics: { ...change.metrics } },
    detector,
  }));
  const verdict = evaluatePolicy(policy.rules as unknown as PolicyRules, signals);
  const subject = { subjectType: sellerProbationCases.subjectType, subjectId: changeId };
  await tx.signalRecord.createMany({
    data: signals.map((signal) => ({ tenantId, ...subject, code: signal.code, severity: signal.severity, score: signal.score, summary: signal.summary, evidence: signal.evidence as Prisma.InputJsonObject, detectorId: detector.id, detectorVersion: detector.version })),
  });
  await tx.verdictRecord.create({
    data: { tenantId, ...subject, outcome: verdict.outcome, score: verdict.score, reasons: verdict.reasons as unknown as Prisma.InputJsonArray, policyKey: policy.key, policyVersion: policy.version },
  });
}

/** The seller's counterfeits confirmed since its probation started (buyer authenticity checks). */
async function confirmedCounterfeitsSince(tx: Transaction, sellerId: string, since: Date): Promise<number> {
  const seller = await tx.seller.findUniqueOrThrow({ where: { id: sellerId }, select: { tenantId: true, externalId: true } });
  return await tx.sellerCounterfeit.count({ where: { tenantId: seller.tenantId, sellerId: seller.externalId, confirmedAt: { gte: since } } });
}

export function createSellerProbationActivities({ prisma, clock }: { prisma: PrismaClient; clock: () => Date }) {
  return {
    /** From an approved vetting: the seller's probation row, and whether a workflow should follow it. */
    async enrolSellerProbation({ vettingId }: { vettingId: string }): Promise<{ probationId: string; workflowId: string; open: boolean }> {
      const vetting = await prisma.sellerVetting.findUnique({ where: { id: vettingId }, select: { tenantId: true, sellerId: true } });
      if (!vetting) throw ApplicationFailure.nonRetryable(`seller vetting ${vettingId} not found`, 'VettingNotFound');
      const row = await enrolProbation(prisma, { tenantId: vetting.tenantId, sellerId: vetting.sellerId, vettingId, now: clock() });
      return { probationId: row.id, workflowId: row.workflowId, open: ['active', 'extended', 'restricted'].includes(row.status) };
    },

    async openProbation({ probationId }: { probationId: string }): Promise<ProbationSnapshot> {
      const row = await prisma.sellerProbation.findUnique({ where: { id: probationId } });
      if (!row) throw probationNotFound(probationId);
      const policy = await probationPolicy(prisma, row.policyVersion);
      const last = await prisma.sellerProbationChange.aggregate({ where: { probationId }, _max: { seq: true } });
      const baseline = row.reviewedBaseline as Partial<ReviewedBaseline>;
      return {
        tenantId: row.tenantId,
        sellerId: row.sellerId,
        status: row.status as ProbationStatus,
        policyVersion: row.policyVersion,
        parameters: policy.parameters,
        startedAt: row.startedAt.getTime(),
        endsAt: row.endsAt.getTime(),
        extensions: row.extensions,
        strikes: row.strikes,
        changeSeq: last._max.seq ?? 0,
        baseline: {
          refundedOrders: baseline.refundedOrders ?? 0,
          negativeReviews: baseline.negativeReviews ?? 0,
          strikes: baseline.strikes ?? 0,
          ...(baseline.confirmedCounterfeits === undefined ? {} : { confirmedCounterfeits: baseline.confirmedCounterfeits }),
        },
      };
    },

    /**
     * Folds the named events (or, with `seqs: null`, every event not yet applied) into the order
     * book, marks late and over-cap orders as of `now` (the workflow's clock), and stores the
     * metrics the API shows. Serialised per probation by a row lock, so a retried attempt that
     * overlaps a slow one waits and then finds its events applied.
     */
    async applyProbationEvents({ probationId, seqs, now }: { probationId: string; seqs: number[] | null; now: number }): Promise<ProbationAssessment> {
      return await prisma.$transaction(
        async (tx) => {
          const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM seller_probations WHERE id = ${probationId}::uuid FOR UPDATE`;
          if (locked.length === 0) throw probationNotFound(probationId);
          const probation = await tx.sellerProbation.findUniqueOrThrow({ where: { id: probationId } });
          const { parameters } = await probationPolicy(tx, probation.policyVersion);
          const events = await tx.sellerProbationEvent.findMany({
            where: { probationId, appliedAt: null, ...(seqs === null ? {} : { seq: { in: seqs.map(BigInt) } }) },
            orderBy: { seq: 'asc' },
            select: { seq: true, orderId: true, type: true, occurredAt: true, facts: true },
          });
          const rows = await tx.sellerProbationOrder.findMany({ where: { probationId } });
          const before = new Map(rows.map((row) => [row.orderId, orderFromRow(row)]));
          const book = new Map(before);
          const touched = new Set<string>();
          for (const event of events) {
            // a confirmed counterfeit is counted from the seller's record below, not folded into an order
            if (event.type === COUNTERFEIT_CONFIRMED_EVENT) continue;
            book.set(event.orderId, applyEvent(book.get(event.orderId) ?? emptyOrder(event.orderId), eventOf(event)));
            touched.add(event.orderId);
          }
          const assessed = assessOrderBook(before, [...book.values()], parameters, probation.startedAt.getTime(), now);
          const confirmedCounterfeits = await confirmedCounterfeitsSince(tx, probation.sellerId, probation.startedAt);
          const assessment = { ...assessed, metrics: { ...assessed.metrics, confirmedCounterfeits } };
          for (const order of assessment.changed) book.set(order.orderId, order);
          const write = new Set([...touched, ...assessment.changed.map((order) => order.orderId)]);
          await writeOrders(tx, probationId, [...write].map((orderId) => book.get(orderId)!));
          if (events.length > 0) await tx.sellerProbationEvent.updateMany({ where: { seq: { in: events.map((event) => event.seq) } }, data: { appliedAt: clock() } });
          await tx.sellerProbation.update({
            where: { id: probationId },
            data: { metrics: assessment.metrics as unknown as Prisma.InputJsonObject, strikes: assessment.metrics.strikes },
          });
          return { applied: events.length, metrics: assessment.metrics, nextDeadline: assessment.nextDeadline, held: assessment.held, released: assessment.released };
        },
        { timeout: 60_000, maxWait: 20_000 },
      );
    },

    /** An admin's migration: the probation runs another version of the policy from now on. */
    async migrateProbationPolicy({ probationId, version }: { probationId: string; version: number }): Promise<{ version: number; parameters: ProbationParameters }> {
      const policy = await probationPolicy(prisma, version);
      await prisma.sellerProbation.update({ where: { id: probationId }, data: { policyVersion: policy.version } });
      return policy;
    },

    /** Records one change with its metrics, updates the row the API reads, and returns the webhook's data. */
    async recordProbationChange(change: ProbationChangeInput): Promise<{ changeId: string; tenantId: string; data: Record<string, unknown> }> {
      const recorded = await prisma.$transaction(async (tx) => {
        const probation = await tx.sellerProbation.findUnique({ where: { id: change.probationId }, include: { seller: { select: { externalId: true } } } });
        if (!probation) throw probationNotFound(change.probationId);
        const existing = await tx.sellerProbationChange.findUnique({ where: { probationId_seq: { probationId: change.probationId, seq: change.seq } } });
        const recorded = existing ?? await tx.sellerProbationChange.create({
          data: {
            probationId: change.probationId,
            tenantId: probation.tenantId,
            seq: change.seq,
            kind: change.kind,
            fromStatus: change.from,
            toStatus: change.to,
            reasons: change.reasons,
            orderId: change.orderId ?? null,
            metrics: change.metrics as unknown as Prisma.InputJsonObject,
            policyVersion: change.policyVersion,
            at: new Date(change.at),
          },
        });
        if (!existing) {
          await tx.sellerProbation.update({
            where: { id: change.probationId },
            data: {
              status: change.to,
              endsAt: new Date(change.row.endsAt),
              extensions: change.row.extensions,
              strikes: change.row.strikes,
              reviewedBaseline: change.row.baseline as unknown as Prisma.InputJsonObject,
              policyVersion: change.policyVersion,
              endedAt: change.row.ended ? new Date(change.at) : null,
            },
          });
          if (change.to === 'restricted' && change.from !== 'restricted') await recordRestrictionVerdict(tx, change, recorded.id, probation.tenantId);
        }
        return { changeId: recorded.id, tenantId: probation.tenantId, sellerId: probation.seller.externalId };
      });
      // The verdict the change carries, as the probation's API shows it: a restriction's own (the
      // policy's escalation; its case opens after), or the restriction a moderator's decision settles.
      const verdictOf = change.kind === 'restricted' ? recorded.changeId : change.resolves;
      const verdict = verdictOf ? (await presentVerdicts(prisma, sellerProbationCases.subjectType, [{ id: verdictOf }]))[0]! : null;
      return { changeId: recorded.changeId, tenantId: recorded.tenantId, data: changeEvent(change, recorded.changeId, recorded.sellerId, verdict) };
    },
  };
}

export type SellerProbationActivities = ReturnType<typeof createSellerProbationActivities>;
