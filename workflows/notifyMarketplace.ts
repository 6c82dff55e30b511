/**
 * Notify a marketplace of a final outcome: record one event (its id is the `webhook-id` every
 * attempt carries, so receivers can deduplicate), then deliver it to each enabled endpoint, one
 * attempt per activity attempt, retried with backoff by Temporal until the retry window ends.
 */
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { WebhookActivities } from '../workers/activities/webhooks.ts';

export interface WebhookRetrySettings {
  initialIntervalSeconds: number;
  maximumIntervalSeconds: number;
  windowSeconds: number;
}

/** What the event is about and what it says (ids and codes only: it is stored in history). */
export interface NotificationSubject {
  subjectType: string;
  subjectId: string;
  eventType: string;
  tenantId: string;
  data: Record<string, unknown>;
}

const bookkeeping = proxyActivities<WebhookActivities>({ startToCloseTimeout: '20 seconds', retry: { maximumInterval: '30 seconds' } });

export async function notifyMarketplace(subject: NotificationSubject, retry: WebhookRetrySettings): Promise<void> {
  await (await startNotification(subject, retry)).delivered;
}

/**
 * Records the event and starts its deliveries without waiting for them (the same commands, in the
 * same order, as `notifyMarketplace`): `delivered` settles once every endpoint has it or was given
 * up on. A workflow that goes on meanwhile must await `delivered` before it ends.
 */
export async function startNotification(subject: NotificationSubject, retry: WebhookRetrySettings): Promise<{ delivered: Promise<void> }> {
  const { eventId, endpointIds } = await bookkeeping.createWebhookEvent(subject);
  const delivery = proxyActivities<WebhookActivities>({
    // one HTTP attempt, bounded by WEBHOOK_TIMEOUT_MS (at most 2 minutes)
    startToCloseTimeout: '2 minutes',
    scheduleToCloseTimeout: retry.windowSeconds * 1000,
    retry: {
      initialInterval: retry.initialIntervalSeconds * 1000,
      maximumInterval: retry.maximumIntervalSeconds * 1000,
      backoffCoefficient: 2,
      nonRetryableErrorTypes: ['WebhookGiveUp', 'WebhookEndpointGone'],
    },
  });
  const delivered = Promise.all(
    endpointIds.map(async (endpointId) => {
      try {
        await delivery.deliverWebhookEvent({ eventId, endpointId });
      } catch (error) {
        if (!(error instanceof ActivityFailure)) throw error;
        await bookkeeping.markWebhookEventFailed({ eventId, endpointId, reason: error.cause?.message ?? error.message });
      }
    }),
  ).then(() => undefined);
  return { delivered };
}
