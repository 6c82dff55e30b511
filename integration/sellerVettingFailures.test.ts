/**
 * When the outside world misbehaves: a registry that errors or redirects somewhere private
 * never lets a vetting through automatically; a marketplace endpoint that fails is retried
 * (Retry-After honoured, redirects not followed) and every attempt recorded; 410 disables it;
 * a case nobody settles rises in priority while the workflow keeps waiting.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nock } from '../workers/http/testing/nock.ts';
import { HttpRegistryProvider } from '../workers/registry/index.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { applicantFor, registerWebhook, submitVetting, waitForVetting } from './support/vettings.ts';
import { startWebhookReceiver } from './support/webhookReceiver.ts';

const registryUrl = 'https://kyb.registry.test';
let platform: TestPlatform;
beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  platform = await startTestPlatform({
    documents: true,
    // a public address for the provider's name (nock answers before any connection is made)
    registry: new HttpRegistryProvider({ baseUrl: registryUrl, apiKey: 'test-key', timeoutMs: 1_000, resolveHostname: async () => [{ address: '93.184.215.14', family: 4 }] }),
    config: { WEBHOOK_RETRY_INITIAL_SECONDS: '1', CASE_SLA_SECONDS: '2' },
  });
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  nock.enableNetConnect();
  await platform?.close();
});

const business = (file: string) => applicantFor(file, { applicantType: 'business', business: { name: 'Quillfeather Supplies Ltd', registrationNumber: '09876543' } });
const codes = (vetting: { verdict: { signals: { code: string }[] } }) => vetting.verdict.signals.map((signal) => signal.code);

describe('registry provider failures escalate, never approve', () => {
  it('a provider answering 503 on every attempt', { timeout: 60_000 }, async () => {
    const scope = nock(registryUrl).get('/v1/companies/GB/09876543').times(10).reply(503, 'unavailable');
    let requests = 0;
    scope.on('request', () => requests++);
    const { apiKey } = await platform.createTenant();
    const { id } = (await submitVetting(platform, apiKey, business('td3-valid-04.jpg'))).json();
    const vetting = await waitForVetting(platform, apiKey, id, (candidate) => candidate.status === 'awaiting_review', 45_000);
    expect(vetting.verdict.automated.outcome).toBe('escalate');
    expect(codes(vetting)).toContain('registry.unavailable');
    // it was really asked, and retried: one request per activity attempt, four attempts
    // (checkBusinessRegistry's registryAttempts) before the provider is recorded as unavailable
    expect(requests).toBe(4);
  });

  it('a provider redirecting to a private address is not followed', { timeout: 60_000 }, async () => {
    nock(registryUrl).get('/v1/companies/GB/09876543').times(10).reply(302, '', { location: 'http://169.254.169.254/latest/meta-data' });
    const { apiKey } = await platform.createTenant();
    const { id } = (await submitVetting(platform, apiKey, business('td3-valid-05.jpg'))).json();
    const vetting = await waitForVetting(platform, apiKey, id, (candidate) => candidate.status === 'awaiting_review', 45_000);
    const signal = vetting.verdict.signals.find((candidate: { code: string }) => candidate.code === 'registry.unavailable');
    expect(signal?.evidence).toMatchObject({ reason: 'redirect' });
  });
});

describe('webhook delivery', () => {
  it('retries a failing endpoint, honours Retry-After, does not follow redirects, and records each attempt', { timeout: 60_000 }, async () => {
    const receiver = await startWebhookReceiver([
      { status: 503, headers: { 'retry-after': '3' } },
      { status: 302, headers: { location: 'http://169.254.169.254/' } },
      { status: 200 },
    ]);
    try {
      const { apiKey } = await platform.createTenant();
      await registerWebhook(platform, apiKey, receiver.url);
      const { id } = (await submitVetting(platform, apiKey, applicantFor('td3-valid-06.jpg'))).json();
      await waitForVetting(platform, apiKey, id, (candidate) => candidate.status === 'completed');
      await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(3);
      const [first, second, third] = receiver.received as [typeof receiver.received[number], typeof receiver.received[number], typeof receiver.received[number]];
      expect(second.at - first.at).toBeGreaterThanOrEqual(2_900);
      expect(new Set(receiver.received.map((request) => request.headers['webhook-id'])).size).toBe(1);
      expect(third.body).toBe(first.body);

      const deliveries = await platform.app.inject({ method: 'GET', url: '/v1/webhook-deliveries', headers: { authorization: `Bearer ${apiKey}` } });
      await expect
        .poll(async () => (await platform.app.inject({ method: 'GET', url: '/v1/webhook-deliveries', headers: { authorization: `Bearer ${apiKey}` } })).json().items[0].status)
        .toBe('delivered');
      expect(deliveries.json().items[0].attempts.map((attempt: { outcome: string; httpStatus: number }) => [attempt.outcome, attempt.httpStatus])).toEqual(
        expect.arrayContaining([
          ['retry', 503],
          ['retry', 302],
        ]),
      );
    } finally {
      await receiver.close();
    }
  });

  it('disables an endpoint that answers 410 Gone', { timeout: 60_000 }, async () => {
    const receiver = await startWebhookReceiver([{ status: 410 }]);
    try {
      const { apiKey, tenantId } = await platform.createTenant();
      await registerWebhook(platform, apiKey, receiver.url);
      const { id } = (await submitVetting(platform, apiKey, applicantFor('td1-valid-02.jpg'))).json();
      await waitForVetting(platform, apiKey, id, (candidate) => candidate.status === 'completed');
      await expect.poll(async () => (await platform.database.prisma.webhookEndpoint.findFirstOrThrow({ where: { tenantId } })).enabled, { timeout: 20_000 }).toBe(false);
      await expect.poll(async () => (await platform.database.prisma.webhookEvent.findFirstOrThrow({ where: { tenantId } })).status, { timeout: 20_000 }).toBe('failed');
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });
});

describe('case SLA', () => {
  it('raises the priority of an unsettled case each time its SLA passes, while the workflow keeps waiting', { timeout: 60_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    const { id } = (await submitVetting(platform, apiKey, applicantFor('td1-mismatch-02.jpg'))).json();
    const waiting = await waitForVetting(platform, apiKey, id, (candidate) => candidate.status === 'awaiting_review');
    const initial = waiting.verdict.review.priority as string;
    const order = ['low', 'normal', 'high', 'urgent'];
    await expect
      .poll(async () => order.indexOf((await platform.database.prisma.case.findUniqueOrThrow({ where: { id: waiting.verdict.review.caseId } })).priority), { timeout: 20_000 })
      .toBeGreaterThan(order.indexOf(initial));
    const raised = await platform.database.prisma.case.findUniqueOrThrow({ where: { id: waiting.verdict.review.caseId } });
    expect(raised.slaBreaches).toBeGreaterThanOrEqual(1);
    expect(raised.status).toBe('open');
    const description = await platform.temporal.workflow.getHandle(`seller-vetting-${id}`).describe();
    expect(description.status.name).toBe('RUNNING');
  });
});
