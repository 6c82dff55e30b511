/**
 * A marketplace with two webhook endpoints: each is retried and settled on its own. One that
 * keeps failing is retried until its window ends and reported as never delivered, while the one
 * that answered is sent the event once and reported delivered.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { sellerProbationNotice } from '../workflows/sellerProbation.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { registerWebhook } from './support/vettings.ts';
import { startWebhookReceiver } from './support/webhookReceiver.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

interface ListedEvent {
  id: string;
  status: string;
  deliveredAt: string | null;
  deliveries: { endpointId: string; status: string; deliveredAt: string | null }[];
  attempts: { endpointId: string; outcome: string; httpStatus: number | null }[];
}

describe('webhook delivery per endpoint', () => {
  it('retries only the failing endpoint and reports it undelivered, while the other is delivered once', { timeout: 60_000 }, async () => {
    const answering = await startWebhookReceiver();
    const failing = await startWebhookReceiver(Array.from({ length: 100 }, () => ({ status: 503 })));
    try {
      const { apiKey, tenantId } = await platform.createTenant();
      await registerWebhook(platform, apiKey, answering.url);
      await registerWebhook(platform, apiKey, failing.url);
      const endpoints = await platform.database.prisma.webhookEndpoint.findMany({ where: { tenantId } });
      const endpointOf = (url: string) => endpoints.find((endpoint) => endpoint.url === url)!.id;
      const listed = async (): Promise<ListedEvent> => {
        const response = await platform.app.inject({ method: 'GET', url: '/v1/webhook-deliveries', headers: { authorization: `Bearer ${apiKey}` } });
        expect(response.statusCode, response.body).toBe(200);
        return response.json().items[0];
      };
      const deliveryTo = (event: ListedEvent, url: string) => event.deliveries.find((delivery) => delivery.endpointId === endpointOf(url));

      // Any workflow that notifies a marketplace will do: a probation change's notice is the smallest.
      const handle = await platform.temporal.workflow.start<typeof sellerProbationNotice>('sellerProbationNotice', {
        taskQueue: platform.config.TEMPORAL_TASK_QUEUE,
        workflowId: `webhook-deliveries-${randomUUID()}`,
        args: [{ changeId: randomUUID(), tenantId, data: { probe: true }, webhook: { initialIntervalSeconds: 1, maximumIntervalSeconds: 1, windowSeconds: 12 } }],
      });

      // while the failing endpoint is being retried, the other already has the event
      await expect.poll(() => failing.received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
      await expect.poll(async () => deliveryTo(await listed(), answering.url)?.status, { timeout: 10_000 }).toBe('delivered');
      const during = await listed();
      expect(during).toMatchObject({ status: 'pending', deliveredAt: null });
      expect(deliveryTo(during, failing.url)).toMatchObject({ status: 'pending', deliveredAt: null });
      expect(deliveryTo(during, answering.url)?.deliveredAt).toEqual(expect.any(String));

      await handle.result();
      const after = await listed();
      expect(after).toMatchObject({ status: 'failed', deliveredAt: null });
      expect(deliveryTo(after, failing.url)).toMatchObject({ status: 'failed', deliveredAt: null });
      expect(deliveryTo(after, answering.url)).toMatchObject({ status: 'delivered', deliveredAt: expect.any(String) });

      expect(answering.received).toHaveLength(1);
      expect(failing.received.length).toBeGreaterThan(3);
      expect(new Set([...answering.received, ...failing.received].map((request) => request.headers['webhook-id']))).toEqual(new Set([after.id]));
      const outcomesAt = (url: string) => after.attempts.filter((attempt) => attempt.endpointId === endpointOf(url)).map((attempt) => [attempt.outcome, attempt.httpStatus]);
      expect(outcomesAt(answering.url)).toEqual([['delivered', 204]]);
      expect(outcomesAt(failing.url)).toEqual(failing.received.map(() => ['retry', 503]));
    } finally {
      await answering.close();
      await failing.close();
    }
  });
});
