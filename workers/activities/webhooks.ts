/**
 * Webhook bookkeeping and delivery. `deliverWebhookEvent` makes exactly one HTTP attempt per
 * activity attempt and records it; Temporal's retry policy provides the backoff and the retry
 * window, and a receiver's Retry-After becomes the next retry delay. Each endpoint's delivery is
 * settled on its own (workers/webhooks/deliveryRecords.ts).
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { PrismaClient } from '../../core/database.ts';
import type { DataProtector } from '../../core/dataProtection.ts';
import { webhookSecretContext } from '../../core/cipherContexts.ts';
import type { Prisma } from '../../prisma/generated/client.ts';
import { deliverWebhook } from '../webhooks/deliver.ts';
import { isDelivered, openDeliveries, recordDelivered, recordFailed } from '../webhooks/deliveryRecords.ts';
import { dispatchDueDeliveries, type DispatchRound } from '../webhooks/dispatch.ts';
import type { WebhookRetrySettings } from '../../workflows/notifyMarketplace.ts';

/** How often the dispatcher looks for due deliveries when the last look found none. */
const DISPATCH_IDLE_POLL_MS = 250;
const DISPATCH_HEARTBEAT_MS = 5_000;

export interface WebhookDependencies {
  prisma: PrismaClient;
  /** the pg pool under `prisma` (the dispatcher's set-based rounds) */
  pool: pg.Pool;
  protector: DataProtector;
  clock: () => Date;
  timeoutMs: number;
  allowPrivateNetwork: boolean;
}

export function createWebhookActivities({ prisma, pool, protector, clock, timeoutMs, allowPrivateNetwork }: WebhookDependencies) {
  return {
    /** One event per subject and type (a retry finds the same one), and the endpoints to deliver it to. */
    async createWebhookEvent(input: { subjectType: string; subjectId: string; eventType: string; tenantId: string; data: Record<string, unknown> }) {
      const { tenantId, data } = input;
      const event = await prisma.webhookEvent.upsert({
        where: { subjectType_subjectId_type: { subjectType: input.subjectType, subjectId: input.subjectId, type: input.eventType } },
        create: { id: `msg_${randomBytes(16).toString('hex')}`, tenantId, type: input.eventType, subjectType: input.subjectType, subjectId: input.subjectId, payload: data as Prisma.InputJsonObject },
        update: {},
      });
      return { eventId: event.id, endpointIds: await openDeliveries(prisma, { eventId: event.id, tenantId }) };
    },

    async deliverWebhookEvent({ eventId, endpointId }: { eventId: string; endpointId: string }): Promise<void> {
      // A retry after the success was recorded (the worker died before reporting it) sends nothing twice.
      if (await isDelivered(prisma, { eventId, endpointId })) return;
      const event = await prisma.webhookEvent.findUniqueOrThrow({ where: { id: eventId } });
      const endpoint = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
      if (!endpoint.enabled) throw ApplicationFailure.nonRetryable('the endpoint is disabled', 'WebhookEndpointGone');
      const attempt = Context.current().info.attempt;
      const result = await deliverWebhook({
        url: endpoint.url,
        secret: protector.decrypt(endpoint.secretCiphertext, webhookSecretContext(endpoint.id)).toString('utf8'),
        eventId,
        eventType: event.type,
        payload: event.payload as Record<string, unknown>,
        now: clock(),
        // the body's timestamp is the event's, so every retry sends the same bytes
        occurredAt: event.createdAt,
        signal: Context.current().cancellationSignal,
        timeoutMs,
        allowPrivateNetwork,
      });
      await prisma.webhookAttempt.create({
        data: { eventId, endpointId, attempt, outcome: result.outcome, httpStatus: result.httpStatus, durationMs: Math.round(result.durationMs), error: result.error },
      });
      switch (result.outcome) {
        case 'delivered':
          await recordDelivered(prisma, { eventId, endpointId }, clock());
          return;
        case 'disable':
          await prisma.webhookEndpoint.update({ where: { id: endpointId }, data: { enabled: false, disabledAt: clock(), disabledReason: `HTTP ${result.httpStatus}` } });
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
      await recordFailed(prisma, { eventId, endpointId });
      // the attempts hold each HTTP outcome; why the workflow stopped trying is only here
      Context.current().log.warn('webhook delivery failed for good', { eventId, endpointId, reason });
    },
  };
}

export type WebhookActivities = ReturnType<typeof createWebhookActivities>;
