import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  decodeWebhookSecret,
  generateWebhookSecret,
  InvalidWebhookSecretError,
  signWebhook,
  webhookSecretPrefix,
} from './signature.ts';

// standardwebhooks is the reference implementation: an independent verifier of our headers.
const nowSeconds = () => Math.floor(Date.now() / 1000);
const body = JSON.stringify({ type: 'seller.vetting.completed', timestamp: '2026-03-02T10:00:00.000Z', data: { sellerId: 's_1' } });

describe('signWebhook', () => {
  it('produces headers the reference verifier accepts', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook({ secret, messageId: 'evt_01', timestampSeconds: nowSeconds(), body });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('matches the reference signature byte for byte', () => {
    const secret = generateWebhookSecret();
    const timestampSeconds = 1_772_445_600;
    const headers = signWebhook({ secret, messageId: 'evt_02', timestampSeconds, body });
    expect(headers['webhook-timestamp']).toBe('1772445600');
    expect(headers['webhook-signature']).toBe(new Webhook(secret).sign('evt_02', new Date(timestampSeconds * 1000), body));
  });

  it('fails verification when the body, id or timestamp is tampered with', () => {
    const secret = generateWebhookSecret();
    const timestampSeconds = nowSeconds();
    const headers = signWebhook({ secret, messageId: 'evt_03', timestampSeconds, body });
    const verifier = new Webhook(secret);
    expect(() => verifier.verify(body.replace('s_1', 's_2'), headers)).toThrow(WebhookVerificationError);
    expect(() => verifier.verify(body, { ...headers, 'webhook-id': 'evt_04' })).toThrow(WebhookVerificationError);
    expect(() => verifier.verify(body, { ...headers, 'webhook-timestamp': String(timestampSeconds - 1) })).toThrow(
      WebhookVerificationError,
    );
  });

  it('fails verification under another secret', () => {
    const headers = signWebhook({ secret: generateWebhookSecret(), messageId: 'evt_05', timestampSeconds: nowSeconds(), body });
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
  });

  it('signs with both secrets during a rotation, so either verifies', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = signWebhook({ secret: [current, previous], messageId: 'evt_06', timestampSeconds: nowSeconds(), body });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toBeTruthy();
    expect(new Webhook(previous).verify(body, headers)).toBeTruthy();
  });

  it('refuses message ids and timestamps that cannot go into a header', () => {
    const secret = generateWebhookSecret();
    expect(() => signWebhook({ secret, messageId: 'evt 07', timestampSeconds: 1, body })).toThrow(TypeError);
    expect(() => signWebhook({ secret, messageId: 'evt_07\r\nx: y', timestampSeconds: 1, body })).toThrow(TypeError);
    expect(() => signWebhook({ secret, messageId: 'evt_07', timestampSeconds: 1.5, body })).toThrow(TypeError);
  });
});

describe('webhook secrets', () => {
  it('generates distinct whsec_ secrets of 32 random bytes', () => {
    const first = generateWebhookSecret();
    expect(first.startsWith(webhookSecretPrefix)).toBe(true);
    expect(decodeWebhookSecret(first)).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(first);
  });

  it.each([
    ['no prefix', Buffer.alloc(32, 1).toString('base64')],
    ['not base64', `whsec_${'!'.repeat(44)}`],
    ['too short', `whsec_${Buffer.alloc(16, 1).toString('base64')}`],
    ['too long', `whsec_${Buffer.alloc(65, 1).toString('base64')}`],
  ])('refuses a secret with %s, without echoing it', (_problem, secret) => {
    const failure = (() => {
      try {
        decodeWebhookSecret(secret);
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(InvalidWebhookSecretError);
    expect((failure as Error).message).not.toContain(secret.slice(6, 20));
  });
});
