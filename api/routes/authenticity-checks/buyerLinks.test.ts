import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BUYER_TOKEN_MAX_LENGTH, createBuyerLinks } from './buyerLinks.ts';

const settings = { BUYER_LINK_SECRET: 's'.repeat(40), BUYER_LINK_TTL_SECONDS: 3_600, BUYER_PAGE_URL: 'https://shop.example/buyer.html' };
const links = createBuyerLinks(settings);
const sentAt = new Date('2026-12-01T10:00:00Z');
const check = { id: randomUUID(), createdAt: sentAt };

describe('buyer page links', () => {
  it('name their check until the check’s creation plus the TTL, the same link every time', () => {
    const token = links.token(check);
    expect(links.token(check)).toBe(token);
    expect(links.url(check)).toBe(`https://shop.example/buyer.html#${token}`);
    expect(token.length).toBeLessThanOrEqual(BUYER_TOKEN_MAX_LENGTH);
    expect(links.verify(token, new Date(sentAt.getTime() + 3_599_000))).toBe(check.id);
    expect(links.verify(token, new Date(sentAt.getTime() + 3_600_000))).toBeNull();
  });

  it('refuse a changed signature, a changed payload, another secret and what is not a token', () => {
    const now = new Date(sentAt.getTime() + 1_000);
    const token = links.token(check);
    const [payload, signature] = token.split('.') as [string, string];
    const other = links.token({ id: randomUUID(), createdAt: sentAt });
    const longer = Buffer.from(`${check.id}.${Math.floor(sentAt.getTime() / 1000) + 999_999}`).toString('base64url');
    // the last of 43 characters carries 4 bits of the signature and 2 spare ones: this spelling decodes to the same bytes
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBytes = `${signature.slice(0, -1)}${alphabet[alphabet.indexOf(signature.at(-1)!) ^ 1]}`;
    expect(Buffer.from(sameBytes, 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
    const refused = [
      `${payload}.${sameBytes}`,
      `${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      `${other.split('.')[0]}.${signature}`,
      `${longer}.${signature}`,
      createBuyerLinks({ ...settings, BUYER_LINK_SECRET: 't'.repeat(40) }).token(check),
      `${payload}.${signature}.extra`,
      payload,
      '',
      'x'.repeat(BUYER_TOKEN_MAX_LENGTH + 1),
    ];
    for (const value of refused) expect(links.verify(value, now), value).toBeNull();
    // a forged token naming the check never spends the check's own rate budget; its expired link still does
    expect(links.rateLimitKey(`${payload}.whatever`)).toBe('not-valid');
    expect(links.rateLimitKey('garbage')).toBe('not-valid');
    expect(links.rateLimitKey(token)).toBe(check.id);
    expect(links.verify(token, new Date(sentAt.getTime() + 7_200_000))).toBeNull();
    expect(links.rateLimitKey(links.token({ id: check.id, createdAt: new Date(sentAt.getTime() - 7_200_000) }))).toBe(check.id);
  });

  it('sign with a random secret when none is set, and say so', () => {
    let warned = 0;
    const first = createBuyerLinks({ ...settings, BUYER_LINK_SECRET: '' }, () => (warned += 1));
    const second = createBuyerLinks({ ...settings, BUYER_LINK_SECRET: '' });
    expect(warned).toBe(1);
    expect(second.verify(first.token(check), sentAt)).toBeNull();
    expect(first.verify(first.token(check), sentAt)).toBe(check.id);
  });
});
