/**
 * Event intake: check every event (a refused batch stores nothing), store the new ones once per
 * eventId, and tell the seller's workflow with ONE signal carrying their sequence numbers.
 */
import type { Client } from '@temporalio/client';
import type { Config } from '../../../core/config.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { OPEN_PROBATION_STATUSES, type ProbationEventType, type ProbationStatus } from '../../../core/sellerProbation.ts';
import type { Prisma } from '../../../prisma/generated/client.ts';
import { storeWithWorkflowStart, workflowSignal, type WorkflowStarter } from '../../../core/workflowStarts.ts';
import { probationEventsSignal, type sellerProbation, type SellerProbationInput } from '../../../workflows/sellerProbation.ts';
import { ApiProblem } from '../../problem.ts';
import { webhookRetrySettings } from '../../../core/webhookRetry.ts';
import { MAX_FUTURE_SKEW_SECONDS, type ProbationEventBody } from './schemas.ts';

export interface ProbationRouteDependencies {
  prisma: PrismaClient;
  temporal: Client;
  config: Config;
}

type Field = 'amount' | 'currency' | 'reason' | 'rating';
/** Which optional fields each event type requires and allows. */
const FIELDS: Record<ProbationEventType, { required: Field[]; allowed: Field[] }> = {
  'order.placed': { required: ['amount', 'currency'], allowed: ['amount', 'currency'] },
  'order.shipped': { required: [], allowed: [] },
  'order.delivered': { required: [], allowed: [] },
  'order.cancelled': { required: [], allowed: ['reason'] },
  'refund.issued': { required: ['amount'], allowed: ['amount', 'currency', 'reason'] },
  'review.posted': { required: ['rating'], allowed: ['rating'] },
};

/** What the schema cannot say: fields by event type, cents, and times not in the future. */
export function eventProblems(events: ProbationEventBody[], now: Date): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const latest = now.getTime() + MAX_FUTURE_SKEW_SECONDS * 1000;
  events.forEach((event, index) => {
    const at = `body/events/${index}`;
    const rule = FIELDS[event.type];
    for (const field of rule.required) if (event[field] === undefined) problems.push({ field: `${at}/${field}`, message: `is required for ${event.type}` });
    for (const field of ['amount', 'currency', 'reason', 'rating'] as const) {
      if (event[field] !== undefined && !rule.allowed.includes(field)) problems.push({ field: `${at}/${field}`, message: `is not a field of ${event.type}` });
    }
    if (event.amount !== undefined && Math.abs(event.amount * 100 - Math.round(event.amount * 100)) > 1e-6) problems.push({ field: `${at}/amount`, message: 'must have at most two decimals' });
    if (Date.parse(event.occurredAt) > latest) problems.push({ field: `${at}/occurredAt`, message: `must not be more than ${MAX_FUTURE_SKEW_SECONDS} seconds in the future` });
  });
  return problems;
}

export const notOnProbation = (sellerId: string, status?: string) =>
  new ApiProblem(409, 'seller-not-on-probation', 'The seller is not on probation', status ? `Seller ${sellerId}'s probation is ${status}.` : `Seller ${sellerId} has not entered probation.`);

export const probationStartInput = (config: Config, probationId: string): SellerProbationInput => ({
  probationId,
  webhook: webhookRetrySettings(config),
  caseSlaSeconds: config.CASE_SLA_SECONDS,
});

export async function ingestEvents(deps: ProbationRouteDependencies, starter: WorkflowStarter, tenantId: string, sellerId: string, events: ProbationEventBody[]) {
  const { prisma, config } = deps;
  const problems = eventProblems(events, new Date());
  if (problems.length > 0) throw new ApiProblem(400, 'validation-failed', 'Request did not match the schema', `${problems.length} problem(s) in the events; nothing was stored`, problems.slice(0, 50));
  const probation = await prisma.sellerProbation.findFirst({ where: { tenantId, seller: { tenantId, externalId: sellerId } } });
  if (!probation) throw notOnProbation(sellerId);
  if (!OPEN_PROBATION_STATUSES.includes(probation.status as ProbationStatus)) throw notOnProbation(sellerId, probation.status);

  // the same eventId twice in one batch: the first one counts
  const unique = [...new Map(events.map((event) => [event.eventId, event])).values()];
  const data: Prisma.SellerProbationEventCreateManyInput[] = unique.map((event) => ({
    probationId: probation.id,
    eventId: event.eventId,
    type: event.type,
    orderId: event.orderId,
    occurredAt: new Date(event.occurredAt),
    facts: { amount: event.amount, currency: event.currency, reason: event.reason, rating: event.rating } as Prisma.InputJsonObject,
  }));
  // The events and their signal to the probation's workflow (through the outbox: the answer comes at
  // commit, and the signal is sent even if Temporal is down now or this process stops after it).
  const stored = await storeWithWorkflowStart<{ stored: number; seqs: number[] }>(
    prisma,
    starter,
    ({ seqs }: { seqs: number[] }) =>
      seqs.length === 0
        ? null
        : workflowSignal<typeof sellerProbation, [{ seqs: number[] }]>('sellerProbation', {
            workflowId: probation.workflowId,
            taskQueue: config.TEMPORAL_TASK_QUEUE,
            args: [probationStartInput(config, probation.id)],
            signal: { name: probationEventsSignal.name, args: [{ seqs }] },
          }),
    async (tx) => {
      const created = await tx.sellerProbationEvent.createManyAndReturn({ data, skipDuplicates: true, select: { seq: true } });
      // events of this batch stored before but not yet applied (a signal still waiting, or one lost
      // before the outbox) are signalled again: the workflow takes a repeated event once
      const unapplied = created.length === unique.length
        ? []
        : await tx.sellerProbationEvent.findMany({ where: { probationId: probation.id, eventId: { in: unique.map((event) => event.eventId) }, appliedAt: null }, select: { seq: true } });
      return { stored: created.length, seqs: [...new Set([...created, ...unapplied].map((row) => Number(row.seq)))] };
    },
  );
  return { received: events.length, stored: stored.stored, duplicates: events.length - stored.stored };
}
