/**
 * Delivers the webhook events recorded outside a workflow (core/webhookEvents.ts): one workflow
 * per task queue, started by every main worker at boot (the first starts it, the others find it
 * running), running the dispatcher's activity one stretch after another. It carries no state of
 * its own (the deliveries' rows hold it), so it continues as new every few stretches to keep its
 * history short.
 */
import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { WebhookActivities } from '../workers/activities/webhooks.ts';
import type { WebhookRetrySettings } from './notifyMarketplace.ts';

export interface WebhookDispatchInput {
  webhook: WebhookRetrySettings;
  /** how long one activity dispatches before it hands back (default 60 s) */
  runSeconds?: number;
}

const STRETCHES_PER_RUN = 50;
const DEFAULT_RUN_SECONDS = 60;

export const webhookDispatchWorkflowId = (taskQueue: string): string => `webhook-dispatch-${taskQueue}`;

export async function webhookDispatch(input: WebhookDispatchInput): Promise<void> {
  const runSeconds = input.runSeconds ?? DEFAULT_RUN_SECONDS;
  const { deliverDueWebhooks } = proxyActivities<WebhookActivities>({
    // the stretch, then the attempts in flight (each bounded by WEBHOOK_TIMEOUT_MS, at most 2 minutes)
    startToCloseTimeout: (runSeconds + 180) * 1000,
    heartbeatTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
  });
  for (let stretch = 0; stretch < STRETCHES_PER_RUN; stretch += 1) await deliverDueWebhooks({ webhook: input.webhook, runSeconds });
  await continueAsNew<typeof webhookDispatch>(input);
}
