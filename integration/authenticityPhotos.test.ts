/**
 * A buyer's photos through the real API, worker, PostgreSQL and Temporal: the code printed on a
 * label read from the photo and looked up, a blurred label asked again (and the retake settling
 * it), a printed code whose check digit fails, a known counterfeit's photo, a photo reused from
 * another order, photos refused at intake, and a photo URL that fails only in the worker.
 */
import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCodes } from './support/brandCodes.ts';
import { barcode, blurred, label, productShot } from '../workers/detectors/authenticityPhotos/renderedPhotos.ts';
import { moderatorSession } from './support/console.ts';
import { bearer, uploadGalleryImage, waitForGalleryImage } from './support/listings.ts';
import { startImageHost, type ImageHost } from './support/imageHost.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
let images: ImageHost;

beforeAll(async () => {
  platform = await startTestPlatform({ documents: true });
  images = await startImageHost();
});
afterAll(async () => {
  await platform?.close();
  await images?.close();
});

const GTIN = '09506000134352';
const base64 = (bytes: Buffer) => bytes.toString('base64');
const dataMatrix = (serial: string, options: { scale?: number; lint?: boolean } = {}) => barcode('gs1datamatrix', `(01)${options.lint === false ? '09506000134353' : GTIN}(21)${serial}`, { scale: 4, ...options });

async function enrolledBrand(apiKey: string) {
  const brand = await platform.app.inject({ method: 'PUT', url: '/v1/brands/brush-co', headers: bearer(apiKey), payload: { name: 'Brush Co', gtins: [GTIN], serialPattern: '[A-Z]{2}\\d{6}', codeRegistry: 'bonafide' } });
  expect(brand.statusCode, brand.body).toBe(200);
  const codes = ['AB000001', 'AB000002', 'AB000003'].map((serial) => JSON.stringify({ gtin: GTIN, serial, status: 'issued' }));
  const sent = await importCodes(platform, apiKey, 'brush-co', codes);
  expect(sent.json()).toMatchObject({ inserted: 3 });
}

type Signal = { code: string; evidence: Record<string, unknown> };
type Check = {
  id: string;
  status: string;
  verdict: { outcome: string | null; automated: { outcome: string } | null; reasons: { code: string }[]; signals: Signal[] };
  photos: { position: number; kind: string; status: string; failure: string | null; url: string | null }[];
  retake: { position: number; kind: string; reason: string; message: string }[];
};

const post = (apiKey: string, body: Record<string, unknown>) =>
  platform.app.inject({
    method: 'POST',
    url: '/v1/authenticity-checks?wait=25',
    headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
    payload: { buyerId: `buyer-${uniqueSuffix()}`, sellerId: 'seller-7', brandKey: 'brush-co', ...body },
  });

async function check(apiKey: string, body: Record<string, unknown>): Promise<Check> {
  const response = await post(apiKey, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
const codes = (checked: Check) => checked.verdict.signals.map((signal) => signal.code);

describe('a buyer’s photos', () => {
  it('reads the code on the label photo, looks it up, and keeps the photos to show', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    await enrolledBrand(apiKey);
    const labelPhoto = await label({ code: await dataMatrix('AB000001') });
    const checked = await check(apiKey, { orderId: 'o-1', photos: [{ kind: 'product', imageBase64: base64(await productShot()) }, { kind: 'label', imageBase64: base64(labelPhoto) }] });
    expect(checked).toMatchObject({ status: 'completed', verdict: { outcome: 'likely_genuine' }, retake: [] });
    expect(codes(checked)).toEqual(expect.arrayContaining(['authenticity.photo_code_read', 'authenticity.code_verified']));
    expect(checked.verdict.signals.find((signal) => signal.code === 'authenticity.photo_code_read')!.evidence).toMatchObject({ position: 1, kind: 'label', gtin: GTIN, serial: 'AB000001', format: 'DataMatrix' });
    expect(checked.photos).toMatchObject([{ position: 0, kind: 'product', status: 'stored' }, { position: 1, kind: 'label', status: 'stored' }]);
    const shown = await platform.app.inject({ method: 'GET', url: new URL(checked.photos[1]!.url!).pathname, headers: bearer(apiKey) });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(shown.rawPayload, labelPhoto)).toBe(0);
    expect(await platform.database.prisma.authenticityCheck.findUniqueOrThrow({ where: { id: checked.id } })).toMatchObject({ tenantId, codeGtin: GTIN, codeSerial: 'AB000001' });
    // another marketplace sees neither the check nor its photos
    const stranger = await platform.createTenant();
    expect((await platform.app.inject({ method: 'GET', url: new URL(checked.photos[1]!.url!).pathname, headers: bearer(stranger.apiKey) })).statusCode).toBe(404);
  });

  it('asks again for a blurred label, saying which photo and why; the retake settles it', async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey);
    const sharpLabel = await label({ code: await dataMatrix('AB000002', { scale: 2 }) });
    const first = await check(apiKey, { orderId: 'o-2', photos: [{ kind: 'label', imageBase64: base64(await blurred(sharpLabel, 6)) }] });
    expect(first).toMatchObject({ status: 'completed', verdict: { outcome: 'retake_requested', automated: { outcome: 'retake_requested' } } });
    expect(first.retake).toEqual([{ position: 0, kind: 'label', reason: 'blurred', message: expect.stringMatching(/label photo is blurred/) }]);
    expect(codes(first)).toEqual(expect.arrayContaining(['authenticity.photo_blurred', 'authenticity.photo_code_unreadable']));
    const again = await check(apiKey, { orderId: 'o-2', photos: [{ kind: 'label', imageBase64: base64(sharpLabel) }] });
    expect(again).toMatchObject({ verdict: { outcome: 'likely_genuine' }, retake: [] });
    expect(codes(again)).not.toContain('authenticity.code_cloned');
  });

  it('calls a printed code whose check digit fails counterfeit, and a typed code the photo contradicts a case', async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey);
    const fake = await check(apiKey, { orderId: 'o-3', claimedCode: `(01)${GTIN}(21)AB000003`, photos: [{ kind: 'code', imageBase64: base64(await label({ code: await dataMatrix('AB000003', { lint: false }) })) }] });
    expect(fake.verdict.outcome).toBe('likely_counterfeit');
    expect(fake.verdict.reasons.map((reason) => reason.code)).toContain('authenticity.photo_code_check_digit_invalid');
    const other = await check(apiKey, { orderId: 'o-4', claimedCode: `(01)${GTIN}(21)AB000002`, photos: [{ kind: 'code', imageBase64: base64(await label({ code: await dataMatrix('AB000001') })) }] });
    expect(other).toMatchObject({ status: 'awaiting_review', verdict: { automated: { outcome: 'escalate' } } });
    expect(other.verdict.reasons.map((reason) => reason.code)).toContain('authenticity.photo_code_mismatch');
  });

  it('shows the moderator the code typed and the code on each photo, each with the registry’s answer', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    await enrolledBrand(apiKey);
    // typed: a serial the brand never issued; on the label: an issued code (the label's is the item's, the disagreement a case)
    const checked = await check(apiKey, { orderId: 'o-9', claimedCode: `(01)${GTIN}(21)AB000777`, photos: [{ kind: 'product', imageBase64: base64(await productShot()) }, { kind: 'label', imageBase64: base64(await label({ code: await dataMatrix('AB000002') })) }] });
    expect(checked.status).toBe('awaiting_review');
    const opened = await platform.database.prisma.case.findFirstOrThrow({ where: { subjectType: 'authenticity_check', subjectId: checked.id } });
    const headers = await moderatorSession(platform, 'moderator', { marketplaces: [tenantId] });
    const shown = await platform.app.inject({ method: 'GET', url: `/admin/v1/cases/${opened.id}`, headers });
    expect(shown.statusCode, shown.body).toBe(200);
    const subject = shown.json().subject;
    expect(subject.typedCode).toMatchObject({ raw: `(01)${GTIN}(21)AB000777`, gtin: GTIN, serial: 'AB000777', checkDigitValid: true, registry: 'unknown' });
    expect(subject.photos).toMatchObject([
      { position: 0, kind: 'product', attachment: 'check-photo-0', codeRead: null },
      { position: 1, kind: 'label', attachment: 'check-photo-1', codeRead: { format: 'DataMatrix', gtin: GTIN, serial: 'AB000002', agreesWithTyped: false, registry: 'valid' } },
    ]);
    expect(subject.code).toEqual({ gtin: GTIN, serial: 'AB000002' });
    expect(subject).toMatchObject({ listingPictures: null, galleryMatches: [], sameCodeElsewhere: [], sellerRecord: { last30Days: 0, last90Days: 0 } });
    // the photo opens for the moderator through the case, as sent
    const photo = await platform.app.inject({ method: 'GET', url: `/admin/v1/cases/${opened.id}/attachments/check-photo-1`, headers });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toMatch(/^image\//);
    expect((await platform.app.inject({ method: 'GET', url: `/admin/v1/cases/${opened.id}/attachments/listing-picture-0`, headers })).statusCode).toBe(404);
  });

  it('calls a copy of a known counterfeit’s photo counterfeit, and a photo another order sent a case', async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey);
    const fakeShot = await sharp(await label({ brand: 'BRUSH C0 PRO' })).modulate({ hue: 90 }).jpeg().toBuffer();
    const uploaded = await uploadGalleryImage(platform, apiKey, fakeShot, { brandKey: 'brush-co', label: 'counterfeit' });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    await waitForGalleryImage(platform, apiKey, uploaded.json().id, (image) => image.status === 'indexed');
    const copy = await sharp(fakeShot).resize(900).jpeg({ quality: 75 }).toBuffer();
    const matched = await check(apiKey, { orderId: 'o-5', claimedCode: `(01)${GTIN}(21)AB000001`, photos: [{ kind: 'product', imageBase64: base64(copy) }] });
    expect(matched.verdict.outcome).toBe('likely_counterfeit');
    expect(matched.verdict.signals.find((signal) => signal.code === 'authenticity.photo_matches_counterfeit')!.evidence).toMatchObject({ galleryImageId: uploaded.json().id, certainty: 'match', position: 0 });

    const shot = await label({ brand: 'MY BRUSH AT HOME' });
    const mine = await check(apiKey, { orderId: 'o-6', claimedCode: `(01)${GTIN}(21)AB000002`, photos: [{ kind: 'product', imageBase64: base64(shot) }] });
    expect(mine.verdict.outcome).toBe('likely_genuine');
    const reused = await check(apiKey, { orderId: 'o-7', claimedCode: `(01)${GTIN}(21)AB000003`, photos: [{ kind: 'product', imageBase64: base64(await sharp(shot).resize(1000).jpeg({ quality: 80 }).toBuffer()) }] });
    expect(reused).toMatchObject({ status: 'awaiting_review' });
    expect(reused.verdict.signals.find((signal) => signal.code === 'authenticity.photo_reused')!.evidence).toMatchObject({ source: 'another_check', otherId: mine.id, identical: false });
  });

  it('looks up the code on the label, not a typo in the code typed, and takes the label’s serial for a bare GTIN', async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey);
    // one character of the serial mistyped: a serial the brand never issued, which says nothing of the item
    const typo = await check(apiKey, { orderId: 'o-10', claimedCode: `(01)${GTIN}(21)AB000071`, photos: [{ kind: 'label', imageBase64: base64(await label({ code: await dataMatrix('AB000001') })) }] });
    expect(typo).toMatchObject({ status: 'awaiting_review', verdict: { automated: { outcome: 'escalate' } } });
    expect(codes(typo)).toEqual(expect.arrayContaining(['authenticity.photo_code_mismatch', 'authenticity.code_verified']));
    expect(codes(typo)).not.toContain('authenticity.code_unknown');
    expect(await platform.database.prisma.authenticityCheck.findUniqueOrThrow({ where: { id: typo.id } })).toMatchObject({ codeGtin: GTIN, codeSerial: 'AB000001' });
    // the GTIN alone, typed from the linear barcode: the DataMatrix on the label names the unit
    // (in another marketplace: two labels of one design are near copies to the photo-reuse check)
    const other = await platform.createTenant();
    await enrolledBrand(other.apiKey);
    const bare = await check(other.apiKey, { orderId: 'o-11', claimedCode: GTIN, photos: [{ kind: 'code', imageBase64: base64(await label({ code: await dataMatrix('AB000003') })) }] });
    expect(bare).toMatchObject({ status: 'completed', verdict: { outcome: 'likely_genuine' } });
    expect(codes(bare)).toEqual(expect.arrayContaining(['authenticity.photo_code_agrees', 'authenticity.code_verified']));
    expect(codes(bare)).not.toContain('authenticity.serial_missing');
    expect(await platform.database.prisma.authenticityCheck.findUniqueOrThrow({ where: { id: bare.id } })).toMatchObject({ codeGtin: GTIN, codeSerial: 'AB000003' });
  });

  it('takes no copy of another order’s label photo for a clone: a case, and the original order’s re-scan stays genuine', async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey);
    const original = await label({ brand: 'BRUSH CO DELUXE', code: await dataMatrix('AB000001') });
    const first = await check(apiKey, { orderId: 'o-12', photos: [{ kind: 'label', imageBase64: base64(original) }] });
    expect(first).toMatchObject({ status: 'completed', verdict: { outcome: 'likely_genuine' } });
    const copied = await check(apiKey, { orderId: 'o-13', photos: [{ kind: 'label', imageBase64: base64(await sharp(original).resize(1000).jpeg({ quality: 80 }).toBuffer()) }] });
    expect(copied).toMatchObject({ status: 'awaiting_review', verdict: { automated: { outcome: 'escalate' } } });
    expect(codes(copied)).toEqual(expect.arrayContaining(['authenticity.photo_reused', 'authenticity.code_on_copied_photo']));
    expect(codes(copied)).not.toContain('authenticity.code_cloned');
    expect(copied.verdict.signals.find((signal) => signal.code === 'authenticity.code_on_copied_photo')!.evidence).toMatchObject({ serial: 'AB000001', registry: 'valid', otherChecks: [first.id], copiedFrom: first.id });
    // the copy's code is not recorded as its item's: the first order checked again is no clone of it
    const rescan = await check(apiKey, { orderId: 'o-12', claimedCode: `(01)${GTIN}(21)AB000001` });
    expect(rescan).toMatchObject({ status: 'completed', verdict: { outcome: 'likely_genuine' } });
    expect(codes(rescan)).not.toContain('authenticity.code_cloned');
    // the same code typed beside another copy of that label: it came with the copy all the same, a case
    const typed = await check(apiKey, { orderId: 'o-14', claimedCode: `(01)${GTIN}(21)AB000001`, photos: [{ kind: 'label', imageBase64: base64(await sharp(original).resize(900).jpeg({ quality: 75 }).toBuffer()) }] });
    expect(typed).toMatchObject({ status: 'awaiting_review' });
    expect(codes(typed)).toEqual(expect.arrayContaining(['authenticity.photo_reused', 'authenticity.code_on_copied_photo']));
    expect(codes(typed)).not.toContain('authenticity.code_cloned');
    // another order's own label with the same code, photographed anew: a clone, refunded
    const clone = await check(apiKey, { orderId: 'o-15', claimedCode: `(01)${GTIN}(21)AB000001`, photos: [{ kind: 'product', imageBase64: base64(await productShot()) }] });
    expect(clone.verdict).toMatchObject({ outcome: 'likely_counterfeit', decidedBy: 'policy' });
    expect(codes(clone)).toContain('authenticity.code_cloned');
  });

  it('reads the label’s words: the brand named plainly, its batch against the registry’s, and a lookalike spelling of the brand for a moderator', async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey);
    // the registry says unit AB000003 is of batch L42, the batch the rendered label prints
    const batched = await importCodes(platform, apiKey, 'brush-co', [{ gtin: GTIN, serial: 'AB000003', status: 'issued', batch: 'L42' }]);
    expect(batched.statusCode, batched.body).toBe(200);
    const genuine = await check(apiKey, { orderId: 'o-label-1', photos: [{ kind: 'label', imageBase64: base64(await label({ code: await dataMatrix('AB000003') })) }] });
    expect(genuine.verdict.outcome).toBe('likely_genuine');
    expect(codes(genuine)).toEqual(expect.arrayContaining(['authenticity.label_brand_read', 'authenticity.label_batch_agrees']));
    const stored = await platform.database.prisma.authenticityCheckPhoto.findFirstOrThrow({ where: { checkId: genuine.id } });
    expect(stored.ocrText).toMatch(/BRUSH CO/);

    // a genuine unit's code on a label that spells the brand with a letter more: the code alone would pass; the label is for a person
    // (another marketplace: the first label's photo would otherwise count as the same photo sent again)
    const other = await platform.createTenant();
    await enrolledBrand(other.apiKey);
    const read = await check(other.apiKey, { orderId: 'o-label-2', photos: [{ kind: 'packaging', imageBase64: base64(await label({ brand: 'BRUSCH CO', code: await dataMatrix('AB000002') })) }] });
    expect(read.status).toBe('awaiting_review');
    const found = read.verdict.signals.find((signal) => signal.code === 'authenticity.label_brand_disguised');
    expect(found?.evidence, JSON.stringify(read.verdict.signals.map((signal) => [signal.code, signal.evidence]))).toMatchObject({ position: 0, kind: 'packaging', brandKey: 'brush-co' });
    expect(read.verdict.reasons.map((reason) => reason.code)).toEqual(['authenticity.label_brand_disguised']);
    expect(read.verdict.automated?.outcome).toBe('escalate');

    // the label prints model DB-200, and the catalog sells the code's GTIN as the DB-300: another product's label
    const third = await platform.createTenant();
    await enrolledBrand(third.apiKey);
    const models = await platform.app.inject({
      method: 'PUT',
      url: '/v1/brands/brush-co',
      headers: bearer(third.apiKey),
      payload: { name: 'Brush Co', gtins: [GTIN], serialPattern: '[A-Z]{2}\\d{6}', codeRegistry: 'bonafide', models: [{ name: 'DB-200' }, { name: 'DB-300', gtins: [GTIN] }] },
    });
    expect(models.json(), models.body).toMatchObject({ models: [{ name: 'DB-200', gtins: [] }, { name: 'DB-300', gtins: [GTIN] }] });
    const relabelled = await check(third.apiKey, { orderId: 'o-label-3', photos: [{ kind: 'label', imageBase64: base64(await label({ code: await dataMatrix('AB000001') })) }] });
    expect(relabelled.status).toBe('awaiting_review');
    const mismatch = relabelled.verdict.signals.find((signal) => signal.code === 'authenticity.label_model_mismatch');
    expect(mismatch?.evidence, JSON.stringify(relabelled.verdict.signals.map((signal) => [signal.code, signal.evidence]))).toMatchObject({ position: 0, codeModel: 'DB-300', labelModels: ['DB-200'] });
    expect(relabelled.verdict.reasons.map((reason) => reason.code)).toEqual(['authenticity.label_model_mismatch']);
  });

  it('asks again for a photo whose URL fails in the worker, instead of leaving the check waiting', async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey);
    images.files.set('product.jpg', await productShot());
    const checked = await check(apiKey, { orderId: 'o-8', claimedCode: `(01)${GTIN}(21)AB000001`, photos: [{ kind: 'product', url: `${images.base}/product.jpg` }, { kind: 'label', url: `${images.base}/gone.jpg` }] });
    expect(checked).toMatchObject({ status: 'completed', verdict: { outcome: 'retake_requested' } });
    expect(checked.photos).toMatchObject([{ position: 0, status: 'stored' }, { position: 1, status: 'failed', failure: 'http_error', url: null }]);
    expect(checked.retake).toMatchObject([{ position: 1, kind: 'label', reason: 'unusable' }]);
  });

  it('refuses bad photos at intake with a machine-readable error, and stores nothing', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const good = await productShot();
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } }).png().toBuffer();
    // a decompression bomb: a tiny file whose header says 20000x20000
    const bomb = Buffer.from(png);
    bomb.writeUInt32BE(20_000, 16);
    bomb.writeUInt32BE(20_000, 20);
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)) >>> 0, 29);
    const cases: [unknown[], number, string, string][] = [
      [[{ kind: 'label', imageBase64: base64(good.subarray(0, Math.floor(good.length / 2))) }], 422, 'image-undecodable', 'body/photos/0/imageBase64'],
      [[{ kind: 'product', imageBase64: base64(good) }, { kind: 'label', imageBase64: base64(Buffer.from('GIF89a not really a picture')) }], 415, 'unsupported-image-type', 'body/photos/1/imageBase64'],
      [[{ kind: 'label', imageBase64: base64(bomb) }], 413, 'image-too-many-pixels', 'body/photos/0/imageBase64'],
      [[{ kind: 'label', imageBase64: 'not base64 at all!' }], 400, 'invalid-base64', 'body/photos/0/imageBase64'],
      [[{ kind: 'selfie', imageBase64: base64(good) }], 400, 'validation-failed', 'body/photos/0'],
      [Array.from({ length: 7 }, () => ({ kind: 'product', imageBase64: base64(png) })), 400, 'validation-failed', 'body/photos'],
    ];
    for (const [photos, status, code, field] of cases) {
      const response = await post(apiKey, { orderId: 'o-bad', photos });
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json()).toMatchObject({ code });
      expect(JSON.stringify(response.json().errors)).toContain(field);
    }
    expect(await platform.database.prisma.authenticityCheck.count({ where: { tenantId } })).toBe(0);
  });
});
