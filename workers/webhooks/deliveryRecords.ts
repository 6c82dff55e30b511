/**
 * Where one webhook event stands at each endpoint of its marketplace. Each change to a delivery
 * and the event's summary (eventStatus.ts) are written in one transaction that first locks the
 * event's row: two endpoints settling at the same moment cannot leave a summary that missed the
 * other's change. The dispatcher's rounds (dispatch.ts) lock and summarise with the same two
 * functions.
 *
 * On the pg pool: a workflow's webhook (an event, then a delivery per endpoint) took about sixteen
 * ORM queries, each compiled anew, and the ORM was half of the main worker's CPU while it settled
 * counterfeit authenticity checks.
 */
import type pg from 'pg';
import { inPgTransaction, sql, utcTimestamp, type SqlRunner } from '../../core/sql.ts';
import { webhookEventStatus, type WebhookDeliveryStatus } from './eventStatus.ts';

export interface DeliveryKey {
  eventId: string;
  endpointId: string;
}

/** Locks the events' rows, in id order (two transactions never wait on each other in a cycle). */
export async function lockEvents(runner: SqlRunner, eventIds: readonly string[]): Promise<void> {
  await runner.run(sql('SELECT 1 FROM webhook_events WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [[...eventIds].sort()]));
}

/** Writes each event's status from its deliveries as they now stand (under lockEvents). */
export async function summariseEvents(runner: SqlRunner, eventIds: readonly string[]): Promise<void> {
  const deliveries = await runner.rows<{ event_id: string; status: WebhookDeliveryStatus; delivered_at: Date | null }>(
    sql('SELECT event_id, status::text AS status, delivered_at FROM webhook_deliveries WHERE event_id = ANY($1::text[])', [[...eventIds]]),
  );
  const summaries = eventIds.map((eventId) => {
    const own = deliveries.filter((delivery) => delivery.event_id === eventId);
    const status = webhookEventStatus(own.map((delivery) => delivery.status));
    // delivered when the last endpoint got it
    const last = own.reduce<number | null>((latest, { delivered_at }) => (delivered_at && (latest === null || delivered_at.getTime() > latest) ? delivered_at.getTime() : latest), null);
    return { id: eventId, status, delivered_at: status === 'delivered' && last !== null ? utcTimestamp(new Date(last)) : null };
  });
  await runner.run(
    sql(
      `UPDATE webhook_events AS event SET status = row.status::webhook_event_status, delivered_at = row.delivered_at
       FROM jsonb_to_recordset($1::jsonb) AS row(id text, status text, delivered_at timestamp)
       WHERE event.id = row.id`,
      [JSON.stringify(summaries)],
    ),
  );
}

/**
 * The endpoints this event goes to: those enabled when it was first recorded. A retry (of the
 * activity, or a workflow run again) finds the same ones, so no delivery is left pending that no
 * workflow tries.
 */
export async function openDeliveries(pool: pg.Pool, { eventId, tenantId }: { eventId: string; tenantId: string }): Promise<string[]> {
  return await inPgTransaction(pool, async (runner) => {
    await lockEvents(runner, [eventId]);
    const recorded = async () =>
      (await runner.rows<{ endpoint_id: string }>(sql('SELECT endpoint_id FROM webhook_deliveries WHERE event_id = $1 ORDER BY created_at, endpoint_id', [eventId]))).map(
        (delivery) => delivery.endpoint_id,
      );
    const before = await recorded();
    if (before.length > 0) return before;
    await runner.run(
      sql(
        `INSERT INTO webhook_deliveries (event_id, endpoint_id, updated_at)
         SELECT $1, id, now() FROM webhook_endpoints WHERE tenant_id = $2::uuid AND enabled
         ON CONFLICT DO NOTHING`,
        [eventId, tenantId],
      ),
    );
    await summariseEvents(runner, [eventId]);
    return await recorded();
  });
}

export async function recordDelivered(pool: pg.Pool, key: DeliveryKey, at: Date): Promise<void> {
  await inPgTransaction(pool, async (runner) => {
    await lockEvents(runner, [key.eventId]);
    // upsert: an event recorded before deliveries were kept per endpoint may lack the row
    await runner.run(
      sql(
        `INSERT INTO webhook_deliveries (event_id, endpoint_id, status, delivered_at, updated_at) VALUES ($1, $2::uuid, 'delivered', $3::timestamp, now())
         ON CONFLICT (event_id, endpoint_id) DO UPDATE SET status = 'delivered', delivered_at = EXCLUDED.delivered_at, updated_at = now()`,
        [key.eventId, key.endpointId, utcTimestamp(at)],
      ),
    );
    await summariseEvents(runner, [key.eventId]);
  });
}

/** This endpoint will not get the event; one it already has stays delivered. */
export async function recordFailed(pool: pg.Pool, key: DeliveryKey): Promise<void> {
  await inPgTransaction(pool, async (runner) => {
    await lockEvents(runner, [key.eventId]);
    await runner.run(
      sql(
        `INSERT INTO webhook_deliveries (event_id, endpoint_id, status, updated_at) VALUES ($1, $2::uuid, 'failed', now())
         ON CONFLICT (event_id, endpoint_id) DO UPDATE SET status = 'failed', updated_at = now() WHERE webhook_deliveries.status = 'pending'`,
        [key.eventId, key.endpointId],
      ),
    );
    await summariseEvents(runner, [key.eventId]);
  });
}
