/**
 * An event's status summarises its deliveries, one per endpoint: a marketplace with two
 * receivers has the event only when both have it, and one receiver that never got it makes the
 * event failed even if the other did. Each delivery's own status says which.
 */
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';
export type WebhookEventStatus = WebhookDeliveryStatus | 'undeliverable';

export function webhookEventStatus(deliveries: readonly WebhookDeliveryStatus[]): WebhookEventStatus {
  if (deliveries.length === 0) return 'undeliverable';
  if (deliveries.includes('pending')) return 'pending';
  return deliveries.every((status) => status === 'delivered') ? 'delivered' : 'failed';
}
