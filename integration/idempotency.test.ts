/**
 * Idempotent retries replay whatever the framing of the retry (a new multipart boundary, a
 * charset parameter, the other of the two accepted encodings), and a stored response that
 * carries a secret is not readable in the database.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { multipartBody, vettingParts } from './support/multipart.ts';
import { applicantFor } from './support/vettings.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ worker: false });
});
afterAll(async () => platform?.close());

const post = (apiKey: string, key: string, contentType: string, payload: string | Buffer) =>
  platform.app.inject({ method: 'POST', url: '/v1/seller-vettings', headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': key, 'content-type': contentType }, payload });
const vettingsOf = (tenantId: string) => platform.database.prisma.sellerVetting.count({ where: { tenantId } });

describe('replaying a retried submission', () => {
  it('replays a multipart retry sent with a new boundary', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const parts = vettingParts(applicantFor('td3-valid-01.jpg'));
    const key = randomUUID();
    const first = await post(apiKey, key, 'multipart/form-data; boundary=first-try', multipartBody(parts, 'first-try'));
    const retry = await post(apiKey, key, 'multipart/form-data; boundary=second-try', multipartBody(parts, 'second-try'));
    expect(first.statusCode, first.body).toBe(202);
    expect(retry.statusCode, retry.body).toBe(202);
    expect(retry.body).toBe(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await vettingsOf(tenantId)).toBe(1);
  });

  it('replays a JSON retry that adds "; charset=utf-8" or orders its fields differently', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const body = applicantFor('td3-valid-01.jpg');
    const key = randomUUID();
    const first = await post(apiKey, key, 'application/json', JSON.stringify(body));
    const withCharset = await post(apiKey, key, 'application/json; charset=utf-8', JSON.stringify(body));
    const reordered = await post(apiKey, key, 'application/json', JSON.stringify(Object.fromEntries(Object.entries(body).reverse())));
    expect(first.statusCode, first.body).toBe(202);
    expect([withCharset.statusCode, reordered.statusCode]).toEqual([202, 202]);
    expect(withCharset.body).toBe(first.body);
    expect(reordered.body).toBe(first.body);
    expect(await vettingsOf(tenantId)).toBe(1);
  });

  it('replays the same content sent first as JSON, then as multipart', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const body = applicantFor('td3-valid-01.jpg');
    const key = randomUUID();
    const first = await post(apiKey, key, 'application/json', JSON.stringify(body));
    const retry = await post(apiKey, key, 'multipart/form-data; boundary=b', multipartBody(vettingParts(body), 'b'));
    expect(retry.statusCode, retry.body).toBe(202);
    expect(retry.body).toBe(first.body);
    expect(await vettingsOf(tenantId)).toBe(1);
  });

  it('still refuses the same key with other content, however it is framed (422)', async () => {
    const { apiKey } = await platform.createTenant();
    const key = randomUUID();
    const body = applicantFor('td3-valid-01.jpg');
    await post(apiKey, key, 'multipart/form-data; boundary=a', multipartBody(vettingParts(body), 'a'));
    const changed = await post(apiKey, key, 'multipart/form-data; boundary=a', multipartBody(vettingParts({ ...body, legalName: 'Someone Else' }), 'a'));
    expect(changed.statusCode).toBe(422);
    expect(changed.json().code).toBe('idempotency-key-reused');
  });

  it('refuses one key with the same body for another path: banning a second seller is not a retry of the first', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    for (const externalId of ['seller-a', 'seller-b']) await platform.database.prisma.seller.create({ data: { tenantId, externalId } });
    const key = randomUUID();
    const ban = (sellerId: string) =>
      platform.app.inject({ method: 'POST', url: `/v1/sellers/${sellerId}/ban`, headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': key }, payload: { reason: 'counterfeit goods' } });
    expect((await ban('seller-a')).statusCode).toBe(200);
    const replayed = await ban('seller-a');
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    const other = await ban('seller-b');
    expect(other.statusCode, other.body).toBe(422);
    expect(other.json().code).toBe('idempotency-key-reused');
    expect((await platform.database.prisma.seller.findUniqueOrThrow({ where: { tenantId_externalId: { tenantId, externalId: 'seller-b' } } })).status).not.toBe('banned');
  });
});

describe('stored responses', () => {
  it('keep a webhook signing secret unreadable in the database, and replay it to the caller', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const key = randomUUID();
    const register = () =>
      platform.app.inject({ method: 'POST', url: '/v1/webhook-endpoints', headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': key }, payload: { url: 'https://hooks.example.test/bonafide' } });
    const created = await register();
    expect(created.statusCode, created.body).toBe(201);
    const secret: string = created.json().secret;
    expect(secret).toMatch(/^whsec_/);

    const record = await platform.database.prisma.idempotencyRecord.findFirstOrThrow({ where: { tenantId, key } });
    const stored = JSON.stringify(record) + Buffer.from(record.responseCiphertext ?? new Uint8Array()).toString('latin1');
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain('whsec_');
    const dump = await platform.database.pool.query<{ row: string }>('SELECT row_to_json(r)::text AS row FROM idempotency_records r WHERE tenant_id = $1', [tenantId]);
    expect(dump.rows[0]?.row).not.toContain(secret.slice('whsec_'.length, 20));

    const replay = await register();
    expect(replay.statusCode).toBe(201);
    expect(replay.json().secret).toBe(secret);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });
});
