import type { WebhookRetrySettings } from '../workflows/notifyMarketplace.ts';
import type { Config } from './config.ts';

export type WebhookRetryConfig = Pick<Config, 'WEBHOOK_RETRY_INITIAL_SECONDS' | 'WEBHOOK_RETRY_MAX_INTERVAL_SECONDS' | 'WEBHOOK_RETRY_WINDOW_SECONDS'>;

/** How every capability's workflow retries its webhooks, from the settings (passed in as workflow input). */
export function webhookRetrySettings(config: WebhookRetryConfig): WebhookRetrySettings {
  return {
    initialIntervalSeconds: config.WEBHOOK_RETRY_INITIAL_SECONDS,
    maximumIntervalSeconds: config.WEBHOOK_RETRY_MAX_INTERVAL_SECONDS,
    windowSeconds: config.WEBHOOK_RETRY_WINDOW_SECONDS,
  };
}
