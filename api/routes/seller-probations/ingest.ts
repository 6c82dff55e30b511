/**
 * Event intake: check every event (a refused batch stores nothing), store the new ones once per
 * eventId, and tell the seller's workflow with ONE signal carrying their sequence numbers.
 */
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import type { Config } from '../../../core/config.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { OPEN_PROBATION_STATUSES, type ProbationEventType, type ProbationStatus } from '../../../core/sellerProbation.ts';
import { sql, utcTimestamp } from '../../../core/sql.ts';
import { workflowSignal, type WorkflowStarter } from '../../../core/workflowStarts.ts';
import { storeRowsWithWorkflowStart } from '../../../core/workflowStartWrites.ts';
import { probationEventsSignal, type sellerProbation, type SellerProbationInput } from '../../../workflows/sellerProbation.ts';
import { ApiProblem } from '../../problem.ts';
import { webhookRetrySettings } from '../../../core/webhookRetry.ts';
import { MAX_FUTURE_SKEW_SECONDS, type ProbationEventBody } from './schemas.ts';

export interface ProbationRouteDependencies {
  prisma: PrismaClient;
  /** an event request's reads and writes are statements on the pool */
  pool: Pick<pg.Pool, 'query'>;
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
  const { pool, config } = deps;
  const problems = eventProblems(events, new Date());
  if (problems.length > 0) throw new ApiProblem(400, 'validation-failed', 'Request did not match the schema', `${problems.length} problem(s) in the events; nothing was stored`, problems.slice(0, 50));
  // on the pool: every event request reads it
  const [probation] = (
    await pool.query<{ id: string; status: string; workflow_id: string }>(
      `SELECT p.id::text, p.status, p.workflow_id FROM seller_probations p JOIN sellers s ON s.id = p.seller_id
       WHERE p.tenant_id = $1::uuid AND s.tenant_id = $1::uuid AND s.external_id = $2 LIMIT 1`,
      [tenantId, sellerId],
    )
  ).rows;
  if (!probation) throw notOnProbation(sellerId);
  if (!OPEN_PROBATION_STATUSES.includes(probation.status as ProbationStatus)) throw notOnProbation(sellerId, probation.status);

  // the same eventId twice in one batch: the first one counts
  const unique = [...new Map(events.map((event) => [event.eventId, event])).values()];
  // The events and their signal to the probation's workflow in one statement (through the outbox:
  // the answer comes at commit, and the signal is sent even if Temporal is down now or this process
  // stops after it). The signal names the events stored now and those of this batch stored before
  // but not yet applied (a signal still waiting, or one lost before the outbox): the workflow takes
  // a repeated event once. No new event and none unapplied: no signal.
  const eventIds = unique.map((event) => event.eventId);
  const stored = await storeRowsWithWorkflowStart<{ stored: number }>(
    pool,
    starter,
    workflowSignal<typeof sellerProbation, [{ seqs: number[] }]>('sellerProbation', {
      workflowId: probation.workflow_id,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      args: [probationStartInput(config, probation.id)],
      signal: { name: probationEventsSignal.name, args: [{ seqs: [] }] },
    }),
    [
      sql(
        `INSERT INTO seller_probation_events (probation_id, event_id, type, order_id, occurred_at, facts)
         SELECT $1::uuid, event.event_id, event.type, event.order_id, event.occurred_at, event.facts
         FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamp[], $6::jsonb[]) WITH ORDINALITY AS event(event_id, type, order_id, occurred_at, facts, line)
         ORDER BY event.line
         ON CONFLICT (probation_id, event_id) DO NOTHING
         RETURNING seq`,
        [
          probation.id,
          eventIds,
          unique.map((event) => event.type),
          unique.map((event) => event.orderId),
          unique.map((event) => utcTimestamp(new Date(event.occurredAt))),
          unique.map((event) => JSON.stringify({ amount: event.amount, currency: event.currency, reason: event.reason, rating: event.rating })),
        ],
      ),
      // the statement sees the table as it was before it: the events stored before and not applied
      sql(`SELECT seq FROM seller_probation_events WHERE probation_id = $1::uuid AND event_id = ANY($2::text[]) AND applied_at IS NULL`, [probation.id, eventIds]),
    ],
    {
      signalArgs: `SELECT jsonb_build_array(jsonb_build_object('seqs', jsonb_agg(seq ORDER BY seq))) FROM (SELECT seq FROM write_0 UNION SELECT seq FROM write_1) AS signalled HAVING count(*) > 0`,
      returning: '(SELECT count(*)::int FROM write_0) AS stored',
    },
  );
  return { received: events.length, stored: stored.written.stored, duplicates: events.length - stored.written.stored };
}
