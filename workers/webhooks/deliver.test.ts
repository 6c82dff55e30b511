import type { ReplyFnContext } from 'nock';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HostnameResolver } from '../http/outboundFetch.ts';
import { nock, replyAfter } from '../http/testing/nock.ts';
import { deliverWebhook, responseExcerptBytes, type DeliverWebhookInput, type DeliveryAttemptOutcome } from './deliver.ts';
import { generateWebhookSecret } from './signature.ts';

const receiver = 'https://hooks.marketplace.example.test';
const publicHost: HostnameResolver = async () => [{ address: '93.184.215.14', family: 4 }];
const secret = generateWebhookSecret();

function attempt(overrides: Partial<DeliverWebhookInput> = {}): Promise<DeliveryAttemptOutcome> {
  return deliverWebhook({
    url: `${receiver}/bonafide`,
    secret,
    eventId: 'evt_2f8c1d',
    eventType: 'seller.vetting.completed',
    payload: { sellerId: 'sel_42', verdict: 'approve' },
    now: new Date(),
    timeoutMs: 2000,
    resolveHostname: publicHost,
    ...overrides,
  });
}

interface Captured {
  body: string;
  headers: Record<string, string>;
}

/** A nock reply that records what the receiver got, byte for byte. */
function capturing(into: Captured[], status: number, body = '', headers: Record<string, string> = {}) {
  return function (this: ReplyFnContext) {
    // the raw bytes as sent (nock's body argument is re-serialised JSON); nock keeps them on the request
    const raw = (this.req as unknown as { requestBodyBuffers: Buffer[] }).requestBodyBuffers;
    into.push({ body: Buffer.concat(raw).toString('utf8'), headers: this.req.headers });
    return [status, body, headers] as [number, string, Record<string, string>];
  };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('deliverWebhook', () => {
  it('delivers a Standard Webhooks message that the reference verifier accepts', async () => {
    const received: Captured[] = [];
    nock(receiver).post('/bonafide').reply(capturing(received, 200, 'ok'));

    const result = await attempt();

    expect(result).toMatchObject({ outcome: 'delivered', httpStatus: 200, responseExcerpt: 'ok' });
    expect(result.error).toBeUndefined();
    const [message] = received;
    if (!message) throw new Error('receiver got nothing');
    expect(message.headers['content-type']).toBe('application/json');
    const verified = new Webhook(secret).verify(message.body, message.headers);
    expect(verified).toEqual({
      type: 'seller.vetting.completed',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      data: { sellerId: 'sel_42', verdict: 'approve' },
    });
  });

  it('keeps webhook-id and body across retries while the timestamp moves', async () => {
    const received: Captured[] = [];
    nock(receiver).post('/bonafide').reply(capturing(received, 503)).post('/bonafide').reply(capturing(received, 204));
    const occurredAt = new Date(Date.now() - 60_000);

    const first = await attempt({ occurredAt, now: new Date(Date.now() - 30_000) });
    const second = await attempt({ occurredAt });

    expect([first.outcome, second.outcome]).toEqual(['retry', 'delivered']);
    const [one, two] = received;
    expect(one?.headers['webhook-id']).toBe('evt_2f8c1d');
    expect(two?.headers['webhook-id']).toBe('evt_2f8c1d');
    expect(one?.body).toBe(two?.body);
    expect(one?.headers['webhook-timestamp']).not.toBe(two?.headers['webhook-timestamp']);
    expect(new Webhook(secret).verify(two?.body ?? '', two?.headers ?? {})).toBeTruthy();
  });

  it('treats a redirect as a failure to retry and never follows it', async () => {
    nock(receiver).post('/bonafide').reply(307, '', { location: 'http://169.254.169.254/latest/' });
    const metadata = nock('http://169.254.169.254').post(/.*/).reply(200);

    const result = await attempt();

    expect(result).toMatchObject({ outcome: 'retry', httpStatus: 307, error: 'HTTP 307: redirect not followed' });
    expect(metadata.isDone()).toBe(false);
  });

  it('disables the endpoint on 410 Gone', async () => {
    nock(receiver).post('/bonafide').reply(410);
    expect(await attempt()).toMatchObject({ outcome: 'disable', httpStatus: 410 });
  });

  it('honours Retry-After in seconds on 429', async () => {
    nock(receiver).post('/bonafide').reply(429, 'slow down', { 'retry-after': '30' });
    expect(await attempt()).toMatchObject({ outcome: 'retry', httpStatus: 429, retryAfterMs: 30_000 });
  });

  it('honours Retry-After as an HTTP date on 503, capped at one hour', async () => {
    const now = new Date();
    const inTwoMinutes = new Date(now.getTime() + 120_000).toUTCString();
    nock(receiver).post('/bonafide').reply(503, '', { 'retry-after': inTwoMinutes });
    const soon = await attempt({ now });
    expect(soon.retryAfterMs).toBeGreaterThan(118_000);
    expect(soon.retryAfterMs).toBeLessThanOrEqual(120_000);

    nock(receiver).post('/bonafide').reply(503, '', { 'retry-after': '604800' });
    expect(await attempt()).toMatchObject({ outcome: 'retry', retryAfterMs: 3_600_000 });
  });

  it('retries other 4xx and 5xx, keeping only an excerpt of the response', async () => {
    nock(receiver).post('/bonafide').reply(400, 'bad signature?');
    expect(await attempt()).toMatchObject({ outcome: 'retry', httpStatus: 400, error: 'HTTP 400', responseExcerpt: 'bad signature?' });

    nock(receiver).post('/bonafide').reply(500, 'e'.repeat(10_000));
    const failed = await attempt();
    expect(failed).toMatchObject({ outcome: 'retry', httpStatus: 500 });
    expect(failed.responseExcerpt).toHaveLength(responseExcerptBytes);
    expect(failed.retryAfterMs).toBeUndefined();
  });

  it('retries after a timeout, with no status', async () => {
    nock(receiver).post('/bonafide').reply(replyAfter(1500, 200));
    const result = await attempt({ timeoutMs: 100 });
    expect(result).toMatchObject({ outcome: 'retry', httpStatus: null, error: 'outbound request timed out after 100 ms' });
    expect(result.durationMs).toBeLessThan(1000);
  });

  it('retries after a network failure', async () => {
    const result = await attempt({ url: 'https://down.marketplace.example.test/hook' });
    expect(result).toMatchObject({ outcome: 'retry', httpStatus: null, error: 'outbound request failed: ENETUNREACH' });
  });

  it('gives up on a URL that resolves to a private address, without sending', async () => {
    const scope = nock(receiver).post('/bonafide').reply(200);
    const result = await attempt({ resolveHostname: async () => [{ address: '10.0.0.5', family: 4 }] });
    expect(result).toMatchObject({ outcome: 'give_up', httpStatus: null });
    // the attempt's error is shown to the marketplace: it says why, not which internal address
    expect(result.error).toBe('destination refused: resolves to a non-public address');
    expect(result.error).not.toContain('10.0.0.5');
    expect(scope.isDone()).toBe(false);
  });

  it('gives up on a non-HTTP URL', async () => {
    expect(await attempt({ url: 'gopher://hooks.marketplace.example.test/' })).toMatchObject({ outcome: 'give_up' });
  });

  it('delivers to a private development receiver when allowed', async () => {
    nock('http://127.0.0.1:4500').post('/hooks').reply(200);
    const result = await attempt({ url: 'http://127.0.0.1:4500/hooks', allowPrivateNetwork: true });
    expect(result.outcome).toBe('delivered');
  });

  it('never puts the secret or the payload into the error', async () => {
    nock(receiver).post('/bonafide').reply(401, 'who are you');
    const result = await attempt();
    expect(JSON.stringify(result)).not.toContain(secret.slice(6));
    expect(result.error).not.toContain('sel_42');
  });
});
