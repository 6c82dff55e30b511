/**
 * What a settled authenticity check does, through the real API, worker and Temporal: on hard
 * evidence one refund request (the marketplace's endpoint is nock), the counterfeit on the seller's
 * record and its probation restricted, the order's listing screened again; without hard evidence
 * the seller's window (answered, or left to run out), then a moderator's case whose decision acts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCodes } from './support/brandCodes.ts';
import { barcode, blurred, label, productShot } from '../workers/detectors/authenticityPhotos/renderedPhotos.ts';
import { authenticityCheckWorkflowId } from '../workflows/names.ts';
import { AUTHENTICITY_CHECK_POLICY_KEY } from '../core/authenticityCheck.ts';
import shippedPolicy from '../workers/policy/authenticityCheckPolicy.v2.json' with { type: 'json' };
import { nock } from '../workers/http/testing/nock.ts';
import { moderatorSession } from './support/console.ts';
import { bearer, listing, submitListing, waitForScreening } from './support/listings.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';
import { probationPolicyVersion, sellerOnProbation, waitForProbation } from './support/probations.ts';
import { registerWebhook } from './support/vettings.ts';

const GTIN = '09506000134352';
// a brand without a registry here: its codes can contradict it (a serial off its pattern) but never prove a fake
const PLAIN_GTIN = '04006381333931';
// a closed port nock answers for: the marketplace's webhook endpoint
const MARKETPLACE = 'http://127.0.0.1:9';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ documents: true, config: { WEBHOOK_RETRY_INITIAL_SECONDS: '1' } });
});
afterAll(async () => {
  // each marketplace's endpoint is its own path, kept for the whole file: deliveries of earlier tests' webhooks may still retry
  nock.cleanAll();
  await platform?.close();
});

interface Delivery {
  type: string;
  webhookId: string;
  data: Record<string, unknown>;
}

/** The marketplace's endpoint: every delivery recorded, each answered 204. */
function marketplaceEndpoint(path: string): Delivery[] {
  const received: Delivery[] = [];
  nock(MARKETPLACE)
    .persist()
    .post(path)
    .reply(function (_uri, body) {
      const event = (typeof body === 'string' ? JSON.parse(body) : body) as { type: string; data: Record<string, unknown> };
      received.push({ type: event.type, data: event.data, webhookId: String(this.req.headers['webhook-id']) });
      return [204, ''];
    });
  return received;
}

async function marketplace() {
  const { apiKey, tenantId } = await platform.createTenant();
  const path = `/hooks-${uniqueSuffix()}`;
  const deliveries = marketplaceEndpoint(path);
  await registerWebhook(platform, apiKey, `${MARKETPLACE}${path}`);
  const brand = await platform.app.inject({ method: 'PUT', url: '/v1/brands/brush-co', headers: bearer(apiKey), payload: { name: 'Brush Co', gtins: [GTIN], serialPattern: '[A-Z]{2}\\d{6}', codeRegistry: 'bonafide' } });
  expect(brand.statusCode, brand.body).toBe(200);
  const codes = [{ serial: 'AB000001', status: 'issued' }, { serial: 'AB000009', status: 'revoked' }].map((code) => JSON.stringify({ gtin: GTIN, ...code }));
  const sent = await importCodes(platform, apiKey, 'brush-co', codes);
  expect(sent.statusCode, sent.body).toBe(200);
  const plain = await platform.app.inject({ method: 'PUT', url: '/v1/brands/plain-co', headers: bearer(apiKey), payload: { name: 'Plain Co', gtins: [PLAIN_GTIN], serialPattern: '[A-Z]{2}\\d{6}', codeRegistry: 'none' } });
  expect(plain.statusCode, plain.body).toBe(200);
  return { apiKey, tenantId, deliveries };
}

async function submitCheck(apiKey: string, body: Record<string, unknown>): Promise<string> {
  const response = await platform.app.inject({
    method: 'POST',
    url: '/v1/authenticity-checks',
    headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
    payload: { buyerId: `buyer-${uniqueSuffix()}`, brandKey: 'brush-co', ...body },
  });
  expect(response.statusCode, response.body).toBe(202);
  return response.json().id;
}

async function readCheck(apiKey: string, id: string) {
  const response = await platform.app.inject({ method: 'GET', url: `/v1/authenticity-checks/${id}`, headers: bearer(apiKey) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function waitForCheck(apiKey: string, id: string, until: (check: { status: string; round: number }) => boolean, timeoutMs = 60_000) {
  let last: Awaited<ReturnType<typeof readCheck>>;
  // a failure names the status the check was stuck in
  await expect
    .poll(
      async () => {
        const check = await readCheck(apiKey, id);
        last = check;
        return until(check) ? 'as awaited' : check.status;
      },
      { timeout: timeoutMs, interval: 100, message: `check ${id}` },
    )
    .toBe('as awaited');
  return last;
}

const respond = (apiKey: string, id: string, payload: Record<string, unknown>, key = randomUUID()) =>
  platform.app.inject({ method: 'POST', url: `/v1/authenticity-checks/${id}/seller-responses`, headers: { ...bearer(apiKey), 'idempotency-key': key }, payload });

const counterfeitRecord = async (apiKey: string, sellerId: string) => {
  const response = await platform.app.inject({ method: 'GET', url: `/v1/sellers/${sellerId}/counterfeit-record`, headers: bearer(apiKey) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

async function decideCase(checkId: string, decision: string, note?: string) {
  const prisma = platform.database.prisma;
  const caseOf = () => prisma.case.findFirst({ where: { subjectType: 'authenticity_check', subjectId: checkId } });
  await expect.poll(caseOf, { timeout: 30_000, interval: 100 }).not.toBeNull();
  const opened = (await caseOf())!;
  const headers = await moderatorSession(platform);
  // the case takes a decision once the workflow has marked the check awaiting review (409 until then)
  const decide = async () => {
    const decided = await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${opened.id}/decision`, headers, payload: { decision, ...(note ? { note } : {}) } });
    return decided.statusCode < 300 ? 'decided' : `${decided.statusCode} ${decided.body}`;
  };
  await expect.poll(decide, { timeout: 30_000, interval: 200 }).toBe('decided');
}

const refundsOf = (deliveries: Delivery[], checkId: string) => deliveries.filter((delivery) => delivery.type === 'authenticity_check.refund_requested' && delivery.data.checkId === checkId);

describe('hard evidence of a fake', () => {
  it('requests one refund, records the counterfeit against the seller, restricts its probation and re-screens the listing', { timeout: 120_000 }, async () => {
    const { apiKey, tenantId, deliveries } = await marketplace();
    const policyVersion = await probationPolicyVersion(platform, { probationSeconds: 3_600 });
    const seller = await sellerOnProbation(platform, tenantId, { policyVersion });
    const screened = await submitListing(platform, apiKey, listing({ sellerId: seller.sellerId }));
    expect(screened.statusCode, screened.body).toBe(202);
    const firstScreening = await waitForScreening(platform, apiKey, screened.json().id, (screening) => screening.status === 'completed');

    const checkId = await submitCheck(apiKey, { orderId: 'order-1', sellerId: seller.sellerId, listingId: firstScreening.listingId, claimedCode: `(01)${GTIN}(21)AB000009` });
    const check = await waitForCheck(apiKey, checkId, (candidate) => candidate.status === 'completed');
    expect(check.verdict).toMatchObject({ outcome: 'likely_counterfeit', decidedBy: 'policy' });
    expect(check.sellerWindow).toBeNull();
    expect(check.actions).toMatchObject({ counterfeitRecorded: true, refundRequested: { idempotencyKey: `authenticity-refund-${checkId}` } });

    // the refund request, once, with the key derived from the check and the ids the marketplace refunds by
    await expect.poll(() => refundsOf(deliveries, checkId).length, { timeout: 30_000 }).toBe(1);
    const [refund] = refundsOf(deliveries, checkId);
    expect(refund!.data).toEqual({
      checkId,
      orderId: 'order-1',
      buyerId: check.buyerId,
      sellerId: seller.sellerId,
      listingId: firstScreening.listingId,
      idempotencyKey: `authenticity-refund-${checkId}`,
      reason: 'hard_evidence',
    });
    expect(refund!.webhookId).toBe(check.actions.refundRequested.eventId);
    await expect.poll(() => deliveries.some((delivery) => delivery.type === 'authenticity_check.completed' && delivery.data.checkId === checkId), { timeout: 30_000 }).toBe(true);

    // the seller's record, for this marketplace only
    const record = await counterfeitRecord(apiKey, seller.sellerId);
    expect(record).toMatchObject({ sellerId: seller.sellerId, last30Days: 1, last90Days: 1, listings: [{ listingId: firstScreening.listingId, counterfeits: 1 }] });
    expect(record.counterfeits).toEqual([expect.objectContaining({ checkId, orderId: 'order-1', decidedBy: 'policy' })]);
    const stranger = await platform.createTenant();
    expect(await counterfeitRecord(stranger.apiKey, seller.sellerId)).toMatchObject({ last30Days: 0, last90Days: 0, counterfeits: [], listings: [] });

    // a hard limit of probation: restricted at once, with a case
    const probation = await waitForProbation(platform, apiKey, seller.sellerId, (candidate) => candidate.status === 'restricted', 30_000);
    expect(probation.changes.map((change: { change: string; reasons: string[] }) => [change.change, change.reasons])).toContainEqual(['restricted', ['counterfeit_confirmed']]);

    // the listing screened again from its latest screening
    const rescreening = await waitForScreening(platform, apiKey, check.actions.listingRescreeningId, (screening) => screening.status === 'completed');
    expect(rescreening).toMatchObject({ listingId: firstScreening.listingId, trigger: 'counterfeit_confirmed' });
    expect(await platform.database.prisma.listingScreening.count({ where: { tenantId, listingId: firstScreening.listingId } })).toBe(2);

    // no window was opened: the seller cannot answer a settled check
    const late = await respond(apiKey, checkId, { note: 'it is genuine' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'seller-response-window-closed' });
  });

  it('refunds and records an order once, whatever number of checks the buyer sends of it', { timeout: 120_000 }, async () => {
    const { apiKey, deliveries } = await marketplace();
    const sellerId = `shop-${uniqueSuffix()}`;
    const orderId = `order-${uniqueSuffix()}`;
    const first = await submitCheck(apiKey, { orderId, sellerId, claimedCode: `(01)${GTIN}(21)AB000009` });
    expect((await waitForCheck(apiKey, first, (candidate) => candidate.status === 'completed')).actions).toMatchObject({ counterfeitRecorded: true });
    // the buyer scans the same item again: the same answer, and the order's refund and record stand
    const again = await submitCheck(apiKey, { orderId, sellerId, claimedCode: `(01)${GTIN}(21)AB000009` });
    const second = await waitForCheck(apiKey, again, (candidate) => candidate.status === 'completed');
    expect(second.verdict).toMatchObject({ outcome: 'likely_counterfeit', decidedBy: 'policy' });
    expect(second.actions).toMatchObject({ counterfeitRecorded: false, refundRequested: null });
    await expect.poll(() => deliveries.some((delivery) => delivery.type === 'authenticity_check.completed' && delivery.data.checkId === again), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => refundsOf(deliveries, first).length, { timeout: 30_000 }).toBe(1);
    expect(refundsOf(deliveries, again)).toEqual([]);
    expect(await counterfeitRecord(apiKey, sellerId)).toMatchObject({ last30Days: 1, counterfeits: [expect.objectContaining({ checkId: first, orderId })] });
  });

  it('asks for no refund on a genuine code, and on a check without a known listing re-screens nothing', { timeout: 60_000 }, async () => {
    const { apiKey, tenantId, deliveries } = await marketplace();
    const genuine = await submitCheck(apiKey, { orderId: 'o-g', sellerId: 'shop-g', claimedCode: `(01)${GTIN}(21)AB000001` });
    expect(await waitForCheck(apiKey, genuine, (check) => check.status === 'completed')).toMatchObject({ verdict: { outcome: 'likely_genuine' }, actions: { refundRequested: null, counterfeitRecorded: false } });
    const fake = await submitCheck(apiKey, { orderId: 'o-f', sellerId: 'shop-g', listingId: 'never-screened', claimedCode: `(01)${GTIN}(21)AB999999` });
    expect(await waitForCheck(apiKey, fake, (check) => check.status === 'completed')).toMatchObject({ actions: { counterfeitRecorded: true, listingRescreeningId: null } });
    await expect.poll(() => refundsOf(deliveries, fake).length, { timeout: 30_000 }).toBe(1);
    expect(refundsOf(deliveries, genuine)).toEqual([]);
    expect(await platform.database.prisma.listingScreening.count({ where: { tenantId } })).toBe(0);
    expect(await counterfeitRecord(apiKey, 'shop-g')).toMatchObject({ last30Days: 1, listings: [{ listingId: 'never-screened', counterfeits: 1 }] });
  });
});

describe('a check that leans counterfeit without hard evidence', () => {
  // Policies are global: this version (a serial off the brand's pattern leans counterfeit, the
  // seller has 5 seconds) is replaced by the shipped rules again at the end.
  beforeAll(async () => {
    const admin = await moderatorSession(platform, 'admin');
    const rules = {
      ...shippedPolicy,
      rules: shippedPolicy.rules.map((rule) => (rule.code === 'authenticity.serial_pattern_mismatch' ? { ...rule, action: 'likely_counterfeit' } : rule)),
      parameters: { ...shippedPolicy.parameters, sellerResponseSeconds: 5 },
    };
    const created = await platform.app.inject({ method: 'POST', url: '/admin/v1/policies', headers: admin, payload: { key: AUTHENTICITY_CHECK_POLICY_KEY, rules, note: 'test: a short seller window' } });
    expect(created.statusCode, created.body).toBe(201);
    const badWindow = await platform.app.inject({ method: 'POST', url: '/admin/v1/policies', headers: admin, payload: { key: AUTHENTICITY_CHECK_POLICY_KEY, rules: { ...rules, parameters: { ...rules.parameters, sellerResponseSeconds: 0 } } } });
    expect(badWindow.statusCode).toBe(400);
  });
  afterAll(async () => {
    const admin = await moderatorSession(platform, 'admin');
    await platform.app.inject({ method: 'POST', url: '/admin/v1/policies', headers: admin, payload: { key: AUTHENTICITY_CHECK_POLICY_KEY, rules: shippedPolicy, note: 'test: the shipped rules again' } });
  });

  it('takes the seller’s answer once within the window, then a moderator’s counterfeit refunds once and records it', { timeout: 90_000 }, async () => {
    const { apiKey, deliveries } = await marketplace();
    const checkId = await submitCheck(apiKey, { orderId: 'o-w1', sellerId: 'shop-w', listingId: 'l-w1', brandKey: 'plain-co', claimedCode: `(01)${PLAIN_GTIN}(21)abc-123` });
    const waiting = await waitForCheck(apiKey, checkId, (check) => check.status !== 'received' && check.status !== 'screening');
    expect(waiting).toMatchObject({ status: 'awaiting_seller_response', verdict: { outcome: null, automated: { outcome: 'likely_counterfeit' } }, sellerWindow: { response: null } });
    expect(Date.parse(waiting.sellerWindow.closesAt)).toBeGreaterThan(Date.now());

    const key = randomUUID();
    const answer = { note: 'Sold from our authorised stock; invoice attached.', photos: [{ kind: 'invoice', url: 'https://cdn.shop-w.test/invoice-1.jpg' }] };
    const answered = await respond(apiKey, checkId, answer, key);
    expect(answered.statusCode, answered.body).toBe(201);
    expect(answered.json()).toMatchObject({ checkId, ...answer });
    // the same request again is the same answer; another answer is refused
    const replayed = await respond(apiKey, checkId, answer, key);
    expect(replayed.statusCode).toBe(201);
    expect(replayed.json().id).toBe(answered.json().id);
    expect((await respond(apiKey, checkId, { note: 'and another thing' })).statusCode).toBe(409);
    expect((await respond(apiKey, checkId, { photos: [{ kind: 'label', url: 'file:///etc/passwd' }] })).statusCode).toBe(400);
    const stranger = await platform.createTenant();
    expect((await respond(stranger.apiKey, checkId, answer)).statusCode).toBe(404);

    // the answer ends the window: the case opens and the moderator sees the answer
    const reviewing = await waitForCheck(apiKey, checkId, (check) => check.status === 'awaiting_review');
    expect(reviewing.sellerWindow.response).toMatchObject({ id: answered.json().id });
    expect(refundsOf(deliveries, checkId)).toEqual([]);
    const opened = await platform.database.prisma.case.findFirstOrThrow({ where: { subjectType: 'authenticity_check', subjectId: checkId } });
    const headers = await moderatorSession(platform);
    const seen = await platform.app.inject({ method: 'GET', url: `/admin/v1/cases/${opened.id}`, headers });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(JSON.stringify(seen.json())).toContain('Sold from our authorised stock');

    await decideCase(checkId, 'likely_counterfeit', 'label font and serial do not match the brand');
    const settled = await waitForCheck(apiKey, checkId, (check) => check.status === 'completed');
    expect(settled).toMatchObject({ verdict: { outcome: 'likely_counterfeit', decidedBy: 'moderator' }, actions: { counterfeitRecorded: true } });
    await expect.poll(() => refundsOf(deliveries, checkId).length, { timeout: 30_000 }).toBe(1);
    expect(refundsOf(deliveries, checkId)[0]!.data).toMatchObject({ reason: 'moderator_confirmed', idempotencyKey: `authenticity-refund-${checkId}` });
    expect((await counterfeitRecord(apiKey, 'shop-w')).counterfeits).toEqual([expect.objectContaining({ checkId, decidedBy: 'moderator', listingId: 'l-w1' })]);
  });

  it('answers ?wait as soon as the window opens, with the window the buyer can be told of', { timeout: 90_000 }, async () => {
    const { apiKey } = await marketplace();
    const response = await platform.app.inject({
      method: 'POST',
      url: '/v1/authenticity-checks?wait=25',
      headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
      payload: { orderId: 'o-w0', buyerId: 'b-w0', sellerId: 'shop-w0', brandKey: 'plain-co', claimedCode: `(01)${PLAIN_GTIN}(21)zz-0` },
    });
    expect(response.statusCode, response.body).toBe(200);
    // answered on the window itself, not 5 s later when the case opens
    expect(response.json()).toMatchObject({ status: 'awaiting_seller_response', verdict: { outcome: null, automated: { outcome: 'likely_counterfeit' } }, sellerWindow: { response: null } });
    expect(Date.parse(response.json().sellerWindow.closesAt)).toBeGreaterThan(Date.parse(response.json().createdAt));
    await waitForCheck(apiKey, response.json().id, (check) => check.status === 'awaiting_review', 30_000);
  });

  it('opens the case when the window runs out unanswered; a moderator may ask for more photos (the new ones reopen the check, with a seller window of their own) or call it genuine, and nothing is refunded', { timeout: 150_000 }, async () => {
    const { apiKey, deliveries } = await marketplace();
    const retake = await submitCheck(apiKey, { orderId: 'o-w2', sellerId: 'shop-x', brandKey: 'plain-co', claimedCode: `(01)${PLAIN_GTIN}(21)zz-1` });
    const genuine = await submitCheck(apiKey, { orderId: 'o-w3', sellerId: 'shop-x', brandKey: 'plain-co', claimedCode: `(01)${PLAIN_GTIN}(21)zz-2` });
    const opened = Date.now();
    await waitForCheck(apiKey, retake, (check) => check.status === 'awaiting_seller_response');
    const reviewing = await waitForCheck(apiKey, retake, (check) => check.status === 'awaiting_review', 30_000);
    expect(Date.now() - opened).toBeGreaterThanOrEqual(3_000);
    expect(reviewing.sellerWindow).toMatchObject({ response: null });
    const late = await respond(apiKey, retake, { note: 'too late' });
    expect(late.statusCode).toBe(409);

    await decideCase(retake, 'retake_requested', 'the label photo is needed, in focus');
    expect(await waitForCheck(apiKey, retake, (check) => check.status === 'completed')).toMatchObject({ verdict: { outcome: 'retake_requested', decidedBy: 'moderator' }, actions: { counterfeitRecorded: false, refundRequested: null } });
    await waitForCheck(apiKey, genuine, (check) => check.status === 'awaiting_review', 30_000);
    await decideCase(genuine, 'likely_genuine');
    expect(await waitForCheck(apiKey, genuine, (check) => check.status === 'completed')).toMatchObject({ verdict: { outcome: 'likely_genuine' }, actions: { counterfeitRecorded: false } });
    await expect.poll(() => deliveries.filter((delivery) => delivery.type === 'authenticity_check.completed').length, { timeout: 30_000 }).toBe(2);
    expect(deliveries.filter((delivery) => delivery.type === 'authenticity_check.refund_requested')).toEqual([]);
    expect(await counterfeitRecord(apiKey, 'shop-x')).toMatchObject({ last90Days: 0 });

    // the buyer's new photos reopen the check the moderator asked more photos of: the same check is
    // decided again (a case of its own), the first round kept with its decided case
    const photos = { photos: [{ kind: 'product', imageBase64: (await productShot()).toString('base64') }], claimedCode: `(01)${PLAIN_GTIN}(21)zz-1` };
    const reopened = await platform.app.inject({ method: 'POST', url: `/v1/authenticity-checks/${retake}/photos`, headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() }, payload: photos });
    expect(reopened.statusCode, reopened.body).toBe(202);
    // leaning counterfeit again, the new round gives the seller a window of its own, and takes an answer in it
    const reopenedAt = Date.now();
    const secondWindow = await waitForCheck(apiKey, retake, (check) => check.status === 'awaiting_seller_response' && check.round === 1, 30_000);
    expect(secondWindow.sellerWindow).toMatchObject({ response: null });
    expect(Date.parse(secondWindow.sellerWindow.closesAt)).toBeGreaterThan(reopenedAt);
    const secondAnswer = await respond(apiKey, retake, { note: 'Second look: the unit came from our own warehouse.' });
    expect(secondAnswer.statusCode, secondAnswer.body).toBe(201);
    expect((await respond(apiKey, retake, { note: 'and a third' })).statusCode).toBe(409);
    const reviewingAgain = await waitForCheck(apiKey, retake, (check) => check.status === 'awaiting_review', 30_000);
    expect(reviewingAgain.sellerWindow.response).toMatchObject({ id: secondAnswer.json().id });
    // the first round keeps its window, unanswered
    expect(reviewingAgain.earlierRounds).toMatchObject([{ round: 0, sellerWindow: { closesAt: reviewing.sellerWindow.closesAt, response: null } }]);
    const secondCase = await platform.database.prisma.case.findFirstOrThrow({ where: { subjectType: 'authenticity_check', subjectId: retake } });
    const seenAgain = await platform.app.inject({ method: 'GET', url: `/admin/v1/cases/${secondCase.id}`, headers: await moderatorSession(platform) });
    expect(JSON.stringify(seenAgain.json())).toContain('Second look: the unit came from our own warehouse.');
    await decideCase(retake, 'likely_genuine');
    const settled = await waitForCheck(apiKey, retake, (check) => check.status === 'completed');
    expect(settled).toMatchObject({ round: 1, verdict: { outcome: 'likely_genuine', decidedBy: 'moderator' }, earlierRounds: [{ round: 0, outcome: 'retake_requested', decidedBy: 'moderator' }] });
    const rounds = await platform.database.prisma.authenticityCheckRound.findMany({ where: { checkId: retake } });
    expect(await platform.database.prisma.case.findFirst({ where: { subjectType: 'authenticity_check', subjectId: rounds[0]!.subjectId }, include: { decision: true } })).toMatchObject({ status: 'decided', decision: { decision: 'retake_requested' } });
    await expect.poll(() => deliveries.filter((delivery) => delivery.type === 'authenticity_check.completed' && delivery.data.checkId === retake).map((delivery) => (delivery.data.verdict as { outcome: string }).outcome), { timeout: 30_000 }).toEqual(['retake_requested', 'likely_genuine']);
    // decided: no more photos
    const afterDecision = await platform.app.inject({ method: 'POST', url: `/v1/authenticity-checks/${retake}/photos`, headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() }, payload: photos });
    expect(afterDecision.statusCode).toBe(409);
  });
});

describe('a retake while the marketplace’s endpoint fails', () => {
  it('opens the buyer’s window for photos at once, settles the retake, and ends the check only once its webhooks are delivered', { timeout: 120_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    const path = `/failing-${uniqueSuffix()}`;
    let attempts = 0;
    nock(MARKETPLACE)
      .persist()
      .post(path)
      .reply(() => {
        attempts += 1;
        return [500, 'down'];
      });
    await registerWebhook(platform, apiKey, `${MARKETPLACE}${path}`);
    expect((await platform.app.inject({ method: 'PUT', url: '/v1/brands/brush-co', headers: bearer(apiKey), payload: { name: 'Brush Co', gtins: [GTIN], codeRegistry: 'bonafide' } })).statusCode).toBe(200);
    const sharpLabel = await label({ code: await barcode('gs1datamatrix', `(01)${GTIN}(21)WN000001`, { scale: 4 }) });
    const sent = await platform.app.inject({
      method: 'POST',
      url: '/v1/authenticity-checks',
      headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
      payload: { orderId: `o-${uniqueSuffix()}`, buyerId: 'b-1', sellerId: 's-1', brandKey: 'brush-co', photos: [{ kind: 'label', imageBase64: (await blurred(sharpLabel, 8)).toString('base64') }] },
    });
    expect(sent.statusCode, sent.body).toBe(202);
    const { id, buyerUrl } = sent.json() as { id: string; buyerUrl: string };
    const read = async () => (await platform.app.inject({ method: 'GET', url: `/v1/authenticity-checks/${id}`, headers: bearer(apiKey) })).json();

    // the retake's window opens while the round's completed webhook is still failing
    await expect.poll(async () => (await read()).photosWindow, { timeout: 60_000, interval: 200 }).not.toBeNull();
    expect(await read()).toMatchObject({ verdict: { outcome: 'retake_requested' } });
    await expect.poll(() => attempts, { timeout: 30_000, interval: 200 }).toBeGreaterThan(0);
    const token = buyerUrl.split('#')[1]!;
    const page = (await platform.app.inject({ method: 'GET', url: `/v1/buyer/checks/${encodeURIComponent(token)}` })).json();
    expect(page.asks).toEqual([{ kind: 'label', hint: expect.stringMatching(/blurred/) }]);
    const retaken = await platform.app.inject({ method: 'POST', url: `/v1/buyer/checks/${encodeURIComponent(token)}/photos`, payload: { photos: [{ kind: 'label', imageBase64: sharpLabel.toString('base64') }] } });
    expect(retaken.statusCode, retaken.body).toBe(202);
    await expect.poll(async () => (await read()).verdict?.outcome, { timeout: 60_000, interval: 200 }).not.toBe('retake_requested');

    // settled, but not over: its webhooks are still being retried
    expect((await platform.temporal.workflow.getHandle(authenticityCheckWorkflowId(id)).describe()).status.name).toBe('RUNNING');
  });
});
