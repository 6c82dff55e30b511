/**
 * The buyer page's links: a token naming one check, signed with HMAC-SHA256 under the server's
 * `BUYER_LINK_SECRET`, valid until the check's creation plus `BUYER_LINK_TTL_SECONDS` (so a
 * check's link is the same every time it is shown). No login: whoever holds the link sees that
 * check's state in the buyer's words and may send its photos, nothing else.
 *
 * Written on node:crypto rather than a JWT library: the token carries two fields and one fixed
 * algorithm, so there is no header to negotiate (nothing like `alg: none` to refuse) and the
 * whole check is the dozen lines below.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../../core/config.ts';

/** Binds the signature to this use, so the secret signs nothing else that could pass for a link. */
const PURPOSE = 'bonafide.authenticity-check.buyer-link.v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A token is never longer: a longer path segment is refused before any work. */
export const BUYER_TOKEN_MAX_LENGTH = 200;

export interface BuyerLinks {
  token(check: { id: string; createdAt: Date }): string;
  url(check: { id: string; createdAt: Date }): string;
  /** the check a token names, when its signature holds and it has not expired; null otherwise, whichever it is */
  verify(token: string, now?: Date): string | null;
  /**
   * The key of a token's per-check rate limit: its check when the signature holds (expired or
   * not: a leaked link still counts against its own check), one shared `not-valid` key otherwise,
   * so forged tokens naming a check can never spend that check's budget.
   */
  rateLimitKey(token: string): string;
}

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

export function createBuyerLinks(config: Pick<Config, 'BUYER_LINK_SECRET' | 'BUYER_LINK_TTL_SECONDS' | 'BUYER_PAGE_URL'>, onRandomSecret?: () => void): BuyerLinks {
  const secret = config.BUYER_LINK_SECRET === '' ? randomBytes(32).toString('hex') : config.BUYER_LINK_SECRET;
  if (config.BUYER_LINK_SECRET === '') onRandomSecret?.();
  const sign = (payload: string) => createHmac('sha256', secret).update(`${PURPOSE}|${payload}`).digest();
  const payloadOf = (check: { id: string; createdAt: Date }) => `${check.id}.${Math.floor(check.createdAt.getTime() / 1000) + config.BUYER_LINK_TTL_SECONDS}`;
  const token = (check: { id: string; createdAt: Date }) => {
    const payload = payloadOf(check);
    return `${encode(payload)}.${sign(payload).toString('base64url')}`;
  };
  const parts = (value: string) => {
    if (value.length > BUYER_TOKEN_MAX_LENGTH) return null;
    const [encoded, signature, extra] = value.split('.');
    if (!encoded || !signature || extra !== undefined) return null;
    const payload = Buffer.from(encoded, 'base64url').toString('utf8');
    const [checkId, expires] = payload.split('.');
    if (!checkId || !UUID.test(checkId) || !expires || !/^\d{1,12}$/.test(expires)) return null;
    // base64url decoding ignores a last character's spare bits: only the one spelling the link was given is taken
    if (encode(payload) !== encoded) return null;
    return { payload, checkId, expiresAt: Number(expires) * 1000, signature: Buffer.from(signature, 'utf8') };
  };
  /** the token's parts when its signature holds, whether or not it has expired */
  const signed = (value: string) => {
    const token = parts(value);
    if (!token) return null;
    const expected = Buffer.from(sign(token.payload).toString('base64url'), 'utf8');
    return token.signature.length === expected.length && timingSafeEqual(token.signature, expected) ? token : null;
  };
  return {
    token,
    url: (check) => `${config.BUYER_PAGE_URL}#${token(check)}`,
    verify(value, now = new Date()) {
      const token = signed(value);
      if (!token || token.expiresAt <= now.getTime()) return null;
      return token.checkId;
    },
    rateLimitKey: (value) => signed(value)?.checkId ?? 'not-valid',
  };
}
