/**
 * Appeals (DSA Art. 20) end to end: a seller appeals a listing the policy blocked; a moderator
 * overturns it and the listing is allowed, the statement marked overturned, the strike withdrawn
 * and `appeal.completed` sent. An appeal of a moderator's block cannot be decided by that
 * moderator; another upholds it. Appeals by others, of nothing, twice, of an appeal or late are
 * refused with their reasons.
 */
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleUser } from './support/console.ts';
import { bearer, gucci, listing, putBrand, submitListing } from './support/listings.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';
import { registerWebhook } from './support/vettings.ts';
import { startWebhookReceiver } from './support/webhookReceiver.ts';

let platform: TestPlatform;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  platform = await startTestPlatform({ config: { WEBHOOK_RETRY_INITIAL_SECONDS: '1' } });
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await platform?.close();
  await receiver?.close();
});

const get = async (apiKey: string, url: string) => {
  const response = await platform.app.inject({ method: 'GET', url, headers: bearer(apiKey) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const appealOf = async (apiKey: string, body: Record<string, unknown>) =>
  await platform.app.inject({ method: 'POST', url: '/v1/appeals', headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() }, payload: body });

async function marketplace() {
  const { apiKey, tenantId } = await platform.createTenant();
  await putBrand(platform, apiKey, 'gucci', gucci);
  const secret = await registerWebhook(platform, apiKey, receiver.url);
  return { apiKey, tenantId, secret };
}

/** The appeal's case, once its workflow opened it. */
async function appealCase(appealId: string) {
  await expect.poll(async () => await platform.database.prisma.case.count({ where: { subjectType: 'appeal', subjectId: appealId } }), { timeout: 30_000 }).toBe(1);
  return await platform.database.prisma.case.findFirstOrThrow({ where: { subjectType: 'appeal', subjectId: appealId } });
}

const decide = async (headers: Record<string, string>, caseId: string, decision: string, note: string) =>
  await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${caseId}/decision`, headers, payload: { decision, note } });

describe('appeals', () => {
  it('overturning a block allows the listing, marks the statement overturned, withdraws the strike and tells the marketplace', { timeout: 120_000 }, async () => {
    const { apiKey, tenantId, secret } = await marketplace();
    const sellerId = `shop-${uniqueSuffix()}`;
    const blocked = await submitListing(platform, apiKey, listing({ sellerId, title: 'Gucci Marmont bag 1:1 replica', description: 'mirror quality', price: { amount: 90, currency: 'USD' } }), '?wait=20');
    expect(blocked.json().verdict.outcome).toBe('block');
    const screeningId = blocked.json().id;
    expect((await get(apiKey, `/v1/sellers/${sellerId}/record`)).activeStrikes).toEqual({ count: 1, weight: 1 });

    const accepted = await appealOf(apiKey, { subjectType: 'listing_screening', subjectId: screeningId, appellant: { type: 'seller', id: sellerId }, statement: 'It is a licensed bag; the word was the buyer’s, quoted.' });
    expect(accepted.statusCode, accepted.body).toBe(202);
    const appealId = accepted.json().id;
    const opened = await appealCase(appealId);
    // a person decides every appeal: the policy escalated it, with what it is about
    expect(opened.signalCodes).toEqual(expect.arrayContaining(['appeal.received', 'appeal.of_listing_screening']));
    await expect.poll(async () => (await get(apiKey, `/v1/appeals/${appealId}`)).status, { timeout: 30_000 }).toBe('awaiting_review');

    const moderator = await consoleUser(platform, 'moderator', { marketplaces: [tenantId] });
    const page = await platform.app.inject({ method: 'GET', url: `/admin/v1/cases/${opened.id}`, headers: moderator.headers });
    expect(page.json().subject).toMatchObject({ appellant: { type: 'seller', id: sellerId }, appellantStatement: 'It is a licensed bag; the word was the buyer’s, quoted.', decision: { measure: { code: 'listing_removed' } }, originalCase: null });
    expect(page.json().work.allowed).toBe(true);
    expect((await decide(moderator.headers, opened.id, 'overturned', 'licensed stock, invoice seen')).statusCode).toBe(200);

    await expect.poll(async () => (await get(apiKey, `/v1/appeals/${appealId}`)).status, { timeout: 30_000 }).toBe('completed');
    const decided = await get(apiKey, `/v1/appeals/${appealId}`);
    expect(decided).toMatchObject({ subject: { type: 'listing_screening', id: screeningId }, appellant: { type: 'seller', id: sellerId }, verdict: { outcome: 'overturned', decidedBy: 'moderator', review: { decision: 'overturned' } } });
    const screening = await get(apiKey, `/v1/listing-screenings/${screeningId}`);
    expect(screening.verdict.outcome).toBe('allow');
    expect(screening.verdict.statementOfReasons.overturned).toMatchObject({ appealId });
    const record = await get(apiKey, `/v1/sellers/${sellerId}/record`);
    expect(record.activeStrikes).toEqual({ count: 0, weight: 0 });
    expect(record.strikes[0]).toMatchObject({ active: false, withdrawnReason: `overturned on appeal ${appealId}` });

    const verifier = new Webhook(secret);
    const sent = () => receiver.received.filter((request) => (JSON.parse(request.body) as { type: string; data: { appealId?: string } }).data.appealId === appealId);
    await expect.poll(() => sent().length, { timeout: 20_000 }).toBe(1);
    const event = verifier.verify(sent()[0]!.body, sent()[0]!.headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
    expect(event).toMatchObject({ type: 'appeal.completed', data: { appealId, subject: { type: 'listing_screening', id: screeningId }, verdict: { outcome: 'overturned' } } });
    // the appellant's words stay with the moderators
    expect(JSON.stringify(event)).not.toContain('licensed bag');

    // the transparency figures count it
    const today = new Date().toISOString().slice(0, 10);
    const senior = await consoleUser(platform, 'senior_moderator', { marketplaces: [tenantId] });
    const report = (await platform.app.inject({ method: 'GET', url: `/admin/v1/transparency-report?from=${today}&to=${today}`, headers: senior.headers })).json();
    expect(report.appeals).toMatchObject({ received: 1, decided: 1, upheld: 0, overturned: 1 });
    expect(report.appeals.medianSecondsToDecision).toBeGreaterThan(0);
    expect(report.strikes).toMatchObject({ issued: 1, withdrawn: 1 });
  });

  it('the moderator who took the decision cannot decide its appeal; another upholds it, and it cannot be appealed again', { timeout: 120_000 }, async () => {
    const { apiKey, tenantId } = await marketplace();
    const sellerId = `shop-${uniqueSuffix()}`;
    const escalated = await submitListing(platform, apiKey, listing({ sellerId, title: 'Gu\u0441ci Marmont shoulder bag', price: { amount: 400, currency: 'USD' } }), '?wait=20');
    expect(escalated.json().verdict.automated.outcome).toBe('escalate');
    const first = await consoleUser(platform, 'moderator', { marketplaces: [tenantId] });
    await expect.poll(async () => (await get(apiKey, `/v1/listing-screenings/${escalated.json().id}`)).status, { timeout: 30_000 }).toBe('awaiting_review');
    const listingCase = (await get(apiKey, `/v1/listing-screenings/${escalated.json().id}`)).verdict.review.caseId;
    expect((await decide(first.headers, listingCase, 'block', 'lookalike letter in the brand')).statusCode).toBe(200);
    await expect.poll(async () => (await get(apiKey, `/v1/listing-screenings/${escalated.json().id}`)).verdict.statementOfReasons?.decidedBy, { timeout: 30_000 }).toBe('moderator');

    const body = { subjectType: 'listing_screening', subjectId: escalated.json().id, appellant: { type: 'seller', id: sellerId }, statement: 'The letter is a font quirk.' };
    const accepted = await appealOf(apiKey, body);
    expect(accepted.statusCode, accepted.body).toBe(202);
    const again = await appealOf(apiKey, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('appeal-already-open');
    const opened = await appealCase(accepted.json().id);

    const page = await platform.app.inject({ method: 'GET', url: `/admin/v1/cases/${opened.id}`, headers: first.headers });
    expect(page.json().work).toMatchObject({ allowed: false, code: 'decider-excluded' });
    expect(page.json().subject.originalCase).toMatchObject({ id: listingCase, decision: 'block' });
    const refused = await decide(first.headers, opened.id, 'overturned', 'on reflection');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('decider-excluded');

    const second = await consoleUser(platform, 'moderator', { marketplaces: [tenantId] });
    expect((await decide(second.headers, opened.id, 'upheld', 'the letter is a Cyrillic one')).statusCode).toBe(200);
    await expect.poll(async () => (await get(apiKey, `/v1/appeals/${accepted.json().id}`)).verdict.outcome, { timeout: 30_000 }).toBe('upheld');
    const screening = await get(apiKey, `/v1/listing-screenings/${escalated.json().id}`);
    expect(screening.verdict.outcome).toBe('block');
    expect(screening.verdict.statementOfReasons.overturned).toBeNull();
    expect((await get(apiKey, `/v1/sellers/${sellerId}/record`)).activeStrikes.count).toBe(1);

    const afterDecision = await appealOf(apiKey, body);
    expect(afterDecision.statusCode).toBe(409);
    expect(afterDecision.json()).toMatchObject({ code: 'appeal-already-decided' });
    expect(afterDecision.json().detail).toContain('out-of-court');
    const ofAppeal = await appealOf(apiKey, { ...body, subjectType: 'appeal', subjectId: accepted.json().id });
    expect(ofAppeal.statusCode).toBe(409);
    expect(ofAppeal.json().code).toBe('appeal-of-appeal');
  });

  it('refuses appeals by another party, of a decision that restricted nothing, of another marketplace’s, and after the window', { timeout: 120_000 }, async () => {
    const { apiKey } = await marketplace();
    const sellerId = `shop-${uniqueSuffix()}`;
    const blocked = await submitListing(platform, apiKey, listing({ sellerId, title: 'Gucci Marmont bag 1:1 replica', price: { amount: 90, currency: 'USD' } }), '?wait=20');
    const allowed = await submitListing(platform, apiKey, listing({ sellerId, title: 'Leather tote bag' }), '?wait=20');
    expect(allowed.json().verdict.outcome).toBe('allow');
    const body = { subjectType: 'listing_screening', subjectId: blocked.json().id, appellant: { type: 'seller', id: sellerId }, statement: 'Please look again.' };

    const someoneElse = await appealOf(apiKey, { ...body, appellant: { type: 'seller', id: 'another-shop' } });
    expect([someoneElse.statusCode, someoneElse.json().code]).toEqual([403, 'not-affected-party']);
    const nothing = await appealOf(apiKey, { ...body, subjectId: allowed.json().id });
    expect([nothing.statusCode, nothing.json().code]).toEqual([404, 'decision-not-found']);
    const other = await platform.createTenant();
    expect((await appealOf(other.apiKey, body)).statusCode).toBe(404);
    const malformed = await appealOf(apiKey, { ...body, statement: '' });
    expect(malformed.statusCode).toBe(400);

    // the window of this decision closed (its statement says until when)
    await platform.database.prisma.statementOfReasons.updateMany({ where: { subjectId: blocked.json().id }, data: { appealUntil: new Date(Date.now() - 1000) } });
    const late = await appealOf(apiKey, body);
    expect([late.statusCode, late.json().code]).toEqual([409, 'appeal-window-closed']);
  });
});
