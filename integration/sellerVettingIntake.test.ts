/**
 * What the submission endpoint accepts and refuses, before any workflow work: idempotency,
 * one running vetting per seller, image checks. Refusals leave nothing behind.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { applicantFor, submitVetting } from './support/vettings.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ config: { DOCUMENT_MAX_BYTES: '300000', DOCUMENT_MAX_PIXELS: '4000000' } });
});
afterAll(async () => platform?.close());

const vettingsOf = (tenantId: string) => platform.database.prisma.sellerVetting.count({ where: { tenantId } });

describe('Idempotency-Key on POST /v1/seller-vettings', () => {
  it('replays the first answer byte for byte and starts nothing new', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const body = applicantFor('td3-valid-02.jpg');
    const key = randomUUID();
    const first = await submitVetting(platform, apiKey, body, key);
    const second = await submitVetting(platform, apiKey, body, key);
    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(202);
    expect(second.body).toBe(first.body);
    expect(second.headers.location).toBe(first.headers.location);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await vettingsOf(tenantId)).toBe(1);
  });

  it('refuses the same key with another body (422) and a missing key (400)', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const key = randomUUID();
    await submitVetting(platform, apiKey, applicantFor('td3-valid-02.jpg'), key);
    const other = await submitVetting(platform, apiKey, applicantFor('td3-valid-03.jpg'), key);
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency-key-reused');
    const missing = await platform.app.inject({
      method: 'POST',
      url: '/v1/seller-vettings',
      headers: { authorization: `Bearer ${apiKey}` },
      payload: applicantFor('td3-valid-03.jpg'),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('idempotency-key-required');
    expect(await vettingsOf(tenantId)).toBe(1);
  });

  it('answers 409 while the first request with the key is still in flight', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const body = applicantFor('td3-valid-02.jpg');
    const key = randomUUID();
    // Hold the first request inside its transaction: an uncommitted row with the same seller key
    // makes its insert wait until this transaction ends.
    const blocker = new pg.Client({ connectionString: platform.config.DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('INSERT INTO sellers (id, tenant_id, external_id, updated_at) VALUES (gen_random_uuid(), $1, $2, now())', [tenantId, body.sellerId]);
      const first = submitVetting(platform, apiKey, body, key);
      await expect.poll(async () => (await platform.database.prisma.idempotencyRecord.count({ where: { tenantId, key } })), { timeout: 10_000 }).toBe(1);
      const second = await submitVetting(platform, apiKey, body, key);
      expect(second.statusCode).toBe(409);
      expect(second.json().code).toBe('idempotency-key-in-flight');
      expect(second.headers['retry-after']).toBe('1');
      await blocker.query('ROLLBACK');
      expect((await first).statusCode).toBe(202);
    } finally {
      await blocker.end();
    }
    const third = await submitVetting(platform, apiKey, body, key);
    expect(third.statusCode).toBe(202);
    expect(third.headers['idempotent-replayed']).toBe('true');
    expect(await vettingsOf(tenantId)).toBe(1);
  });

  it('refuses a second vetting for a seller whose first is still running (409)', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const body = applicantFor('td3-valid-02.jpg');
    expect((await submitVetting(platform, apiKey, body)).statusCode).toBe(202);
    const again = await submitVetting(platform, apiKey, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('vetting-in-progress');
    expect(await vettingsOf(tenantId)).toBe(1);
  });
});

describe('document image checks', () => {
  async function expectRefused(image: Buffer, status: number, code: string) {
    const { apiKey, tenantId } = await platform.createTenant();
    const body = applicantFor('td3-valid-02.jpg');
    body.document.imageBase64 = image.toString('base64');
    const response = await submitVetting(platform, apiKey, body);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().code).toBe(code);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await vettingsOf(tenantId)).toBe(0);
    expect(await platform.database.prisma.seller.count({ where: { tenantId } })).toBe(0);
  }

  it('refuses bytes that are not an image (415)', async () => {
    await expectRefused(Buffer.from('%PDF-1.7 this is a PDF, not a photo'), 415, 'unsupported-image-type');
  });

  it('refuses an image format we do not take, recognised from its bytes (415)', async () => {
    const gif = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#888' } }).gif().toBuffer();
    await expectRefused(gif, 415, 'unsupported-image-type');
  });

  it('refuses a truncated image whose header cannot be read (415)', async () => {
    const png = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#888' } }).png().toBuffer();
    await expectRefused(png.subarray(0, 20), 415, 'unreadable-image');
  });

  it('refuses an image over the byte limit (413)', async () => {
    const noisy = await sharp(randomBytes(330 * 330 * 3), { raw: { width: 330, height: 330, channels: 3 } }).png().toBuffer();
    expect(noisy.length).toBeGreaterThan(300_000);
    await expectRefused(noisy, 413, 'image-too-large');
  });

  it('refuses a decompression bomb by its header, before decoding (413)', async () => {
    // 10,000 x 10,000 pixels of one colour: a few kilobytes of PNG, 300 MB once decoded.
    const bomb = await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(300_000);
    await expectRefused(bomb, 413, 'image-too-many-pixels');
  });

  it('refuses a business applicant without business details (400) and unknown fields (400)', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const business = await submitVetting(platform, apiKey, applicantFor('td3-valid-02.jpg', { applicantType: 'business' }));
    expect(business.statusCode).toBe(400);
    expect(business.json().errors).toEqual([{ field: 'body/business', message: 'is required when applicantType is business' }]);
    const unknown = await submitVetting(platform, apiKey, applicantFor('td3-valid-02.jpg', { status: 'approved' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toContainEqual({ field: 'body/status', message: 'is not a known field' });
    expect(await vettingsOf(tenantId)).toBe(0);
  });

  it('accepts the same submission as multipart/form-data', async () => {
    const { apiKey } = await platform.createTenant();
    const { document, ...applicant } = applicantFor('td3-valid-02.jpg');
    const form = new FormData();
    form.append('data', JSON.stringify({ ...applicant, documentKind: document.kind }));
    form.append('document', new Blob([Buffer.from(document.imageBase64, 'base64')], { type: 'image/jpeg' }), 'passport.jpg');
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const response = await platform.app.inject({
      method: 'POST',
      url: '/v1/seller-vettings',
      headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': randomUUID(), 'content-type': request.headers.get('content-type') ?? '' },
      payload: Buffer.from(await request.arrayBuffer()),
    });
    expect(response.statusCode, response.body).toBe(202);
    const stored = await platform.database.prisma.vettingDocument.findFirstOrThrow({ where: { vettingId: response.json().id } });
    expect(stored).toMatchObject({ mimeType: 'image/jpeg', byteSize: Buffer.from(document.imageBase64, 'base64').length });
  });
});
