/**
 * A marketplace bans a seller through the API; a new signup sharing the banned seller's payout
 * account is then rejected by the real workflow. Ban and unban are idempotent POSTs, scoped to the
 * tenant, and record who, why and when.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { applicantFor, submitVetting, waitForVetting } from './support/vettings.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ documents: true });
});
afterAll(async () => platform?.close());

const post = (apiKey: string, url: string, payload: unknown, idempotencyKey: string | undefined = randomUUID()) =>
  platform.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${apiKey}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    payload: payload as Record<string, unknown>,
  });

async function vetted(apiKey: string, applicant: ReturnType<typeof applicantFor>) {
  const accepted = await submitVetting(platform, apiKey, applicant);
  expect(accepted.statusCode, accepted.body).toBe(202);
  return await waitForVetting(platform, apiKey, accepted.json().id, (vetting) => vetting.status === 'completed' || vetting.status === 'awaiting_review');
}

describe('banning a seller through the API', () => {
  it('makes a new signup with the same payout account rejected', { timeout: 120_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    const original = applicantFor('td3-valid-01.jpg');
    expect((await vetted(apiKey, original)).verdict.outcome).toBe('approve');

    const key = randomUUID();
    const ban = await post(apiKey, `/v1/sellers/${original.sellerId}/ban`, { reason: 'chargeback fraud ring' }, key);
    expect(ban.statusCode, ban.body).toBe(200);
    expect(ban.json()).toMatchObject({ sellerId: original.sellerId, status: 'banned', ban: { reason: 'chargeback fraud ring', liftedAt: null } });
    const replay = await post(apiKey, `/v1/sellers/${original.sellerId}/ban`, { reason: 'chargeback fraud ring' }, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(ban.body);

    const returning = applicantFor('td3-valid-04.jpg', { payoutAccountFingerprint: original.payoutAccountFingerprint });
    const vetting = await vetted(apiKey, returning);
    expect(vetting.verdict.outcome).toBe('reject');
    const linked = vetting.verdict.signals.find((signal: { code: string }) => signal.code === 'linked.banned_account');
    expect(linked?.evidence).toMatchObject({ sharedKinds: ['payout_account'], bannedSellerCount: 1 });
  });

  it('is scoped to the tenant, needs an Idempotency-Key and a reason, and can be lifted', { timeout: 60_000 }, async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const other = await platform.createTenant();
    const seller = await platform.database.prisma.seller.create({ data: { tenantId, externalId: `seller-${randomUUID()}`, status: 'approved' } });
    const url = `/v1/sellers/${seller.externalId}`;

    expect((await post(other.apiKey, `${url}/ban`, { reason: 'not yours' })).statusCode).toBe(404);
    expect((await post(apiKey, '/v1/sellers/no-such-seller/ban', { reason: 'x' })).statusCode).toBe(404);
    expect((await post(apiKey, `${url}/ban`, { reason: 'x' }, '')).json().code).toBe('idempotency-key-required');
    expect((await post(apiKey, `${url}/ban`, {})).statusCode).toBe(400);
    expect((await post(apiKey, `${url}/ban`, { reason: 'x', status: 'approved' })).statusCode).toBe(400);
    expect((await post(apiKey, `${url}/unban`, { reason: 'never banned' })).json().code).toBe('seller-not-banned');

    expect((await post(apiKey, `${url}/ban`, { reason: 'counterfeits' })).statusCode).toBe(200);
    const banned = await platform.database.prisma.seller.findUniqueOrThrow({ where: { id: seller.id } });
    expect(banned).toMatchObject({ status: 'banned', bannedReason: 'counterfeits' });
    expect(banned.bannedAt).not.toBeNull();
    expect(banned.bannedBy).toMatch(/^[0-9a-f-]{36}$/);

    const lifted = await post(apiKey, `${url}/unban`, { reason: 'appeal upheld' });
    expect(lifted.statusCode, lifted.body).toBe(200);
    // no finished vetting: the seller is pending again; the ban stays on record
    expect(lifted.json()).toMatchObject({ status: 'pending', ban: { reason: 'counterfeits', liftReason: 'appeal upheld' } });
    expect(lifted.json().ban.liftedAt).not.toBeNull();
  });
});
