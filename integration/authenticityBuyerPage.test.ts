/**
 * The buyer page's API and the buyer's photos after a check was sent, through the real API,
 * worker, PostgreSQL and Temporal: a check sent with nothing waits for the photos; a blurred label
 * is asked again and the buyer's new photo decides the same check (its first round kept); a link
 * that is forged, expired or another check's gets one identical refusal; the page's API is
 * limited per check and per address; what a buyer types comes back as the same text, never as
 * markup, and nothing internal (ids of the buyer or seller, signals, scores) is in the answer.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCodes } from './support/brandCodes.ts';
import { createBuyerLinks } from '../api/routes/authenticity-checks/buyerLinks.ts';
import { barcode, blurred, label } from '../workers/detectors/authenticityPhotos/renderedPhotos.ts';
import { bearer } from './support/listings.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';

const SECRET = 'buyer-link-secret-of-the-test-platform-0123456789';
const PER_MINUTE = 8;
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ documents: true, config: { BUYER_LINK_SECRET: SECRET, BUYER_PAGE_REQUESTS_PER_MINUTE: String(PER_MINUTE), BUYER_PAGE_URL: 'https://buyer.example/buyer.html' } });
});
afterAll(async () => platform?.close());

const GTIN = '09506000134352';
const base64 = (bytes: Buffer) => bytes.toString('base64');
const labelWith = async (serial: string) => await label({ code: await barcode('gs1datamatrix', `(01)${GTIN}(21)${serial}`, { scale: 4 }) });
let addresses = 0;
/** each test asks from addresses of its own, so the per-address limit of one does not spend another's */
const newAddress = () => `10.0.${Math.floor(++addresses / 250)}.${addresses % 250}`;

async function enrolledBrand(apiKey: string, serials: string[]) {
  const brand = await platform.app.inject({ method: 'PUT', url: '/v1/brands/brush-co', headers: bearer(apiKey), payload: { name: 'Brush Co', gtins: [GTIN], serialPattern: '[A-Z]{2}\\d{6}', codeRegistry: 'bonafide' } });
  expect(brand.statusCode, brand.body).toBe(200);
  if (serials.length === 0) return;
  const lines = serials.map((serial) => JSON.stringify({ gtin: GTIN, serial, status: 'issued' }));
  const sent = await importCodes(platform, apiKey, 'brush-co', lines);
  expect(sent.statusCode, sent.body).toBe(200);
}

async function emptyCheck(apiKey: string, body: Record<string, unknown> = {}) {
  const response = await platform.app.inject({
    method: 'POST',
    url: '/v1/authenticity-checks?wait=20',
    headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
    payload: { orderId: `o-${uniqueSuffix()}`, buyerId: `buyer-${uniqueSuffix()}`, sellerId: `seller-${uniqueSuffix()}`, brandKey: 'brush-co', ...body },
  });
  expect(response.statusCode, response.body).toBe(200);
  const check = response.json();
  expect(check).toMatchObject({ status: 'awaiting_photos', buyerUrl: expect.stringMatching(/^https:\/\/buyer\.example\/buyer\.html#/) });
  return { check, token: (check.buyerUrl as string).split('#')[1]! };
}

const buyerGet = (token: string, remoteAddress = newAddress()) => platform.app.inject({ method: 'GET', url: `/v1/buyer/checks/${encodeURIComponent(token)}`, remoteAddress });
const buyerPost = (token: string, payload: Record<string, unknown>, remoteAddress = newAddress()) =>
  platform.app.inject({ method: 'POST', url: `/v1/buyer/checks/${encodeURIComponent(token)}/photos`, payload, remoteAddress });

async function checkAsMarketplace(apiKey: string, id: string) {
  return (await platform.app.inject({ method: 'GET', url: `/v1/authenticity-checks/${id}`, headers: bearer(apiKey) })).json();
}
async function waitForCheck(apiKey: string, id: string, until: (check: Record<string, unknown> & { status: string }) => boolean) {
  let seen: Record<string, unknown> & { status: string } = { status: 'none' };
  await expect.poll(async () => until((seen = await checkAsMarketplace(apiKey, id))), { timeout: 60_000, interval: 300 }).toBe(true);
  return seen;
}

describe('the buyer page’s API', () => {
  it('asks for photos, asks again for a blurred label, and decides the same check with the new one', { timeout: 150_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey, ['BP000001']);
    const { check, token } = await emptyCheck(apiKey, { buyerId: 'buyer-secret-7', sellerId: 'seller-internal-9' });

    const asked = await buyerGet(token);
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json()).toMatchObject({ state: 'send_photos', product: { brand: 'Brush Co' }, asks: [{ kind: 'label' }, { kind: 'code' }] });
    expect(asked.headers['cache-control']).toBe('no-store');

    const good = await labelWith('BP000001');
    const sent = await buyerPost(token, { photos: [{ kind: 'label', imageBase64: base64(await blurred(good, 8)) }] });
    expect(sent.statusCode, sent.body).toBe(202);
    const retake = await waitForCheck(apiKey, check.id, (seen) => seen.status === 'completed' && seen.photosWindow !== null);
    expect(retake).toMatchObject({ verdict: { outcome: 'retake_requested' }, round: 0, retake: [{ kind: 'label', reason: 'blurred' }] });

    const view = (await buyerGet(token)).json();
    expect(view).toMatchObject({ state: 'retake', asks: [{ kind: 'label', hint: expect.stringMatching(/blurred/) }] });
    // the buyer's answer names nobody and carries no evidence, score or threshold
    const text = JSON.stringify(view);
    for (const internal of ['buyer-secret-7', 'seller-internal-9', 'signals', 'score', 'registry', 'evidence', 'authenticity.']) expect(text).not.toContain(internal);

    const again = await buyerPost(token, { photos: [{ kind: 'label', imageBase64: base64(good) }] });
    expect(again.statusCode, again.body).toBe(202);
    expect(again.json().state).toBe('checking');
    const decided = await waitForCheck(apiKey, check.id, (seen) => seen.status === 'completed');
    expect(decided).toMatchObject({
      verdict: { outcome: 'likely_genuine' },
      round: 1,
      earlierRounds: [{ round: 0, outcome: 'retake_requested', decidedBy: 'policy' }],
      retake: [],
      photosWindow: null,
    });
    const photos = decided.photos as { kind: string; replacedAt: string | null }[];
    expect(photos.map((photo) => [photo.kind, photo.replacedAt === null])).toEqual([['label', false], ['label', true]]);
    expect((await buyerGet(token)).json()).toMatchObject({ state: 'likely_genuine', found: expect.any(String), next: expect.any(String) });
    // decided: the window is closed, no more photos
    const late = await buyerPost(token, { photos: [{ kind: 'label', imageBase64: base64(good) }] });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'photos-not-awaited' });
  });

  it('refuses a forged, expired or another check’s link with one identical answer', { timeout: 60_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey, []);
    const first = await emptyCheck(apiKey);
    const second = await emptyCheck(apiKey);
    expect((await buyerGet(first.token)).statusCode).toBe(200);

    const [payload, signature] = first.token.split('.') as [string, string];
    const [otherPayload] = second.token.split('.') as [string, string];
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    const links = createBuyerLinks({ BUYER_LINK_SECRET: SECRET, BUYER_LINK_TTL_SECONDS: 60, BUYER_PAGE_URL: 'https://buyer.example/buyer.html' });
    const expired = links.token({ id: first.check.id, createdAt: new Date(Date.now() - 120_000) });
    const otherSecret = createBuyerLinks({ BUYER_LINK_SECRET: `${SECRET}-not`, BUYER_LINK_TTL_SECONDS: 86_400, BUYER_PAGE_URL: 'https://buyer.example/buyer.html' }).token({ id: first.check.id, createdAt: new Date() });
    const unknownCheck = links.token({ id: randomUUID(), createdAt: new Date() });
    const refused = {
      forged: `${payload}.${flipped}`,
      otherSecret,
      expired,
      anotherChecksPayload: `${otherPayload}.${signature}`,
      unknownCheck,
      garbage: 'not-a-token',
    };
    const answers = await Promise.all(Object.values(refused).map(async (token) => [await buyerGet(token), await buyerPost(token, { photos: [], code: '123' })] as const));
    // the same answer but for the request's own id and path
    const said = (response: { json(): Record<string, unknown> }) => {
      const body = response.json();
      return Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'requestId' && key !== 'instance'));
    };
    for (const [get, post] of answers) {
      expect(get.statusCode).toBe(404);
      expect(post.statusCode).toBe(404);
      expect(said(get)).toEqual(said(answers[0]![0]));
      expect(said(post)).toEqual(said(answers[0]![0]));
    }
    expect(answers[0]![0].json()).toMatchObject({ code: 'link-not-valid' });
    // the second check's own link still works, and names the second check
    expect((await buyerGet(second.token)).json()).toMatchObject({ state: 'send_photos' });
  });

  it('limits the page’s requests per check and per address', { timeout: 60_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey, []);
    const { token } = await emptyCheck(apiKey);
    // one check from ever new addresses
    const perCheck = [];
    for (let index = 0; index <= PER_MINUTE; index += 1) perCheck.push((await buyerGet(token)).statusCode);
    expect(perCheck.slice(0, PER_MINUTE)).toEqual(Array(PER_MINUTE).fill(200));
    expect(perCheck[PER_MINUTE]).toBe(429);
    // one address trying links of ever new checks (forged): refused, then the address is stopped (forged
    // links also share one budget of their own, which earlier tests may have spent: 404 or 429)
    const address = newAddress();
    const perAddress = [];
    for (let index = 0; index <= PER_MINUTE; index += 1) perAddress.push((await buyerGet(`${Buffer.from(`${randomUUID()}.9999999999`).toString('base64url')}.AAAA`, address)).statusCode);
    for (const status of perAddress) expect([404, 429]).toContain(status);
    expect(perAddress[PER_MINUTE]).toBe(429);
    // a real link of another check: refused from that address only
    const other = await emptyCheck(apiKey);
    const limited = await buyerGet(other.token, address);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'rate-limited' });
    expect((await buyerGet(other.token)).statusCode).toBe(200);
  });

  it('never lets forged links naming a check spend that check’s budget', { timeout: 60_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey, []);
    const { token } = await emptyCheck(apiKey);
    const [payload] = token.split('.') as [string];
    // more forged links naming the check than its budget, from ever new addresses: refused, and the check's budget untouched
    for (let index = 0; index <= PER_MINUTE; index += 1) expect([404, 429]).toContain((await buyerGet(`${payload}.AAAA${index}`)).statusCode);
    expect((await buyerGet(token)).statusCode).toBe(200);
  });

  it('gives back what the buyer typed as the same text, never as markup', { timeout: 60_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey, []);
    const { check, token } = await emptyCheck(apiKey);
    const typed = '<img src=x onerror="alert(1)"><script>alert(2)</script>&amp;';
    const sent = await buyerPost(token, { photos: [], code: typed });
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.headers['content-type']).toMatch(/^application\/json/);
    expect(sent.json().code).toBe(typed);
    expect((await checkAsMarketplace(apiKey, check.id)).claimedCode).toBe(typed);
    // nothing to send: a clear 400; a photo that is not an image: 415, nothing stored
    const nothing = await buyerPost(token, { photos: [] });
    expect(nothing.statusCode).toBe(400);
    const { token: other } = await emptyCheck(apiKey);
    const notImage = await buyerPost(other, { photos: [{ kind: 'label', imageBase64: Buffer.from('<html>hello</html>').toString('base64') }] });
    expect(notImage.statusCode).toBe(415);
    expect((await buyerGet(other)).json()).toMatchObject({ state: 'send_photos', photosSent: 0 });
  });

  it('takes the marketplace’s photos for a check sent with nothing, and refuses them once decided or from another marketplace', { timeout: 120_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey, ['BP000002']);
    const { check } = await emptyCheck(apiKey);
    const sent = await platform.app.inject({
      method: 'POST',
      url: `/v1/authenticity-checks/${check.id}/photos`,
      headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
      payload: { photos: [{ kind: 'label', imageBase64: base64(await labelWith('BP000002')) }] },
    });
    expect(sent.statusCode, sent.body).toBe(202);
    expect(await waitForCheck(apiKey, check.id, (seen) => seen.status === 'completed')).toMatchObject({ verdict: { outcome: 'likely_genuine' }, round: 0 });
    const closed = await platform.app.inject({
      method: 'POST',
      url: `/v1/authenticity-checks/${check.id}/photos`,
      headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
      payload: { photos: [{ kind: 'label', imageBase64: base64(await labelWith('BP000002')) }] },
    });
    expect(closed.statusCode).toBe(409);
    const stranger = await platform.createTenant();
    const foreign = await platform.app.inject({
      method: 'POST',
      url: `/v1/authenticity-checks/${check.id}/photos`,
      headers: { ...bearer(stranger.apiKey), 'idempotency-key': randomUUID() },
      payload: { photos: [{ kind: 'label', imageBase64: base64(await labelWith('BP000002')) }] },
    });
    expect(foreign.statusCode).toBe(404);
  });
});
