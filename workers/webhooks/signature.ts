/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the receiver recomputes
 * HMAC-SHA256 over `${id}.${timestamp}.${body}` with the shared secret and compares, so any change
 * to the body, the id or the timestamp invalidates the signature, and the timestamp lets it
 * refuse replays of old messages. The body must be signed and sent byte for byte identical:
 * sign the exact string you send, never a re-serialisation of it.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const webhookSecretPrefix = 'whsec_';
/** The specification asks for keys of 24 to 64 bytes. */
export const webhookSecretBytes = { min: 24, max: 64, generated: 32 } as const;

export interface StandardWebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export interface SignWebhookInput {
  /**
   * `whsec_` + base64 of the key. Pass two during a secret rotation: the header then carries one
   * signature per secret (space-separated), and receivers holding either secret accept it.
   */
  secret: string | readonly string[];
  /** `webhook-id`: stable across retries of the same event, so receivers can deduplicate */
  messageId: string;
  /** `webhook-timestamp`: Unix seconds of this attempt */
  timestampSeconds: number;
  /** the exact request body */
  body: string;
}

/** A stored secret that is not `whsec_` + base64 of 24-64 bytes: a configuration error. */
export class InvalidWebhookSecretError extends Error {
  override readonly name = 'InvalidWebhookSecretError';
  constructor(problem: string) {
    super(`invalid webhook secret: ${problem}`); // never echoes the secret itself
  }
}

/** The three Standard Webhooks headers for one delivery attempt. */
export function signWebhook({ secret, messageId, timestampSeconds, body }: SignWebhookInput): StandardWebhookHeaders {
  // The id goes into a header and into the signed content: visible ASCII only, no separators.
  if (!/^[\x21-\x7e]{1,255}$/.test(messageId)) throw new TypeError('webhook message id must be 1-255 visible ASCII characters');
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new TypeError('webhook timestamp must be whole non-negative Unix seconds');
  }
  const signedContent = `${messageId}.${timestampSeconds}.${body}`;
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (secrets.length === 0) throw new InvalidWebhookSecretError('no secret given');
  const signatures = secrets.map(
    (each) => `v1,${createHmac('sha256', decodeWebhookSecret(each)).update(signedContent, 'utf8').digest('base64')}`,
  );
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signatures.join(' '),
  };
}

/** A new endpoint secret, `whsec_` + base64 of 32 random bytes, to show the marketplace once. */
export function generateWebhookSecret(): string {
  return webhookSecretPrefix + randomBytes(webhookSecretBytes.generated).toString('base64');
}

/** The key bytes of a `whsec_` secret; strict, because Buffer's base64 decoder skips garbage. */
export function decodeWebhookSecret(secret: string): Buffer {
  if (!secret.startsWith(webhookSecretPrefix)) throw new InvalidWebhookSecretError(`missing "${webhookSecretPrefix}" prefix`);
  const encoded = secret.slice(webhookSecretPrefix.length);
  if (encoded.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) {
    throw new InvalidWebhookSecretError('key is not standard base64');
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length < webhookSecretBytes.min || key.length > webhookSecretBytes.max) {
    throw new InvalidWebhookSecretError(`key must be ${webhookSecretBytes.min}-${webhookSecretBytes.max} bytes`);
  }
  return key;
}
