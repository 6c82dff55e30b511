import { describe, expect, it } from 'vitest';
import { webhookEventStatus } from './eventStatus.ts';

describe('webhookEventStatus', () => {
  it('is delivered only when every endpoint has the event', () => {
    expect(webhookEventStatus(['delivered'])).toBe('delivered');
    expect(webhookEventStatus(['delivered', 'delivered'])).toBe('delivered');
    expect(webhookEventStatus(['delivered', 'pending'])).toBe('pending');
  });

  it('is failed once nothing is pending and some endpoint never got it', () => {
    expect(webhookEventStatus(['delivered', 'failed'])).toBe('failed');
    expect(webhookEventStatus(['failed'])).toBe('failed');
    expect(webhookEventStatus(['failed', 'pending'])).toBe('pending');
  });

  it('is undeliverable without any endpoint', () => {
    expect(webhookEventStatus([])).toBe('undeliverable');
  });
});
