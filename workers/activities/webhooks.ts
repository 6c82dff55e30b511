/**
 * Webhook bookkeeping and delivery. `deliverWebhookEvent` makes exactly one HTTP attempt per
 * activity attempt and records it; Temporal's retry policy provides the backoff and the retry
 * window, and a receiver's Retry-After becomes the next retry delay. Each endpoint's delivery is
 * settled on its own (workers/webhooks/deliveryRecords.ts).
 */
import type pg from 'pg';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { DataProtector } from '../../core/dataProtection.ts';
import { webhookSecretContext } from '../../core/cipherContexts.ts';
import { newWebhookEventId } from '../../core/webhookEvents.ts';
import { pgSql, sql, utcTimestamp } from '../../core/sql.ts';
import { deliverWebhook } from '../webhooks/deliver.ts';
import { openDeliveries, recordDelivered, recordFailed } from '../webhooks/deliveryRecords.ts';
import { dispatchDueDeliveries, type DispatchRound } from '../webhooks/dispatch.ts';
import type { WebhookRetrySettings } from '../../workflows/notifyMarketplace.ts';

/** How often the dispatcher looks for due deliveries when the last look found none. */
const DISPATCH_IDLE_POLL_MS = 250;
const DISPATCH_HEARTBEAT_MS = 5_000;

export interface WebhookDependencies {
  /** every statement goes to the pool (deliveryRecords.ts says why) */
  pool: pg.Pool;
  protector: DataProtector;
  clock: () => Date;
  timeoutMs: number;
  allowPrivateNetwork: boolean;
}

export function createWebhookActivities({ pool, protector, clock, timeoutMs, allowPrivateNetwork }: WebhookDependencies) {
  return {
    /** One event per subject and type (a retry finds the same one), and the endpoints to deliver it to. */
    async createWebhookEvent(input: { subjectType: string; subjectId: string; eventType: string; tenantId: string; data: Record<string, unknown> }) {
      const { tenantId, data } = input;
      // one recorded before (a retry) stands, as core/webhookEvents.ts records a dispatched one
      const [{ event_id: eventId }] = (await pgSql(pool).rows<{ event_id: string }>(
        sql(
          `WITH event AS (
             INSERT INTO webhook_events (id, tenant_id, type, subject_type, subject_id, payload) VALUES ($1, $2::uuid, $3, $4, $5::uuid, $6::jsonb)
             ON CONFLICT (subject_type, subject_id, type) DO NOTHING RETURNING id
           )
           SELECT COALESCE((SELECT id FROM event), (SELECT id FROM webhook_events WHERE subject_type = $4 AND subject_id = $5::uuid AND type = $3)) AS event_id`,
          [newWebhookEventId(), tenantId, input.eventType, input.subjectType, input.subjectId, JSON.stringify(data)],
        ),
      )) as [{ event_id: string }];
      return { eventId, endpointIds: await openDeliveries(pool, { eventId, tenantId }) };
    },

    async deliverWebhookEvent({ eventId, endpointId }: { eventId: string; endpointId: string }): Promise<void> {
      const [row] = await pgSql(pool).rows<{ type: string; payload: Record<string, unknown>; created_at: Date; url: string | null; secret_ciphertext: Buffer | null; enabled: boolean | null; delivery: string | null }>(
        sql(
          `SELECT event.type, event.payload, event.created_at, endpoint.url, endpoint.secret_ciphertext, endpoint.enabled, delivery.status::text AS delivery
           FROM webhook_events AS event
           LEFT JOIN webhook_endpoints AS endpoint ON endpoint.id = $2::uuid
           LEFT JOIN webhook_deliveries AS delivery ON delivery.event_id = event.id AND delivery.endpoint_id = $2::uuid
           WHERE event.id = $1`,
          [eventId, endpointId],
        ),
      );
      if (!row) throw new Error(`webhook event ${eventId} not found`);
      // A retry after the success was recorded (the worker died before reporting it) sends nothing twice.
      if (row.delivery === 'delivered') return;
      if (!row.enabled || row.url === null || row.secret_ciphertext === null) throw ApplicationFailure.nonRetryable('the endpoint is disabled', 'WebhookEndpointGone');
      const attempt = Context.current().info.attempt;
      const result = await deliverWebhook({
        url: row.url,
        secret: protector.decrypt(row.secret_ciphertext, webhookSecretContext(endpointId)).toString('utf8'),
        eventId,
        eventType: row.type,
        payload: row.payload,
        now: clock(),
        // the body's timestamp is the event's, so every retry sends the same bytes
        occurredAt: row.created_at,
        signal: Context.current().cancellationSignal,
        timeoutMs,
        allowPrivateNetwork,
      });
      await pgSql(pool).run(
        sql(
          `INSERT INTO webhook_attempts (id, event_id, endpoint_id, attempt, outcome, http_status, duration_ms, error) VALUES (gen_random_uuid(), $1, $2::uuid, $3, $4, $5, $6, $7)`,
          [eventId, endpointId, attempt, result.outcome, result.httpStatus, Math.round(result.durationMs), result.error ?? null],
        ),
      );
      switch (result.outcome) {
        case 'delivered':
          await recordDelivered(pool, { eventId, endpointId }, clock());
          return;
        case 'disable':
          await pgSql(pool).run(
            sql(`UPDATE webhook_endpoints SET enabled = false, disabled_at = $2::timestamp, disabled_reason = $3 WHERE id = $1::uuid`, [endpointId, utcTimestamp(clock()), `HTTP ${result.httpStatus}`]),
          );
          throw ApplicationFailure.nonRetryable('the endpoint answered 410 Gone and was disabled', 'WebhookEndpointGone');
        case 'give_up':
          throw ApplicationFailure.nonRetryable(result.error ?? 'delivery cannot succeed', 'WebhookGiveUp');
        case 'retry':
          throw ApplicationFailure.create({
            message: result.error ?? `HTTP ${result.httpStatus}`,
            type: 'WebhookDeliveryFailed',
            nextRetryDelay: result.retryAfterMs,
          });
      }
    },

    /**
     * The dispatcher's work for `runSeconds` (workers/webhooks/dispatch.ts): rounds of due
     * deliveries of the task queue it runs on, a short sleep when none is due, a heartbeat after each round. Cancelled, it stops
     * after the round in flight; a delivery it took and did not record is taken again when its
     * lease runs out.
     */
    async deliverDueWebhooks({ webhook, runSeconds }: { webhook: WebhookRetrySettings; runSeconds: number }): Promise<DispatchRound> {
      const context = Context.current();
      const signal = context.cancellationSignal;
      const until = Date.now() + runSeconds * 1000;
      const total: DispatchRound = { attempted: 0, delivered: 0, failed: 0 };
      // on a timer, not per round: one slow receiver may hold a round for its whole timeout
      const beat = setInterval(() => context.heartbeat(total), DISPATCH_HEARTBEAT_MS);
      try {
        while (Date.now() < until && !signal.aborted) {
          const round = await dispatchDueDeliveries({ pool, protector, clock, timeoutMs, allowPrivateNetwork }, { taskQueue: context.info.taskQueue, retry: webhook }, signal);
          total.attempted += round.attempted;
          total.delivered += round.delivered;
          total.failed += round.failed;
          if (round.attempted + round.failed === 0) await context.sleep(DISPATCH_IDLE_POLL_MS).catch(() => undefined);
        }
      } finally {
        clearInterval(beat);
      }
      return total;
    },

    /** This endpoint's retries ran out or cannot succeed; the other endpoints carry on. */
    async markWebhookEventFailed({ eventId, endpointId, reason }: { eventId: string; endpointId: string; reason: string }): Promise<void> {
      await recordFailed(pool, { eventId, endpointId });
      // the attempts hold each HTTP outcome; why the workflow stopped trying is only here
      Context.current().log.warn('webhook delivery failed for good', { eventId, endpointId, reason });
    },
  };
}

export type WebhookActivities = ReturnType<typeof createWebhookActivities>;
