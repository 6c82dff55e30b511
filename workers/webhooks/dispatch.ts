/**
 * The dispatcher of webhook events recorded outside a workflow (core/webhookEvents.ts): a subject
 * answered in its submission's request has no workflow to deliver its event, and a workflow per
 * event would cost more than the answer itself. The `webhookDispatch` workflow runs this, one
 * activity after another, for as long as the deployment runs.
 *
 * Each round takes the deliveries of its task queue that are due (under a lease, `FOR UPDATE SKIP LOCKED`, so two
 * dispatchers never send one attempt twice and a dispatcher that dies leaves its lease to run
 * out), makes one attempt of each side by side, records it as a workflow's delivery does (an
 * attempt row, the delivery and the event's summary: deliveryRecords.ts), and schedules the next
 * attempt with the same backoff the workflows' retry policy gives (initial interval doubling up to
 * the maximum, or the receiver's `Retry-After`) until the retry window after the event runs out.
 */
import pLimit from 'p-limit';
import type pg from 'pg';
import type { DataProtector } from '../../core/dataProtection.ts';
import { webhookSecretContext } from '../../core/cipherContexts.ts';
import { inPgTransaction, pgSql, sql, utcTimestamp } from '../../core/sql.ts';
import type { WebhookRetrySettings } from '../../workflows/notifyMarketplace.ts';
import { deliverWebhook } from './deliver.ts';
import { lockEvents, summariseEvents } from './deliveryRecords.ts';
import type { WebhookDeliveryStatus } from './eventStatus.ts';

export interface DispatchDependencies {
  pool: pg.Pool;
  protector: DataProtector;
  clock: () => Date;
  /** one attempt's bound (WEBHOOK_TIMEOUT_MS) */
  timeoutMs: number;
  allowPrivateNetwork: boolean;
}

/** Deliveries taken at once, and attempted side by side: receivers answer in parallel, and one slow receiver holds one slot. */
export const DISPATCH_LIMITS = { claimed: 200, concurrent: 32 } as const;

/** A due delivery as claimed, with what its attempt needs. */
interface Claimed {
  event_id: string;
  endpoint_id: string;
  attempts: number;
  type: string;
  payload: Record<string, unknown>;
  event_created_at: Date;
  url: string;
  secret_ciphertext: Buffer;
  enabled: boolean;
}

/** What became of one attempt, as it is recorded. */
interface Settled {
  event_id: string;
  endpoint_id: string;
  /** null: no attempt was made (the endpoint was disabled meanwhile) */
  attempt: { number: number; outcome: string; http_status: number | null; duration_ms: number; error: string | null } | null;
  status: WebhookDeliveryStatus;
  next_attempt_at: string | null;
  disable: string | null;
}

export interface DispatchRound {
  attempted: number;
  delivered: number;
  /** given up for good (window over, endpoint gone or refused) */
  failed: number;
}

/** The wait before attempt `attempt + 1` after `attempt` failed: the workflows' retry policy, in one place for the dispatcher. */
export function nextAttemptDelayMs(retry: WebhookRetrySettings, attempt: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  return Math.min(retry.initialIntervalSeconds * 1000 * 2 ** Math.max(0, attempt - 1), retry.maximumIntervalSeconds * 1000);
}

/**
 * Takes the due deliveries of `taskQueue`, makes one attempt of each and records them all: a
 * round costs a handful of statements whatever its size (the claim with what the attempts need,
 * then one transaction writing the attempts, the deliveries and their events' summaries), where a
 * workflow's delivery costs several for each.
 */
export async function dispatchDueDeliveries(deps: DispatchDependencies, { taskQueue, retry }: { taskQueue: string; retry: WebhookRetrySettings }, signal?: AbortSignal): Promise<DispatchRound> {
  const { pool, clock } = deps;
  // the lease outlasts one attempt's timeout and its recording
  const leaseSeconds = Math.ceil(deps.timeoutMs / 1000) + 30;
  const claimed = await pgSql(pool).rows<Claimed>(
    sql(
      `WITH due AS (
         SELECT event_id, endpoint_id FROM webhook_deliveries
         WHERE status = 'pending' AND dispatch_queue = $3 AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
         ORDER BY next_attempt_at
         LIMIT $1
         FOR UPDATE SKIP LOCKED
       ), taken AS (
         UPDATE webhook_deliveries AS delivery
         SET lease_until = now() + make_interval(secs => $2::float8), attempts = delivery.attempts + 1, updated_at = now()
         FROM due
         WHERE delivery.event_id = due.event_id AND delivery.endpoint_id = due.endpoint_id
         RETURNING delivery.event_id, delivery.endpoint_id, delivery.attempts
       )
       SELECT taken.event_id, taken.endpoint_id, taken.attempts, event.type, event.payload, event.created_at AS event_created_at,
              endpoint.url, endpoint.secret_ciphertext, endpoint.enabled
       FROM taken
       JOIN webhook_events AS event ON event.id = taken.event_id
       JOIN webhook_endpoints AS endpoint ON endpoint.id = taken.endpoint_id`,
      [DISPATCH_LIMITS.claimed, leaseSeconds, taskQueue],
    ),
  );
  if (claimed.length === 0) return { attempted: 0, delivered: 0, failed: 0 };
  const limit = pLimit(DISPATCH_LIMITS.concurrent);
  const settled = await Promise.all(claimed.map((row) => limit(() => attempt(deps, retry, row, signal))));
  await record(pool, settled, clock());
  return {
    attempted: settled.filter((one) => one.attempt !== null).length,
    delivered: settled.filter((one) => one.status === 'delivered').length,
    failed: settled.filter((one) => one.status === 'failed').length,
  };
}

/** One attempt of one delivery, and what it leads to. */
async function attempt(deps: DispatchDependencies, retry: WebhookRetrySettings, row: Claimed, signal?: AbortSignal): Promise<Settled> {
  const key = { event_id: row.event_id, endpoint_id: row.endpoint_id };
  // an endpoint disabled (or deleted) since the event was recorded gets nothing more
  if (!row.enabled) return { ...key, attempt: null, status: 'failed', next_attempt_at: null, disable: null };
  const now = deps.clock();
  const result = await deliverWebhook({
    url: row.url,
    secret: deps.protector.decrypt(row.secret_ciphertext, webhookSecretContext(row.endpoint_id)).toString('utf8'),
    eventId: row.event_id,
    eventType: row.type,
    payload: row.payload,
    now,
    // the body's timestamp is the event's, so every attempt sends the same bytes
    occurredAt: row.event_created_at,
    timeoutMs: deps.timeoutMs,
    allowPrivateNetwork: deps.allowPrivateNetwork,
    ...(signal ? { signal } : {}),
  });
  const made = { number: row.attempts, outcome: result.outcome, http_status: result.httpStatus, duration_ms: Math.round(result.durationMs), error: result.error ?? null };
  switch (result.outcome) {
    case 'delivered':
      return { ...key, attempt: made, status: 'delivered', next_attempt_at: null, disable: null };
    case 'disable':
      return { ...key, attempt: made, status: 'failed', next_attempt_at: null, disable: `HTTP ${result.httpStatus}` };
    case 'give_up':
      return { ...key, attempt: made, status: 'failed', next_attempt_at: null, disable: null };
    case 'retry': {
      const next = new Date(deps.clock().getTime() + nextAttemptDelayMs(retry, row.attempts, result.retryAfterMs));
      // the window counts from the event, as a workflow's from its delivery's first schedule
      const windowEnds = row.event_created_at.getTime() + retry.windowSeconds * 1000;
      if (next.getTime() > windowEnds) return { ...key, attempt: made, status: 'failed', next_attempt_at: null, disable: null };
      return { ...key, attempt: made, status: 'pending', next_attempt_at: next.toISOString(), disable: null };
    }
  }
}

/**
 * Records a round in one transaction: the attempts, each delivery's new state, endpoints that
 * answered 410, and the events' summaries (eventStatus.ts), with the events' rows locked first as
 * deliveryRecords.ts does (with its lock and summary), so a summary never misses another delivery's change.
 */
async function record(pool: pg.Pool, settled: Settled[], now: Date): Promise<void> {
  const eventIds = [...new Set(settled.map((one) => one.event_id))].sort();
  await inPgTransaction(pool, async (runner) => {
    await lockEvents(runner, eventIds);
    const attempts = settled.flatMap((one) => (one.attempt ? [{ event_id: one.event_id, endpoint_id: one.endpoint_id, ...one.attempt }] : []));
    if (attempts.length > 0) {
      await runner.run(
        sql(
          `INSERT INTO webhook_attempts (id, event_id, endpoint_id, attempt, outcome, http_status, duration_ms, error)
           SELECT gen_random_uuid(), row.event_id, row.endpoint_id, row.number, row.outcome, row.http_status, row.duration_ms, row.error
           FROM jsonb_to_recordset($1::jsonb) AS row(event_id text, endpoint_id uuid, number int, outcome text, http_status int, duration_ms int, error text)`,
          [JSON.stringify(attempts)],
        ),
      );
    }
    await runner.run(
      sql(
        `UPDATE webhook_deliveries AS delivery
         SET status = row.status::webhook_delivery_status,
             delivered_at = CASE WHEN row.status = 'delivered' THEN $2::timestamp ELSE delivery.delivered_at END,
             next_attempt_at = row.next_attempt_at, lease_until = NULL, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS row(event_id text, endpoint_id uuid, status text, next_attempt_at timestamptz)
         WHERE delivery.event_id = row.event_id AND delivery.endpoint_id = row.endpoint_id AND delivery.status = 'pending'`,
        [JSON.stringify(settled.map(({ event_id, endpoint_id, status, next_attempt_at }) => ({ event_id, endpoint_id, status, next_attempt_at }))), utcTimestamp(now)],
      ),
    );
    const gone = settled.filter((one) => one.disable !== null);
    if (gone.length > 0) {
      await runner.run(
        sql(
          `UPDATE webhook_endpoints AS endpoint SET enabled = false, disabled_at = $2::timestamp, disabled_reason = row.reason
           FROM jsonb_to_recordset($1::jsonb) AS row(endpoint_id uuid, reason text)
           WHERE endpoint.id = row.endpoint_id AND endpoint.enabled`,
          [JSON.stringify(gone.map((one) => ({ endpoint_id: one.endpoint_id, reason: one.disable }))), utcTimestamp(now)],
        ),
      );
    }
    await summariseEvents(runner, eventIds);
  });
}
