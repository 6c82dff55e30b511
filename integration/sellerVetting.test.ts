import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseIdentifier } from '../core/dataProtection.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { applicantFor, moderatorSession, readVetting, registerWebhook, submitVetting, waitForVetting } from './support/vettings.ts';
import { startWebhookReceiver } from './support/webhookReceiver.ts';

let platform: TestPlatform;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  platform = await startTestPlatform({ documents: true, config: { WEBHOOK_RETRY_INITIAL_SECONDS: '1' } });
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await platform?.close();
  await receiver?.close();
});

const done = (vetting: { status: string }) => vetting.status === 'completed';

function verifiedEvents(secret: string, vettingId: string) {
  const verifier = new Webhook(secret);
  // the receiver is shared by every tenant of this file: pick this vetting's, then verify them
  return receiver.received
    .filter((request) => (JSON.parse(request.body) as { data: { vettingId: string } }).data.vettingId === vettingId)
    .map((request) => ({ request, event: verifier.verify(request.body, request.headers as Record<string, string>) as { type: string; data: { vettingId: string } } }));
}

describe('seller vetting end to end', () => {
  it('approves a seller whose document matches, records the verdict, and sends a signed webhook', async () => {
    const { apiKey } = await platform.createTenant();
    const secret = await registerWebhook(platform, apiKey, receiver.url);
    const accepted = await submitVetting(platform, apiKey, applicantFor('td3-valid-01.jpg'));
    expect(accepted.statusCode, accepted.body).toBe(202);
    const { id, status } = accepted.json();
    expect(status).toBe('received');

    const vetting = await waitForVetting(platform, apiKey, id, done);
    expect(vetting.verdict).toMatchObject({ outcome: 'approve', decidedBy: 'policy', automated: { outcome: 'approve', policy: { key: 'seller-vetting', version: 1 } }, reasons: [], review: null });
    expect(vetting.verdict.signals.map((signal: { code: string }) => signal.code)).toContain('document.verified');

    const seller = await platform.database.prisma.seller.findFirstOrThrow({ where: { vettings: { some: { id } } } });
    expect(seller.status).toBe('approved');
    expect(seller.approvedAt).not.toBeNull();

    await expect.poll(() => verifiedEvents(secret, id).length, { timeout: 15_000 }).toBe(1);
    const [{ event, request }] = verifiedEvents(secret, id) as [ReturnType<typeof verifiedEvents>[number]];
    expect(event).toMatchObject({ type: 'seller_vetting.completed', data: { vettingId: id, status: 'completed', verdict: { outcome: 'approve', decidedBy: 'policy', automated: { outcome: 'approve' } } } });
    expect(request.headers['webhook-id']).toMatch(/^msg_/);

    // the worker records the attempt, then the event's status: the receiver may have answered before both are written
    const deliveries = () => platform.app.inject({ method: 'GET', url: '/v1/webhook-deliveries', headers: { authorization: `Bearer ${apiKey}` } });
    await expect.poll(async () => (await deliveries()).json().items[0].status, { timeout: 15_000 }).toBe('delivered');
    expect((await deliveries()).json().items[0]).toMatchObject({ id: request.headers['webhook-id'], status: 'delivered', attempts: [{ outcome: 'delivered', httpStatus: 204 }] });
  });

  it('escalates a name mismatch; a moderator decision resumes the workflow and finalises it', async () => {
    const { apiKey } = await platform.createTenant();
    const secret = await registerWebhook(platform, apiKey, receiver.url);
    const accepted = await submitVetting(platform, apiKey, applicantFor('td3-mismatch-01.jpg'));
    const { id } = accepted.json();
    const waiting = await waitForVetting(platform, apiKey, id, (vetting) => vetting.status === 'awaiting_review');
    expect(waiting.verdict).toMatchObject({ outcome: null, decidedBy: null, automated: { outcome: 'escalate' } });
    expect(waiting.verdict.reasons.map((reason: { code: string }) => reason.code)).toContain('document.name_mismatch');
    expect(waiting.verdict.review).toMatchObject({ status: 'open', priority: expect.stringMatching(/^(normal|high)$/), decision: null });

    const session = await moderatorSession(platform);
    const shown = await platform.app.inject({ method: 'GET', url: `/admin/v1/cases/${waiting.verdict.review.caseId}`, headers: session });
    expect(shown.json()).toMatchObject({
      id: waiting.verdict.review.caseId,
      status: 'open',
      subjectType: 'seller_vetting',
      verdict: { outcome: 'escalate', policy: { key: 'seller-vetting', version: 1 } },
      decisions: [{ value: 'approve' }, { value: 'reject', noteRequired: true }],
      work: { allowed: true },
      subject: { vettingId: id, mrzLines: [expect.stringMatching(/^P<UTO/), expect.stringMatching(/^[A-Z0-9<]{44}$/)], comparison: expect.arrayContaining([expect.objectContaining({ field: 'name', matches: false })]) },
      seller: { externalId: expect.any(String), subjects: [expect.objectContaining({ id, kind: 'seller_vetting' })] },
    });
    // Other test files open cases in the same database: this seller's open cases only.
    const { sellerId } = await platform.database.prisma.sellerVetting.findUniqueOrThrow({ where: { id } });
    const filter = encodeURIComponent(JSON.stringify({ status: 'open', subjectType: 'seller_vetting', sellerId }));
    const queue = await platform.app.inject({ method: 'GET', url: `/admin/v1/cases?filter=${filter}&range=[0,9]`, headers: session });
    expect(queue.headers['content-range']).toMatch(/^cases 0-\d+\/\d+$/);
    expect(queue.json().map((item: { id: string }) => item.id)).toContain(waiting.verdict.review.caseId);
    const decided = await platform.app.inject({
      method: 'POST',
      url: `/admin/v1/cases/${waiting.verdict.review.caseId}/decision`,
      headers: session,
      payload: { decision: 'approve', note: 'name is a known transliteration' },
    });
    expect(decided.statusCode, decided.body).toBe(200);

    const final = await waitForVetting(platform, apiKey, id, done);
    expect(final.verdict).toMatchObject({ outcome: 'approve', decidedBy: 'moderator', review: { status: 'decided', decision: 'approve', note: 'name is a known transliteration' } });
    await expect.poll(() => verifiedEvents(secret, id).length, { timeout: 15_000 }).toBe(1);
    expect(verifiedEvents(secret, id)[0]?.event.data).toMatchObject({ verdict: { outcome: 'approve', decidedBy: 'moderator', automated: { outcome: 'escalate' } } });

    const again = await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${waiting.verdict.review.caseId}/decision`, headers: session, payload: { decision: 'reject', note: 'second try' } });
    expect(again.statusCode).toBe(409);
    expect(await platform.database.prisma.decision.count({ where: { caseId: waiting.verdict.review.caseId } })).toBe(1);
  });

  it('rejects an expired document without a moderator', async () => {
    const { apiKey } = await platform.createTenant();
    const { id } = (await submitVetting(platform, apiKey, applicantFor('td3-expired-01.jpg'))).json();
    const vetting = await waitForVetting(platform, apiKey, id, done);
    expect(vetting.verdict).toMatchObject({ outcome: 'reject', decidedBy: 'policy', automated: { outcome: 'reject' } });
    expect(vetting.verdict.reasons.map((reason: { code: string }) => reason.code)).toContain('document.expired');
  });

  it('escalates an unreadable document instead of failing', async () => {
    const { apiKey } = await platform.createTenant();
    const { id } = (await submitVetting(platform, apiKey, applicantFor('nodoc-product-01.jpg'))).json();
    const vetting = await waitForVetting(platform, apiKey, id, (candidate) => candidate.status === 'awaiting_review');
    expect(vetting.verdict.signals.map((signal: { code: string }) => signal.code)).toContain('document.unreadable');
  });

  it('refuses a decision from someone without a console session and for an unknown case', async () => {
    const anonymous = await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${crypto.randomUUID()}/decision`, payload: { decision: 'approve' } });
    expect(anonymous.statusCode).toBe(401);
    const session = await moderatorSession(platform);
    const unknown = await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${crypto.randomUUID()}/decision`, headers: session, payload: { decision: 'approve' } });
    expect(unknown.statusCode).toBe(404);
  });

  it('lists a seller’s vettings and hides them from other marketplaces', async () => {
    const owner = await platform.createTenant();
    const other = await platform.createTenant();
    const body = applicantFor('td1-valid-01.jpg');
    const { id } = (await submitVetting(platform, owner.apiKey, body)).json();
    const listed = await platform.app.inject({ method: 'GET', url: `/v1/seller-vettings?sellerId=${body.sellerId}`, headers: { authorization: `Bearer ${owner.apiKey}` } });
    expect(listed.json().items.map((item: { id: string }) => item.id)).toEqual([id]);
    const foreign = await platform.app.inject({ method: 'GET', url: `/v1/seller-vettings/${id}`, headers: { authorization: `Bearer ${other.apiKey}` } });
    expect(foreign.statusCode).toBe(404);
    const foreignList = await platform.app.inject({ method: 'GET', url: `/v1/seller-vettings?sellerId=${body.sellerId}`, headers: { authorization: `Bearer ${other.apiKey}` } });
    expect(foreignList.json().items).toEqual([]);
    await waitForVetting(platform, owner.apiKey, id, done);
    expect((await readVetting(platform, owner.apiKey, id)).verdict.outcome).toBe('approve');
  });

  it('rejects a seller reusing a banned seller’s payout account, and escalates one sharing a phone with an ordinary seller', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const hash = (kind: 'payout_account' | 'phone', value: string) => platform.protector.keyedHash(kind, normaliseIdentifier[kind](value));
    await platform.database.prisma.seller.create({
      data: { tenantId, externalId: 'banned-1', status: 'banned', identifiers: { create: [{ tenantId, kind: 'payout_account', valueHash: hash('payout_account', 'payout-banned-1') }] } },
    });
    await platform.database.prisma.seller.create({
      data: { tenantId, externalId: 'neighbour-1', status: 'approved', identifiers: { create: [{ tenantId, kind: 'phone', valueHash: hash('phone', '+44 20 7946 0001') }] } },
    });

    const reusing = (await submitVetting(platform, apiKey, applicantFor('td3-valid-02.jpg', { payoutAccountFingerprint: 'payout-banned-1' }))).json();
    const rejected = await waitForVetting(platform, apiKey, reusing.id, done);
    expect(rejected.verdict.outcome).toBe('reject');
    const banned = rejected.verdict.signals.find((signal: { code: string }) => signal.code === 'linked.banned_account');
    expect(banned).toMatchObject({ severity: 'critical', evidence: { sharedKinds: ['payout_account'], bannedSellerCount: 1 } });

    const sharing = (await submitVetting(platform, apiKey, applicantFor('td3-valid-03.jpg', { phone: '+442079460001' }))).json();
    const escalated = await waitForVetting(platform, apiKey, sharing.id, (vetting) => vetting.status === 'awaiting_review');
    expect(escalated.verdict.signals.find((signal: { code: string }) => signal.code === 'linked.shared_identifier')?.evidence).toEqual({ sharedKinds: ['phone'], sellerCount: 1 });
  });

  it("erases a seller's personal data on request and keeps the audit trail", async () => {
    const { apiKey } = await platform.createTenant();
    // An escalated vetting waits for a moderator, so it is certainly still running when the
    // first erasure request comes.
    const body = applicantFor('td1-mismatch-02.jpg');
    const { id } = (await submitVetting(platform, apiKey, body)).json();
    const erase = () => platform.app.inject({ method: 'DELETE', url: `/v1/sellers/${body.sellerId}/personal-data`, headers: { authorization: `Bearer ${apiKey}` } });
    const waiting = await waitForVetting(platform, apiKey, id, (vetting) => vetting.status === 'awaiting_review');
    const early = await erase();
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('vetting-in-progress');
    const decided = await platform.app.inject({
      method: 'POST',
      url: `/admin/v1/cases/${waiting.verdict.review.caseId}/decision`,
      headers: await moderatorSession(platform),
      payload: { decision: 'approve' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    await waitForVetting(platform, apiKey, id, done);

    const erased = await erase();
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ sellerId: body.sellerId, vettings: 1, identifierHashesKept: false });
    const prisma = platform.database.prisma;
    const row = await prisma.sellerVetting.findUniqueOrThrow({ where: { id }, include: { document: true, seller: { include: { identifiers: true } } } });
    expect(row.declaredData.length).toBe(0);
    expect(row.document).toBeNull();
    expect(row.documentNumberCiphertext).toBeNull();
    expect(row.seller.identifiers).toEqual([]);
    // what was decided, and why, is still there
    expect(await readVetting(platform, apiKey, id)).toMatchObject({ verdict: { outcome: 'approve', automated: { outcome: 'escalate' }, review: { decision: 'approve' } } });
    const other = await platform.createTenant();
    expect((await platform.app.inject({ method: 'DELETE', url: `/v1/sellers/${body.sellerId}/personal-data`, headers: { authorization: `Bearer ${other.apiKey}` } })).statusCode).toBe(404);
  });
});
