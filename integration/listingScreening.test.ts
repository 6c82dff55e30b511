/**
 * Listing screening end to end on the real API, worker, PostgreSQL and Temporal: brands, text
 * detectors, the policy's verdict, a moderator's decision through the console API resuming the
 * workflow, signed webhooks, pictures fetched from an image host (a local server standing in for
 * the marketplace's CDN), and bad input.
 */
import sharp from 'sharp';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderatorSession } from './support/console.ts';
import { bearer, gucci, listing, putBrand, readScreening, submitListing, waitForScreening } from './support/listings.ts';
import { startImageHost, type ImageHost } from './support/imageHost.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { registerWebhook } from './support/vettings.ts';
import { startWebhookReceiver } from './support/webhookReceiver.ts';
import shippedPolicy from '../workers/policy/listingScreeningPolicy.v1.json' with { type: 'json' };

let platform: TestPlatform;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let images: ImageHost;
let productPhoto: Buffer;

beforeAll(async () => {
  platform = await startTestPlatform({ documents: true, config: { WEBHOOK_RETRY_INITIAL_SECONDS: '1' } });
  receiver = await startWebhookReceiver();
  productPhoto = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 180, g: 40, b: 40 } } }).jpeg().toBuffer();
  images = await startImageHost({ 'photo.jpg': productPhoto, 'broken.jpg': productPhoto.subarray(0, 200) });
});
afterAll(async () => {
  await platform?.close();
  await receiver?.close();
  await images?.close();
});

const final = (screening: { status: string }) => screening.status === 'completed';

function eventsFor(secret: string, screeningId: string) {
  const verifier = new Webhook(secret);
  return receiver.received
    .filter((request) => (JSON.parse(request.body) as { data: { screeningId?: string } }).data.screeningId === screeningId)
    .map((request) => verifier.verify(request.body, request.headers as Record<string, string>) as { type: string; data: Record<string, unknown> });
}

describe('listing screening end to end', () => {
  it('allows a genuine listing by an authorized seller, and sends a signed webhook', async () => {
    const { apiKey } = await platform.createTenant();
    const secret = await registerWebhook(platform, apiKey, receiver.url);
    expect((await putBrand(platform, apiKey, 'gucci', gucci)).statusCode).toBe(200);
    const accepted = await submitListing(platform, apiKey, listing({ sellerId: 'gucci-boutique', title: 'Gucci GG Marmont shoulder bag', price: { amount: 1890, currency: 'USD' }, images: [{ url: `${images.base}/photo.jpg` }] }));
    expect(accepted.statusCode, accepted.body).toBe(202);
    expect(accepted.json().url).toMatch(/\/v1\/listing-screenings\/[0-9a-f-]{36}$/);
    const screening = await waitForScreening(platform, apiKey, accepted.json().id, final);
    expect(screening).toMatchObject({ verdict: { outcome: 'allow', decidedBy: 'policy', automated: { outcome: 'allow', policy: { key: 'listing-screening', version: 1 } }, review: null }, images: [{ position: 0, status: 'stored' }] });
    expect(screening.verdict.signals.map((signal: { code: string }) => signal.code)).toEqual(['listing.brand_mentioned']);
    await expect.poll(() => eventsFor(secret, screening.id).length, { timeout: 15_000 }).toBe(1);
    expect(eventsFor(secret, screening.id)[0]).toMatchObject({ type: 'listing_screening.completed', data: { screeningId: screening.id, status: 'completed', verdict: { outcome: 'allow', decidedBy: 'policy' } } });
  });

  it('blocks a "1:1 replica" listing with the phrase as evidence, answering within ?wait', async () => {
    const { apiKey } = await platform.createTenant();
    await putBrand(platform, apiKey, 'gucci', gucci);
    const answered = await submitListing(platform, apiKey, listing({ title: 'Gucci Marmont bag 1:1 replica', description: 'Top quality, fast shipping' }), '?wait=20');
    expect(answered.statusCode, answered.body).toBe(200);
    const screening = answered.json();
    expect(['block', 'escalate']).toContain(screening.verdict.automated.outcome);
    const cues = screening.verdict.signals.filter((signal: { code: string }) => signal.code === 'listing.counterfeit_cue');
    expect(cues.map((signal: { evidence: { phrase: string } }) => signal.evidence.phrase).sort()).toEqual(['1:1', 'replica']);
    expect(cues[0].evidence).toMatchObject({ field: 'title' });
    const title = 'Gucci Marmont bag 1:1 replica';
    for (const cue of cues) expect(title.slice(cue.evidence.start, cue.evidence.end)).toBe(cue.evidence.phrase);
  });

  it('flags a disguised brand by an unauthorized seller at half price with each reason; a moderator settles it through the console API', async () => {
    const { apiKey } = await platform.createTenant();
    const secret = await registerWebhook(platform, apiKey, receiver.url);
    await putBrand(platform, apiKey, 'gucci', gucci);
    const title = 'Gu\u0441ci Marmont shoulder bag'; // a Cyrillic с for the first c
    const accepted = await submitListing(platform, apiKey, listing({ title, price: { amount: 400, currency: 'USD' }, images: [{ url: `${images.base}/broken.jpg` }, { url: `${images.base}/missing.jpg` }] }));
    const waiting = await waitForScreening(platform, apiKey, accepted.json().id, (screening) => screening.status === 'awaiting_review');
    expect(waiting.verdict.automated.outcome).toBe('escalate');
    const reasonCodes = waiting.verdict.reasons.map((reason: { code: string }) => reason.code).sort();
    expect(reasonCodes).toEqual(['listing.brand_disguised', 'listing.price_anomaly', 'listing.unauthorized_seller']);
    const disguised = waiting.verdict.signals.find((signal: { code: string }) => signal.code === 'listing.brand_disguised');
    expect(disguised.evidence).toMatchObject({ brandKey: 'gucci', text: 'Gu\u0441ci', disguises: ['lookalike'], field: 'title', start: 0, end: 5 });
    expect(waiting.verdict.signals.find((signal: { code: string }) => signal.code === 'listing.price_anomaly').evidence).toMatchObject({ amount: 400, referenceMin: 800, ratioToMin: 0.5 });
    // the broken and the missing picture are signals, not failures
    expect(waiting.images).toMatchObject([{ status: 'failed', failure: 'undecodable' }, { status: 'failed', failure: 'http_error' }]);
    expect(waiting.verdict.signals.filter((signal: { code: string }) => signal.code === 'listing.image_unavailable')).toHaveLength(2);

    const session = await moderatorSession(platform);
    const shown = await platform.app.inject({ method: 'GET', url: `/admin/v1/cases/${waiting.verdict.review.caseId}`, headers: session });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({
      subjectType: 'listing_screening',
      decisions: [{ value: 'allow' }, { value: 'block', noteRequired: true }],
      subject: { title, highlights: [expect.objectContaining({ field: 'title', start: 0, end: 5, code: 'listing.brand_disguised' })] },
    });
    const noNote = await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${waiting.verdict.review.caseId}/decision`, headers: session, payload: { decision: 'block' } });
    expect(noNote.statusCode).toBe(400);
    const decided = await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${waiting.verdict.review.caseId}/decision`, headers: session, payload: { decision: 'block', note: 'lookalike letter in the brand, half price' } });
    expect(decided.statusCode, decided.body).toBe(200);
    const settled = await waitForScreening(platform, apiKey, waiting.id, final);
    expect(settled.verdict).toMatchObject({ outcome: 'block', decidedBy: 'moderator', automated: { outcome: 'escalate' }, review: { status: 'decided', decision: 'block', note: 'lookalike letter in the brand, half price' } });
    await expect.poll(() => eventsFor(secret, waiting.id).length, { timeout: 15_000 }).toBe(1);
    expect(eventsFor(secret, waiting.id)[0]?.data).toMatchObject({ status: 'completed', verdict: { outcome: 'block', decidedBy: 'moderator', automated: { outcome: 'escalate' } } });
  });

  it('allows an authorized seller’s discount and an accessory "compatible with" the brand', async () => {
    const { apiKey } = await platform.createTenant();
    await putBrand(platform, apiKey, 'gucci', gucci);
    const discount = (await submitListing(platform, apiKey, listing({ sellerId: 'gucci-boutique', title: 'Gucci Marmont bag, end of season', price: { amount: 450, currency: 'USD' } }), '?wait=20')).json();
    expect(discount.verdict.outcome).toBe('allow');
    const strap = (await submitListing(platform, apiKey, listing({ title: 'Chain strap compatible with Gucci Marmont bags', price: { amount: 25, currency: 'USD' } }), '?wait=20')).json();
    expect(strap.verdict.outcome).toBe('allow');
  });

  it('prices goods the listing says are pre-owned against the pre-owned band', async () => {
    const { apiKey } = await platform.createTenant();
    await putBrand(platform, apiKey, 'gucci', gucci);
    const worn = (await submitListing(platform, apiKey, listing({ title: 'Gucci Marmont bag, pre-owned', description: 'Bought in 2019, corners a little rubbed.', price: { amount: 300, currency: 'USD' } }), '?wait=20')).json();
    expect(worn.verdict.signals.map((signal: { code: string }) => signal.code)).not.toContain('listing.price_anomaly');
    const tooCheap = (await submitListing(platform, apiKey, listing({ title: 'Gucci Marmont bag, pre-owned', description: 'Bought in 2019.', price: { amount: 120, currency: 'USD' } }), '?wait=20')).json();
    expect(tooCheap.verdict.signals.find((signal: { code: string }) => signal.code === 'listing.price_anomaly')?.evidence).toMatchObject({ threshold: 0.25, condition: 'pre_owned' });
  });

  it('converts a price in another currency with the shipped policy’s rates, and notes a currency it has no rate for', async () => {
    const { apiKey } = await platform.createTenant();
    await putBrand(platform, apiKey, 'gucci', gucci);
    const euros = (await submitListing(platform, apiKey, listing({ title: 'Gucci Marmont bag', price: { amount: 300, currency: 'EUR' } }), '?wait=20')).json();
    expect(euros.verdict.automated.outcome).toBe('escalate');
    const anomaly = euros.verdict.signals.find((signal: { code: string }) => signal.code === 'listing.price_anomaly');
    expect(anomaly.evidence).toMatchObject({ amount: 300, currency: 'EUR', referenceCurrency: 'USD', ratesBase: 'EUR' });
    expect(anomaly.evidence.convertedAmount).toBeCloseTo(300 * shippedPolicy.parameters.currencyRates.rates.USD, 1);
    const baht = (await submitListing(platform, apiKey, listing({ title: 'Gucci Marmont bag', price: { amount: 3000, currency: 'THB' } }), '?wait=20')).json();
    expect(baht.verdict.outcome).toBe('allow');
    expect(baht.verdict.signals.find((signal: { code: string }) => signal.code === 'listing.price_currency_unconverted')?.evidence).toMatchObject({ currency: 'THB', referenceCurrency: 'USD', missingRates: ['THB'] });
  });

  it('lists a listing’s screenings, keeps text as sent, and hides them from other marketplaces', async () => {
    const owner = await platform.createTenant();
    const other = await platform.createTenant();
    const body = listing({ title: '<script>alert(1)</script> & <b>bag</b>' });
    const { id } = (await submitListing(platform, owner.apiKey, body)).json();
    const listed = await platform.app.inject({ method: 'GET', url: `/v1/listing-screenings?listingId=${body.listingId}`, headers: bearer(owner.apiKey) });
    expect(listed.json().items.map((item: { id: string }) => item.id)).toEqual([id]);
    const stored = await platform.database.prisma.listingScreening.findUniqueOrThrow({ where: { id } });
    expect(stored.title).toBe(body.title);
    expect((await platform.app.inject({ method: 'GET', url: `/v1/listing-screenings/${id}`, headers: bearer(other.apiKey) })).statusCode).toBe(404);
    expect((await platform.app.inject({ method: 'GET', url: `/v1/listing-screenings?listingId=${body.listingId}`, headers: bearer(other.apiKey) })).json().items).toEqual([]);
    await waitForScreening(platform, owner.apiKey, id, final);
  });
});

describe('listing screening bad input', () => {
  it('refuses a brand whose min price is above its max, and unknown fields', async () => {
    const { apiKey } = await platform.createTenant();
    const upsideDown = await putBrand(platform, apiKey, 'gucci', { ...gucci, referencePrice: { currency: 'USD', min: 900, max: 100 } });
    expect(upsideDown.statusCode).toBe(400);
    expect(upsideDown.json()).toMatchObject({ code: 'validation-failed', errors: [{ field: 'body/referencePrice/min' }] });
    const unknown = await putBrand(platform, apiKey, 'gucci', { ...gucci, colour: 'red' });
    expect(unknown.statusCode).toBe(400);
    const badKey = await putBrand(platform, apiKey, 'Not A Key', gucci);
    expect(badKey.statusCode).toBe(400);
    expect((await platform.app.inject({ method: 'GET', url: '/v1/brands/nothing-here', headers: bearer(apiKey) })).statusCode).toBe(404);
    expect((await platform.app.inject({ method: 'DELETE', url: '/v1/brands/nothing-here', headers: bearer(apiKey) })).statusCode).toBe(404);
  });

  it('answers 400 with the field for schema violations, 400 without an Idempotency-Key, 400 for a wait over 30 s', async () => {
    const { apiKey } = await platform.createTenant();
    const noPrice = await submitListing(platform, apiKey, { ...listing(), price: undefined });
    expect(noPrice.statusCode).toBe(400);
    expect(noPrice.json().code).toBe('validation-failed');
    const badCurrency = await submitListing(platform, apiKey, listing({ price: { amount: 5, currency: 'dollars' } }));
    expect(badCurrency.json().errors[0].field).toMatch(/price\/currency/);
    const tooManyImages = await submitListing(platform, apiKey, listing({ images: Array.from({ length: 11 }, () => ({ url: `${images.base}/photo.jpg` })) }));
    expect(tooManyImages.statusCode).toBe(400);
    const noKey = await platform.app.inject({ method: 'POST', url: '/v1/listing-screenings', headers: bearer(apiKey), payload: listing() });
    expect(noKey.json().code).toBe('idempotency-key-required');
    const longWait = await submitListing(platform, apiKey, listing(), '?wait=31');
    expect(longWait.statusCode).toBe(400);
  });

  it('keeps a listing whose inline picture is garbage: the screening completes with the picture as a signal', async () => {
    const { apiKey } = await platform.createTenant();
    const { id } = (await submitListing(platform, apiKey, listing({ images: [{ imageBase64: Buffer.from('not an image at all').toString('base64') }, { imageBase64: productPhoto.toString('base64') }] }))).json();
    const screening = await waitForScreening(platform, apiKey, id, final);
    expect(screening.images).toMatchObject([{ status: 'failed', failure: 'not_an_image' }, { status: 'stored' }]);
    expect(screening.verdict.outcome).toBe('allow');
    expect((await readScreening(platform, apiKey, id)).verdict.signals.map((signal: { code: string }) => signal.code)).toContain('listing.image_unavailable');
  });
});
