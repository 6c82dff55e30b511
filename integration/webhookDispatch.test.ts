/**
 * Events recorded outside a workflow (a check answered at intake) go out through the queue's
 * dispatcher, started by the worker as in production: each endpoint is attempted on its own, a
 * failing one is retried with backoff until the window ends, one that answers 410 is disabled,
 * and every attempt is recorded as a workflow's are.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../workers/webhooks/signature.ts';
import { prismaSql } from '../core/sql.ts';
import { recordDispatchedEvent } from '../core/webhookEvents.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { registerWebhook } from './support/vettings.ts';
import { startWebhookReceiver } from './support/webhookReceiver.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ config: { WEBHOOK_RETRY_INITIAL_SECONDS: '1', WEBHOOK_RETRY_MAX_INTERVAL_SECONDS: '2', WEBHOOK_RETRY_WINDOW_SECONDS: '8' } });
});
afterAll(async () => platform?.close());

const recordEvent = async (tenantId: string, data: Record<string, unknown>, taskQueue = platform.config.TEMPORAL_TASK_QUEUE) =>
  await platform.database.prisma.$transaction(async (tx) =>
    await recordDispatchedEvent(prismaSql(tx), { subjectType: 'authenticity_check', subjectId: randomUUID(), eventType: 'authenticity_check.completed', tenantId, data, taskQueue }),
  );

const deliveriesOf = async (eventId: string) =>
  await platform.database.prisma.webhookDelivery.findMany({ where: { eventId }, include: { endpoint: { select: { url: true, enabled: true } } }, orderBy: { endpoint: { createdAt: 'asc' } } });

describe('the webhook dispatcher', () => {
  it('delivers to each endpoint on its own: one answers at once, one is retried until it answers', { timeout: 60_000 }, async () => {
    const answering = await startWebhookReceiver();
    const flaky = await startWebhookReceiver([{ status: 503 }, { status: 500 }]);
    try {
      const { apiKey, tenantId } = await platform.createTenant();
      const secrets = [await registerWebhook(platform, apiKey, answering.url), await registerWebhook(platform, apiKey, flaky.url)];
      const { eventId, endpoints } = await recordEvent(tenantId, { checkId: 'c-1' });
      expect(endpoints).toBe(2);

      await expect.poll(async () => (await platform.database.prisma.webhookEvent.findUniqueOrThrow({ where: { id: eventId } })).status, { timeout: 30_000, interval: 200 }).toBe('delivered');
      expect(answering.received).toHaveLength(1);
      expect(flaky.received).toHaveLength(3);
      // the receiver deduplicates on webhook-id, and the body is the same bytes on every attempt
      expect(new Set(flaky.received.map((request) => request.headers['webhook-id']))).toEqual(new Set([eventId]));
      expect(new Set(flaky.received.map((request) => request.body)).size).toBe(1);
      // backoff: at least the initial interval, then twice it, between attempts
      const gaps = flaky.received.slice(1).map((request, index) => request.at - flaky.received[index]!.at);
      expect(gaps[0]).toBeGreaterThanOrEqual(900);
      expect(gaps[1]).toBeGreaterThanOrEqual(1_900);
      const [first, second] = [answering.received[0]!, flaky.received[2]!];
      expect(JSON.parse(first.body)).toMatchObject({ type: 'authenticity_check.completed', data: { checkId: 'c-1' } });
      for (const [request, secret] of [[first, secrets[0]!], [second, secrets[1]!]] as const) {
        const expected = signWebhook({ secret, messageId: String(request.headers['webhook-id']), timestampSeconds: Number(request.headers['webhook-timestamp']), body: request.body });
        expect(request.headers['webhook-signature']).toBe(expected['webhook-signature']);
      }
      const deliveries = await deliveriesOf(eventId);
      expect(deliveries.map((delivery) => [delivery.endpoint.url, delivery.status, delivery.attempts, delivery.nextAttemptAt, delivery.leaseUntil])).toEqual([
        [answering.url, 'delivered', 1, null, null],
        [flaky.url, 'delivered', 3, null, null],
      ]);
      const attempts = await platform.database.prisma.webhookAttempt.findMany({ where: { eventId }, orderBy: { createdAt: 'asc' } });
      expect(attempts.filter((attempt) => attempt.endpointId === deliveries[1]!.endpointId).map((attempt) => [attempt.attempt, attempt.outcome, attempt.httpStatus])).toEqual([
        [1, 'retry', 503],
        [2, 'retry', 500],
        [3, 'delivered', 204],
      ]);
    } finally {
      await answering.close();
      await flaky.close();
    }
  });

  it('gives up when the window ends, and disables an endpoint that answers 410', { timeout: 60_000 }, async () => {
    const failing = await startWebhookReceiver(Array.from({ length: 50 }, () => ({ status: 503 })));
    const gone = await startWebhookReceiver([{ status: 410 }]);
    try {
      const { apiKey, tenantId } = await platform.createTenant();
      await registerWebhook(platform, apiKey, failing.url);
      await registerWebhook(platform, apiKey, gone.url);
      const { eventId } = await recordEvent(tenantId, { checkId: 'c-2' });

      await expect.poll(async () => (await platform.database.prisma.webhookEvent.findUniqueOrThrow({ where: { id: eventId } })).status, { timeout: 40_000, interval: 250 }).toBe('failed');
      const deliveries = await deliveriesOf(eventId);
      expect(deliveries.map((delivery) => [delivery.endpoint.url, delivery.status, delivery.endpoint.enabled])).toEqual([
        [failing.url, 'failed', true],
        [gone.url, 'failed', false],
      ]);
      expect(gone.received).toHaveLength(1);
      // attempts went on until the next one would fall past the 8 s window, and none after it
      expect(failing.received.length).toBeGreaterThanOrEqual(3);
      const attempts = await platform.database.prisma.webhookAttempt.count({ where: { eventId, endpointId: deliveries[0]!.endpointId } });
      expect(attempts).toBe(failing.received.length);
      const last = failing.received.at(-1)!.at;
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(failing.received.at(-1)!.at).toBe(last);
    } finally {
      await failing.close();
      await gone.close();
    }
  });

  it('leaves another queue’s events to that queue’s dispatcher, and records no delivery for a marketplace without endpoints', { timeout: 30_000 }, async () => {
    const receiver = await startWebhookReceiver();
    try {
      const { apiKey, tenantId } = await platform.createTenant();
      await registerWebhook(platform, apiKey, receiver.url);
      const { eventId } = await recordEvent(tenantId, { checkId: 'c-3' }, `elsewhere-${randomUUID()}`);
      const { tenantId: silent } = await platform.createTenant();
      const unsent = await recordEvent(silent, { checkId: 'c-4' });
      expect(unsent.endpoints).toBe(0);
      expect((await platform.database.prisma.webhookEvent.findUniqueOrThrow({ where: { id: unsent.eventId } })).status).toBe('undeliverable');
      // this queue's dispatcher looks every quarter second: two seconds is many looks
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(receiver.received).toHaveLength(0);
      expect((await deliveriesOf(eventId)).map((delivery) => [delivery.status, delivery.attempts])).toEqual([['pending', 0]]);
    } finally {
      await receiver.close();
    }
  });
});
