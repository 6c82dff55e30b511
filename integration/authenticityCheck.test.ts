import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCodes } from './support/brandCodes.ts';
import { WorkflowNotFoundError } from '@temporalio/client';
import { listing, submitListing, waitForScreening } from './support/listings.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';
import { registerWebhook } from './support/vettings.ts';
import { startWebhookReceiver } from './support/webhookReceiver.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

const GTIN = '09506000134352';
const bearer = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });

async function enrolledBrand(apiKey: string) {
  const brand = await platform.app.inject({ method: 'PUT', url: '/v1/brands/brush-co', headers: bearer(apiKey), payload: { name: 'Brush Co', gtins: [GTIN], serialPattern: '[A-Z]{2}\\d{6}', codeRegistry: 'bonafide' } });
  expect(brand.statusCode, brand.body).toBe(200);
  const codes = ['AB000001', 'AB000002', 'AB000003'].map((serial) => JSON.stringify({ gtin: GTIN, serial, status: 'issued' }));
  codes.push(JSON.stringify({ gtin: GTIN, serial: 'AB000009', status: 'revoked' }));
  const sent = await importCodes(platform, apiKey, 'brush-co', codes);
  expect(sent.json()).toMatchObject({ inserted: 4 });
}

type Check = { id: string; status: string; verdict: { outcome: string | null; decidedBy: string | null; automated: { outcome: string } | null; reasons: { code: string }[]; signals: { code: string; evidence: Record<string, unknown> }[] } };

async function check(apiKey: string, body: Record<string, unknown>): Promise<Check> {
  const response = await platform.app.inject({
    method: 'POST',
    url: '/v1/authenticity-checks?wait=20',
    headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
    payload: { buyerId: `buyer-${uniqueSuffix()}`, sellerId: 'seller-7', brandKey: 'brush-co', ...body },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
const codeOf = (serial: string) => `(01)${GTIN}(21)${serial}`;
// the policy also says, for anything not verified, that an automatic genuine needed a verified code
const reasons = (checked: Check) => checked.verdict.reasons.map((reason) => reason.code).filter((code) => !code.startsWith('policy.missing_'));

describe('a buyer’s authenticity check', () => {
  it('answers likely genuine for a code the brand issued, with ?wait', async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey);
    const checked = await check(apiKey, { orderId: 'o-1', claimedCode: `https://id.gs1.org/01/${GTIN}/21/AB000001` });
    expect(checked).toMatchObject({ status: 'completed', verdict: { outcome: 'likely_genuine', decidedBy: 'policy' } });
    expect(checked.verdict.signals.map((signal) => signal.code)).toEqual(['authenticity.code_verified']);
  });

  it('answers a likely genuine code at intake, without a workflow, and the dispatcher sends its completed webhook once', { timeout: 30_000 }, async () => {
    const receiver = await startWebhookReceiver();
    try {
      const { apiKey } = await platform.createTenant();
      await registerWebhook(platform, apiKey, receiver.url);
      await enrolledBrand(apiKey);
      const response = await platform.app.inject({
        method: 'POST',
        url: '/v1/authenticity-checks',
        headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
        payload: { orderId: 'o-intake', buyerId: 'buyer-1', sellerId: 'seller-7', brandKey: 'brush-co', claimedCode: codeOf('AB000003') },
      });
      expect(response.statusCode, response.body).toBe(202);
      const { id } = response.json();
      // answered in the request that stored it: no wait, no start in the outbox, no workflow run
      expect(response.json().status).toBe('completed');
      const row = await platform.database.prisma.authenticityCheck.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: 'completed', finalOutcome: 'likely_genuine', decidedBy: 'policy', completedAt: expect.any(Date) });
      expect(await platform.database.prisma.workflowStart.count({ where: { workflowId: row.workflowId } })).toBe(0);
      await expect(platform.temporal.workflow.getHandle(row.workflowId).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
      const read = await platform.app.inject({ method: 'GET', url: `/v1/authenticity-checks/${id}`, headers: bearer(apiKey) });
      expect(read.json()).toMatchObject({ status: 'completed', verdict: { outcome: 'likely_genuine', decidedBy: 'policy', automated: { outcome: 'likely_genuine' } } });

      // with ?wait the answer is the view a read gives, built from what the intake wrote
      const waited = await platform.app.inject({
        method: 'POST',
        url: '/v1/authenticity-checks?wait=5',
        headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
        payload: { orderId: 'o-intake-2', buyerId: 'buyer-2', sellerId: 'seller-7', claimedCode: codeOf('AB000002') },
      });
      expect(waited.statusCode, waited.body).toBe(200);
      const readAgain = await platform.app.inject({ method: 'GET', url: `/v1/authenticity-checks/${waited.json().id}`, headers: bearer(apiKey) });
      expect(waited.json()).toEqual(readAgain.json());
      // signals written by one statement are ordered by their random ids: the set is what is fixed
      expect(waited.json().verdict.signals.map((signal: { code: string }) => signal.code).sort()).toEqual(['authenticity.brand_inferred', 'authenticity.code_verified']);

      // the checks' webhooks (the brand's code import sent its own, before them)
      const checkEvents = () => receiver.received.map((request) => JSON.parse(request.body)).filter((event) => event.type.startsWith('authenticity_check.'));
      await expect.poll(() => checkEvents().length, { timeout: 15_000 }).toBe(2);
      const sent = checkEvents().find((event) => event.data.checkId === id);
      expect(sent).toMatchObject({ type: 'authenticity_check.completed', data: { checkId: id, orderId: 'o-intake', status: 'completed', verdict: { outcome: 'likely_genuine' } } });
      expect(sent.data.verdict).toEqual(read.json().verdict);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(checkEvents()).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  });

  it('finds one unit’s code sent at once from four orders a clone in all but the first', { timeout: 60_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey);
    const sent = await Promise.all(['p-1', 'p-2', 'p-3', 'p-4'].map((orderId) => check(apiKey, { orderId, claimedCode: codeOf('AB000001') })));
    expect(sent.map((checked) => checked.verdict.outcome).sort()).toEqual(['likely_counterfeit', 'likely_counterfeit', 'likely_counterfeit', 'likely_genuine']);
    for (const clone of sent.filter((checked) => checked.verdict.outcome === 'likely_counterfeit')) expect(reasons(clone)).toEqual(['authenticity.code_cloned']);
  });

  it('answers likely counterfeit for a revoked code and a serial the brand never issued', async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey);
    const revoked = await check(apiKey, { orderId: 'o-2', claimedCode: codeOf('AB000009') });
    expect(revoked.verdict).toMatchObject({ outcome: 'likely_counterfeit', decidedBy: 'policy' });
    expect(reasons(revoked)).toEqual(['authenticity.code_revoked']);
    const unknown = await check(apiKey, { orderId: 'o-3', claimedCode: codeOf('AB777777') });
    expect(reasons(unknown)).toEqual(['authenticity.code_unknown']);
  });

  it('finds a code cloned across orders, but not the same order checked twice', async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey);
    const first = await check(apiKey, { orderId: 'order-a', claimedCode: codeOf('AB000002') });
    expect(first.verdict.outcome).toBe('likely_genuine');
    const again = await check(apiKey, { orderId: 'order-a', claimedCode: codeOf('AB000002') });
    expect(again.verdict.outcome).toBe('likely_genuine');
    const clone = await check(apiKey, { orderId: 'order-b', claimedCode: `]d201${GTIN}21AB000002` });
    expect(clone.verdict).toMatchObject({ outcome: 'likely_counterfeit' });
    expect(reasons(clone)).toEqual(['authenticity.code_cloned']);
    expect(clone.verdict.signals.find((signal) => signal.code === 'authenticity.code_cloned')!.evidence).toMatchObject({ otherOrders: 1, otherChecks: [first.id, again.id] });
  });

  it('opens a case for what only a person can judge, and lists an order’s checks', async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey);
    // another product's barcode (the GTIN is not the brand's): not proof of a fake, a person looks
    const offPattern = await check(apiKey, { orderId: 'o-4', claimedCode: '(01)04006381333931(21)AB000001' });
    expect(offPattern).toMatchObject({ status: 'awaiting_review', verdict: { outcome: null, automated: { outcome: 'escalate' } } });
    expect(reasons(offPattern)).toEqual(['authenticity.gtin_not_of_brand']);
    // sent with nothing to check: it waits for the buyer's photos (the buyer page), no case yet
    const none = await check(apiKey, { orderId: 'o-4', buyerNote: 'no code on the box' });
    expect(none).toMatchObject({ status: 'awaiting_photos', verdict: { outcome: null }, photosWindow: { closesAt: expect.any(String) } });
    const listed = await platform.app.inject({ method: 'GET', url: '/v1/authenticity-checks?orderId=o-4', headers: bearer(apiKey) });
    expect(listed.json().items.map((item: Check) => item.id)).toEqual([none.id, offPattern.id]);
    const stranger = await platform.createTenant();
    expect((await platform.app.inject({ method: 'GET', url: `/v1/authenticity-checks/${none.id}`, headers: bearer(stranger.apiKey) })).statusCode).toBe(404);
  });

  it('takes the brand of a check that names none from its code’s GTIN, or else from its listing', async () => {
    const { apiKey } = await platform.createTenant();
    await enrolledBrand(apiKey);
    const issued = await check(apiKey, { orderId: 'o-5', brandKey: undefined, claimedCode: codeOf('AB000001') });
    expect(issued).toMatchObject({ status: 'completed', verdict: { outcome: 'likely_genuine' } });
    expect(issued.verdict.signals.find((signal) => signal.code === 'authenticity.brand_inferred')!.evidence).toEqual({ brandKey: 'brush-co', from: 'gtin' });
    const unknown = await check(apiKey, { orderId: 'o-6', brandKey: undefined, claimedCode: codeOf('AB777777') });
    expect(unknown.verdict).toMatchObject({ outcome: 'likely_counterfeit', decidedBy: 'policy' });
    expect(reasons(unknown)).toEqual(['authenticity.code_unknown']);
    // no brand lists this GTIN: the brand is the one the listing claims (by its name), and the GTIN is not its
    const listed = listing({ sellerId: 'seller-7', claimedBrand: 'Brush Co' });
    const screened = await submitListing(platform, apiKey, listed);
    expect(screened.statusCode, screened.body).toBe(202);
    await waitForScreening(platform, apiKey, screened.json().id, (screening) => ['completed', 'awaiting_review'].includes(screening.status));
    const other = await check(apiKey, { orderId: 'o-7', brandKey: undefined, listingId: listed.listingId, claimedCode: '(01)04006381333931(21)AB000001' });
    expect(other).toMatchObject({ status: 'awaiting_review', verdict: { automated: { outcome: 'escalate' } } });
    expect(reasons(other)).toEqual(['authenticity.gtin_not_of_brand']);
    expect(other.verdict.signals.find((signal) => signal.code === 'authenticity.brand_inferred')!.evidence).toEqual({ brandKey: 'brush-co', from: 'listing' });
    // a brand named by the check is never replaced
    const named = await check(apiKey, { orderId: 'o-8', claimedCode: codeOf('AB000002') });
    expect(named.verdict.signals.map((signal) => signal.code)).toEqual(['authenticity.code_verified']);
  });

  it('refuses a malformed check naming the field, and stores nothing', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const response = await platform.app.inject({ method: 'POST', url: '/v1/authenticity-checks', headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() }, payload: { orderId: 'o', buyerId: 'b' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation-failed', errors: [{ field: 'body/sellerId' }] });
    expect(await platform.database.prisma.authenticityCheck.count({ where: { tenantId } })).toBe(0);
  });
});
