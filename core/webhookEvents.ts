/**
 * A webhook event recorded where no workflow delivers it: a subject answered in its submission's
 * request records its completed event in the same transaction, and the dispatcher
 * of the task queue named (workers/webhooks/dispatch.ts, run by that queue's `webhookDispatch`
 * workflow) delivers it to each endpoint the marketplace had enabled at that moment, retrying each
 * on its own.
 *
 * Events a workflow records (workflows/notifyMarketplace.ts) go the other way: the workflow's own
 * activities attempt them. Both kinds are the same rows (`webhook_events`, one per subject and
 * type, and one `webhook_deliveries` row per endpoint), listed and shown the same way; only a
 * dispatched delivery carries `next_attempt_at`.
 */
import { randomBytes } from 'node:crypto';
import { sql, type SqlRunner } from './sql.ts';

export interface DispatchedEvent {
  subjectType: string;
  subjectId: string;
  eventType: string;
  tenantId: string;
  /** the event's data (ids, codes and the subject's view: what the marketplace reads) */
  data: Record<string, unknown>;
  /** the task queue whose dispatcher delivers it (the one the subject's workflows would run on) */
  taskQueue: string;
}

/** A new event id: the `webhook-id` receivers deduplicate on, as the workflows' events have. */
export const newWebhookEventId = (): string => `msg_${randomBytes(16).toString('hex')}`;

/**
 * Records the event and one due delivery per enabled endpoint, in the caller's transaction (run
 * it where the subject's outcome is written, so neither exists without the other). An event of
 * the same subject and type recorded before stands. Answers the event's id, and whether any
 * endpoint is to get it.
 */
export async function recordDispatchedEvent(runner: SqlRunner, event: DispatchedEvent): Promise<{ eventId: string; endpoints: number }> {
  const [row] = await runner.rows<{ event_id: string; endpoints: number }>(
    sql(
      `WITH endpoints AS (
         SELECT id FROM webhook_endpoints WHERE tenant_id = $2::uuid AND enabled
       ), event AS (
         INSERT INTO webhook_events (id, tenant_id, type, subject_type, subject_id, payload, status)
         SELECT $1, $2::uuid, $3, $4, $5::uuid, $6::jsonb,
                CASE WHEN EXISTS (SELECT 1 FROM endpoints) THEN 'pending' ELSE 'undeliverable' END::webhook_event_status
         ON CONFLICT (subject_type, subject_id, type) DO NOTHING
         RETURNING id
       ), deliveries AS (
         INSERT INTO webhook_deliveries (event_id, endpoint_id, dispatch_queue, next_attempt_at, updated_at)
         SELECT event.id, endpoints.id, $7, now(), now() FROM event CROSS JOIN endpoints
         RETURNING endpoint_id
       )
       SELECT COALESCE((SELECT id FROM event), (SELECT id FROM webhook_events WHERE subject_type = $4 AND subject_id = $5::uuid AND type = $3)) AS event_id,
              (SELECT count(*)::int FROM deliveries) AS endpoints`,
      [newWebhookEventId(), event.tenantId, event.eventType, event.subjectType, event.subjectId, JSON.stringify(event.data), event.taskQueue],
    ),
  );
  return { eventId: row!.event_id, endpoints: row!.endpoints };
}
