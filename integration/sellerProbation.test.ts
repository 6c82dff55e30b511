/**
 * Seller probation end to end on the real Temporal server, under policies of seconds: events in
 * through the API, the workflow's timers and rules, the read model, cases and signed webhooks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderatorSession } from './support/console.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import {
  placed,
  postEvents,
  probationPolicyVersion,
  probationWebhooks,
  readPayout,
  readProbation,
  refunded,
  reviewed,
  sellerOnProbation,
  shipped,
  waitForProbation,
} from './support/probations.ts';
import { probationStateQuery } from '../workflows/sellerProbation.ts';
import { applicantFor, registerWebhook, submitVetting, waitForVetting } from './support/vettings.ts';
import { startWebhookReceiver } from './support/webhookReceiver.ts';

let platform: TestPlatform;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let policyVersion: number;
beforeAll(async () => {
  platform = await startTestPlatform({ documents: true, config: { WEBHOOK_RETRY_INITIAL_SECONDS: '1' } });
  receiver = await startWebhookReceiver();
  policyVersion = await probationPolicyVersion(platform);
});
afterAll(async () => {
  await platform?.close();
  await receiver?.close();
});

async function tenantWithWebhook() {
  const tenant = await platform.createTenant();
  const secret = await registerWebhook(platform, tenant.apiKey, receiver.url);
  return { ...tenant, secret };
}

const payoutOf = (apiKey: string, sellerId: string, orderId: string) =>
  platform.app.inject({ method: 'GET', url: `/v1/sellers/${sellerId}/payouts/${orderId}`, headers: { authorization: `Bearer ${apiKey}` } });

describe('seller probation', () => {
  it('puts every seller vetting approves on probation, by the policy or by a moderator', { timeout: 90_000 }, async () => {
    const { apiKey } = await tenantWithWebhook();
    const automatic = await submitVetting(platform, apiKey, applicantFor('td3-valid-01.jpg'));
    const escalated = await submitVetting(platform, apiKey, applicantFor('td3-mismatch-01.jpg'));
    const waiting = await waitForVetting(platform, apiKey, escalated.json().id, (vetting) => vetting.status === 'awaiting_review');
    const decided = await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${waiting.verdict.review.caseId}/decision`, headers: await moderatorSession(platform), payload: { decision: 'approve' } });
    expect(decided.statusCode, decided.body).toBe(200);
    for (const accepted of [automatic, escalated]) {
      const vetting = await waitForVetting(platform, apiKey, accepted.json().id, (candidate) => candidate.status === 'completed');
      expect(vetting.verdict.outcome).toBe('approve');
      // the probation exists before the vetting's webhook goes out: events sent on hearing of the approval are taken
      const probation = await readProbation(platform, apiKey, vetting.sellerId);
      expect(probation).toMatchObject({ status: 'active', orders: { placed: 0 }, policy: { key: 'seller-probation' } });
      const row = await platform.database.prisma.sellerProbation.findUniqueOrThrow({ where: { id: probation.probationId } });
      expect(row.vettingId).toBe(vetting.id);
      const description = await platform.temporal.workflow.getHandle(row.workflowId).describe();
      expect(description.status.name).toBe('RUNNING');
      expect(description.parentExecution?.workflowId).toBe(`seller-vetting-${vetting.id}`);
      expect((await postEvents(platform, apiKey, vetting.sellerId, placed('first-order'))).statusCode).toBe(202);
      await platform.temporal.workflow.getHandle(row.workflowId).terminate('test over: the default policy runs for 90 days');
    }
  });

  it('graduates a seller who ships on time, and says so by signed webhook', { timeout: 60_000 }, async () => {
    const { apiKey, tenantId, secret } = await tenantWithWebhook();
    const seller = await sellerOnProbation(platform, tenantId, { policyVersion });
    const orders = ['o-1', 'o-2', 'o-3'];
    const accepted = await postEvents(platform, apiKey, seller.sellerId, { events: orders.flatMap((orderId) => [placed(orderId), shipped(orderId, 500)]) });
    expect(accepted.statusCode, accepted.body).toBe(202);
    expect(accepted.json()).toMatchObject({ received: 6, stored: 6, duplicates: 0 });

    const graduated = await waitForProbation(platform, apiKey, seller.sellerId, (probation) => probation.status === 'graduated');
    expect(graduated).toMatchObject({ orders: { placed: 3, shipped: 3 }, lateShipments: 0, heldPayouts: [], policy: { key: 'seller-probation', version: policyVersion } });
    expect(graduated.changes[0]).toMatchObject({ change: 'graduated', from: 'active', to: 'graduated', reasons: ['within_limits'] });
    expect((await readPayout(platform, apiKey, seller.sellerId, 'o-2'))).toMatchObject({ releasable: true, state: 'releasable', reasons: [] });

    await expect.poll(() => probationWebhooks(receiver.received, secret, seller.probationId).length, { timeout: 15_000 }).toBe(1);
    const [event] = probationWebhooks(receiver.received, secret, seller.probationId);
    expect(event).toMatchObject({ type: 'seller_probation.changed', data: { change: 'graduated', to: 'graduated', metrics: { orders: 3, lateShipments: 0 } } });

    const after = await postEvents(platform, apiKey, seller.sellerId, placed('o-4'));
    expect(after.statusCode).toBe(409);
    expect(after.json()).toMatchObject({ code: 'seller-not-on-probation' });
  });

  it('holds the payout of an order not shipped in time and releases it when it ships', { timeout: 60_000 }, async () => {
    const { apiKey, tenantId, secret } = await tenantWithWebhook();
    const seller = await sellerOnProbation(platform, tenantId, { policyVersion });
    expect((await postEvents(platform, apiKey, seller.sellerId, placed('late-1'))).statusCode).toBe(202);
    // the order book is written by the workflow's activity: the read follows shortly
    await expect.poll(async () => (await payoutOf(apiKey, seller.sellerId, 'late-1')).statusCode, { timeout: 10_000, interval: 100 }).toBe(200);
    expect(await readPayout(platform, apiKey, seller.sellerId, 'late-1')).toMatchObject({ releasable: false, state: 'awaiting_shipment', late: false, reasons: ['not_shipped'] });

    // the 3-second ship window passes with no shipment: the durable timer fires and the payout is held
    await expect.poll(async () => (await readPayout(platform, apiKey, seller.sellerId, 'late-1')).state, { timeout: 15_000, interval: 250 }).toBe('held');
    expect(await readPayout(platform, apiKey, seller.sellerId, 'late-1')).toMatchObject({ releasable: false, reasons: ['late_shipment'], late: true });
    expect((await readProbation(platform, apiKey, seller.sellerId)).heldPayouts).toEqual([{ orderId: 'late-1', reasons: ['late_shipment'] }]);

    expect((await postEvents(platform, apiKey, seller.sellerId, shipped('late-1'))).statusCode).toBe(202);
    await expect.poll(async () => (await readPayout(platform, apiKey, seller.sellerId, 'late-1')).releasable, { timeout: 15_000, interval: 250 }).toBe(true);
    // the change is recorded by the activity after the one that updated the order
    const probation = await waitForProbation(platform, apiKey, seller.sellerId, (candidate) => (candidate as unknown as { changes: unknown[] }).changes.length === 2);
    expect(probation).toMatchObject({ lateShipments: 1, heldPayouts: [] });
    expect(probation.changes.map((change: { change: string }) => change.change).reverse()).toEqual(['payout_held', 'payout_released']);

    await expect.poll(() => probationWebhooks(receiver.received, secret, seller.probationId).map((event) => event.data.change), { timeout: 15_000 }).toEqual(['payout_held', 'payout_released']);
    expect(probationWebhooks(receiver.received, secret, seller.probationId)[0]?.data).toMatchObject({ orderId: 'late-1', reasons: ['late_shipment'], metrics: { heldPayouts: 1 } });
  });

  it('restricts a seller whose refunds cross the limit, opens a case, and a moderator suspends them', { timeout: 90_000 }, async () => {
    const { apiKey, tenantId, secret } = await tenantWithWebhook();
    const seller = await sellerOnProbation(platform, tenantId, { policyVersion });
    const orders = ['r-1', 'r-2', 'r-3', 'r-4'];
    await postEvents(platform, apiKey, seller.sellerId, { events: orders.flatMap((orderId) => [placed(orderId, 30), shipped(orderId, 200)]) });
    // one refund in four orders: 25% against a 5% limit, with the minimum sample of 4 reached
    expect((await postEvents(platform, apiKey, seller.sellerId, refunded('r-2', 45))).statusCode).toBe(202);

    const restricted = await waitForProbation(platform, apiKey, seller.sellerId, (probation) => probation.status === 'restricted');
    expect(restricted.refundRate).toMatchObject({ value: 0.25, limit: 0.05, within: false, evaluated: true });
    expect(restricted.heldPayouts.map((payout: { orderId: string }) => payout.orderId).sort()).toEqual(['r-1', 'r-3', 'r-4']);
    expect(await readPayout(platform, apiKey, seller.sellerId, 'r-1')).toMatchObject({ releasable: false, state: 'held', reasons: ['probation_restricted'] });

    const prisma = platform.database.prisma;
    const restriction = await prisma.sellerProbationChange.findFirstOrThrow({ where: { probationId: seller.probationId, kind: 'restricted' } });
    expect(restriction.reasons).toEqual(['refund_rate_exceeded']);
    await expect.poll(() => prisma.case.findUnique({ where: { subjectType_subjectId: { subjectType: 'seller_probation', subjectId: restriction.id } } }), { timeout: 15_000 }).not.toBeNull();
    const caseRow = await prisma.case.findUniqueOrThrow({ where: { subjectType_subjectId: { subjectType: 'seller_probation', subjectId: restriction.id } } });

    const session = await moderatorSession(platform);
    const shown = await platform.app.inject({ method: 'GET', url: `/admin/v1/cases/${caseRow.id}`, headers: session });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({
      subjectType: 'seller_probation',
      decisions: [{ value: 'suspend', noteRequired: true }, { value: 'reinstate' }, { value: 'extend' }],
      verdict: { outcome: 'escalate' },
      subject: { restriction: { reasons: ['refund_rate_exceeded'] }, probation: { status: 'restricted', refundRate: { value: 0.25, within: false } } },
    });
    const noNote = await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${caseRow.id}/decision`, headers: session, payload: { decision: 'suspend' } });
    expect(noNote.statusCode).toBe(400);
    // the case row exists a moment before the workflow waits on it (a 409 until then)
    await expect.poll(async () => (await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${caseRow.id}/decision`, headers: session, payload: { decision: 'suspend', note: 'refunds on a quarter of orders' } })).statusCode, { timeout: 15_000, interval: 200 }).toBe(200);

    const suspended = await waitForProbation(platform, apiKey, seller.sellerId, (probation) => probation.status === 'suspended');
    expect(suspended.endedAt).not.toBeNull();
    // the restriction carries the verdict every capability shares; the decision is its outcome, the next change its effect
    const [suspension, restrictionView] = suspended.changes as { change: string; verdict: unknown }[];
    expect(suspension).toMatchObject({ change: 'suspended', verdict: null });
    expect(restrictionView).toMatchObject({
      change: 'restricted',
      verdict: {
        outcome: 'suspend',
        decidedBy: 'moderator',
        automated: { outcome: 'escalate', policy: { key: 'seller-probation', version: policyVersion } },
        review: { caseId: caseRow.id, status: 'decided', decision: 'suspend', note: 'refunds on a quarter of orders' },
        reasons: [expect.objectContaining({ code: 'probation.refund_rate_exceeded' })],
        signals: [expect.objectContaining({ code: 'probation.refund_rate_exceeded' })],
      },
    });
    expect(await readPayout(platform, apiKey, seller.sellerId, 'r-3')).toMatchObject({ releasable: false, reasons: ['seller_suspended'] });
    expect(await platform.temporal.workflow.getHandle(seller.workflowId).result()).toEqual({ status: 'suspended' });
    await expect.poll(() => probationWebhooks(receiver.received, secret, seller.probationId).map((event) => event.data.change), { timeout: 15_000 }).toEqual(['restricted', 'suspended']);
    const [restrictedEvent, suspendedEvent] = probationWebhooks(receiver.received, secret, seller.probationId);
    // the restriction's webhook leaves before its case opens: the policy's escalation, no outcome yet
    expect(restrictedEvent?.data).toMatchObject({
      to: 'restricted',
      reasons: ['refund_rate_exceeded'],
      metrics: { orders: 4, refundedOrders: 1 },
      verdict: { outcome: null, automated: { outcome: 'escalate' }, review: null, reasons: [expect.objectContaining({ code: 'probation.refund_rate_exceeded' })] },
    });
    // the decision's effect carries the restriction's verdict as settled, in the shape every capability shares
    expect(suspendedEvent?.data).toMatchObject({
      change: 'suspended',
      verdict: { outcome: 'suspend', decidedBy: 'moderator', review: { caseId: caseRow.id, status: 'decided', decision: 'suspend' } },
    });
  });

  it('a reinstated seller is asked about again only past what the moderator judged; extending lifts the restriction too', { timeout: 90_000 }, async () => {
    const { apiKey, tenantId } = await tenantWithWebhook();
    const seller = await sellerOnProbation(platform, tenantId, { policyVersion: await probationPolicyVersion(platform, { probationSeconds: 600 }) });
    const orders = ['n-1', 'n-2', 'n-3', 'n-4', 'n-5'];
    await postEvents(platform, apiKey, seller.sellerId, { events: [...orders.flatMap((orderId) => [placed(orderId), shipped(orderId, 200)]), reviewed('n-1', 1)] });
    const session = await moderatorSession(platform);
    const prisma = platform.database.prisma;
    const decide = async (decision: string) => {
      await waitForProbation(platform, apiKey, seller.sellerId, (probation) => probation.status === 'restricted');
      await expect.poll(() => prisma.case.findFirst({ where: { tenantId, subjectType: 'seller_probation', status: 'open' } }), { timeout: 15_000 }).toBeTruthy();
      const open = await prisma.case.findFirstOrThrow({ where: { tenantId, subjectType: 'seller_probation', status: 'open' } });
      // the case row exists a moment before the workflow waits on it (a 409 until then)
      await expect.poll(async () => (await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${open.id}/decision`, headers: session, payload: { decision } })).statusCode, { timeout: 15_000, interval: 200 }).toBe(200);
    };

    // one bad review in five orders: 20% against 10%
    await decide('reinstate');
    const reinstated = await waitForProbation(platform, apiKey, seller.sellerId, (probation) => probation.status === 'active');
    expect(reinstated.changes[0]).toMatchObject({ change: 'reinstated', from: 'restricted', to: 'active' });
    expect(await readPayout(platform, apiKey, seller.sellerId, 'n-2')).toMatchObject({ releasable: true });
    // more orders, same one bad review: nothing new to judge
    await postEvents(platform, apiKey, seller.sellerId, { events: [placed('n-6'), shipped('n-6', 200)] });
    await waitForProbation(platform, apiKey, seller.sellerId, (probation) => (probation as unknown as { orders: { placed: number } }).orders.placed === 6);
    expect((await readProbation(platform, apiKey, seller.sellerId)).status).toBe('active');

    // a second bad review goes beyond it: restricted again, and this time extended
    await postEvents(platform, apiKey, seller.sellerId, reviewed('n-2', 2));
    await decide('extend');
    const extended = await waitForProbation(platform, apiKey, seller.sellerId, (probation) => probation.status === 'extended');
    expect(extended).toMatchObject({ extensions: 1, heldPayouts: [] });
    expect(extended.changes.map((change: { change: string }) => change.change).reverse()).toEqual(['restricted', 'reinstated', 'restricted', 'extended']);
    expect(await prisma.decision.count({ where: { case: { tenantId } } })).toBe(2);
  });

  it('counts duplicate and out-of-order events once, and reconciles them', { timeout: 60_000 }, async () => {
    const { apiKey, tenantId } = await tenantWithWebhook();
    const seller = await sellerOnProbation(platform, tenantId, { policyVersion: await probationPolicyVersion(platform, { shipWindowSeconds: 600, probationSeconds: 600 }) });
    const shipment = shipped('d-1', 1_000);
    const review = reviewed('d-2', 1);
    // the shipment and a review arrive before their orders
    expect((await postEvents(platform, apiKey, seller.sellerId, { events: [shipment, review] })).json()).toMatchObject({ stored: 2, duplicates: 0 });
    const orders = [placed('d-1', 10), placed('d-2', 12)];
    const refund = refunded('d-2', 50);
    const second = { events: [...orders, shipment, refund, refund] };
    expect((await postEvents(platform, apiKey, seller.sellerId, second)).json()).toMatchObject({ received: 5, stored: 3, duplicates: 2 });
    // a retried request: everything is a duplicate
    expect((await postEvents(platform, apiKey, seller.sellerId, second)).json()).toMatchObject({ received: 5, stored: 0, duplicates: 5 });

    const probation = await waitForProbation(platform, apiKey, seller.sellerId, (candidate) => (candidate as unknown as { orders: { placed: number } }).orders.placed === 2);
    expect(probation).toMatchObject({ orders: { placed: 2, shipped: 1 }, lateShipments: 0, refundRate: { value: 0.5, evaluated: false, within: true }, negativeReviewRate: { value: 0.5, evaluated: false } });
    const prisma = platform.database.prisma;
    expect(await prisma.sellerProbationEvent.count({ where: { probationId: seller.probationId } })).toBe(5);
    const order = await prisma.sellerProbationOrder.findUniqueOrThrow({ where: { probationId_orderId: { probationId: seller.probationId, orderId: 'd-2' } } });
    expect({ refunds: order.refunds, refunded: Number(order.refundedAmount), rating: order.rating }).toEqual({ refunds: 1, refunded: 50, rating: 1 });
    // refunded more than the order was worth: fully refunded, nothing to pay out
    expect(await readPayout(platform, apiKey, seller.sellerId, 'd-2')).toMatchObject({ releasable: false, state: 'refunded' });
    expect(await readPayout(platform, apiKey, seller.sellerId, 'd-1')).toMatchObject({ releasable: true, late: false });
  });

  it("flags the 51st order of a day and shows the day's allowance", { timeout: 60_000 }, async () => {
    const { apiKey, tenantId } = await tenantWithWebhook();
    const seller = await sellerOnProbation(platform, tenantId, { policyVersion: await probationPolicyVersion(platform, { shipWindowSeconds: 600, probationSeconds: 600 }) });
    const events = Array.from({ length: 51 }, (_, index) => placed(`cap-${index + 1}`, 5, 1_000 + index * 10));
    // sent newest first: the flag still lands on the 51st order by time
    expect((await postEvents(platform, apiKey, seller.sellerId, { events: events.reverse() })).statusCode).toBe(202);
    const probation = await waitForProbation(platform, apiKey, seller.sellerId, (candidate) => (candidate as unknown as { orders: { placed: number } }).orders.placed === 51);
    expect(probation).toMatchObject({ orders: { overCap: 1 }, todayOrderAllowance: { cap: 50, placed: 51, remaining: 0 } });
    expect(await readPayout(platform, apiKey, seller.sellerId, 'cap-51')).toMatchObject({ overDailyCap: true });
    expect(await readPayout(platform, apiKey, seller.sellerId, 'cap-50')).toMatchObject({ overDailyCap: false });
  });

  it('refuses malformed events naming the event and field, and stores nothing from a refused batch', async () => {
    const { apiKey, tenantId } = await tenantWithWebhook();
    const seller = await sellerOnProbation(platform, tenantId, { policyVersion });
    const missingAmount = { ...placed('b-2'), amount: undefined };
    const refused = await postEvents(platform, apiKey, seller.sellerId, { events: [placed('b-1'), missingAmount, reviewed('b-1', 4)] });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ code: 'validation-failed', errors: [{ field: 'body/events/1/amount', message: 'is required for order.placed' }] });

    const badRating = await postEvents(platform, apiKey, seller.sellerId, { events: [placed('b-1'), { ...reviewed('b-1', 4), rating: 9 }] });
    expect(badRating.statusCode).toBe(400);
    expect(badRating.json().errors).toEqual([expect.objectContaining({ field: 'body/events/1/rating' })]);
    const wrongField = await postEvents(platform, apiKey, seller.sellerId, { ...shipped('b-1'), rating: 3 });
    expect(wrongField.json()).toMatchObject({ code: 'validation-failed', errors: [{ field: 'body/events/0/rating', message: 'is not a field of order.shipped' }] });
    const tooMany = await postEvents(platform, apiKey, seller.sellerId, { events: Array.from({ length: 1_001 }, (_, index) => placed(`m-${index}`)) });
    expect(tooMany.statusCode).toBe(400);
    const future = await postEvents(platform, apiKey, seller.sellerId, placed('b-3', 10, 3_600_000));
    expect(future.json()).toMatchObject({ errors: [{ field: 'body/events/0/occurredAt' }] });
    expect(await platform.database.prisma.sellerProbationEvent.count({ where: { probationId: seller.probationId } })).toBe(0);

    const stranger = await postEvents(platform, apiKey, 'seller-never-vetted', placed('x-1'));
    expect(stranger.statusCode).toBe(409);
    expect(stranger.json()).toMatchObject({ code: 'seller-not-on-probation' });
    const otherTenant = await platform.createTenant();
    expect((await postEvents(platform, otherTenant.apiKey, seller.sellerId, placed('x-2'))).statusCode).toBe(409);
    expect((await platform.app.inject({ method: 'GET', url: `/v1/sellers/${seller.sellerId}/probation`, headers: { authorization: `Bearer ${otherTenant.apiKey}` } })).statusCode).toBe(404);
    expect((await postEvents(platform, apiKey, seller.sellerId, placed('b-4'))).statusCode).toBe(202);
  });

  it('moves a running probation to a new policy version when an admin migrates it', { timeout: 60_000 }, async () => {
    const { apiKey, tenantId } = await tenantWithWebhook();
    const seller = await sellerOnProbation(platform, tenantId, { policyVersion: await probationPolicyVersion(platform, { probationSeconds: 600 }) });
    const lenient = await probationPolicyVersion(platform, { probationSeconds: 600, refundRateLimit: 0.5 });
    const moderator = await platform.app.inject({ method: 'POST', url: `/admin/v1/seller-probations/${seller.probationId}/policy-migration`, headers: await moderatorSession(platform), payload: { version: lenient } });
    expect(moderator.statusCode).toBe(403);
    const admin = await moderatorSession(platform, 'admin');
    const unknown = await platform.app.inject({ method: 'POST', url: `/admin/v1/seller-probations/${seller.probationId}/policy-migration`, headers: admin, payload: { version: 99_999 } });
    expect(unknown.json()).toMatchObject({ status: 400, code: 'unknown-policy-version' });
    const accepted = await platform.app.inject({ method: 'POST', url: `/admin/v1/seller-probations/${seller.probationId}/policy-migration`, headers: admin, payload: { version: lenient } });
    expect(accepted.statusCode, accepted.body).toBe(202);
    expect(accepted.json()).toMatchObject({ toVersion: lenient });
    const migrated = await waitForProbation(platform, apiKey, seller.sellerId, (candidate) => (candidate as unknown as { changes: { change: string }[] }).changes[0]?.change === 'policy_migrated');
    expect(migrated.policy.version).toBe(lenient);
    expect(migrated.changes[0]).toMatchObject({ change: 'policy_migrated', reasons: [expect.stringMatching(/^from_version_\d+$/)] });
    expect(migrated.refundRate.limit).toBe(0.5);
  });

  it('continues as new with a bounded history and loses no event', { timeout: 120_000 }, async () => {
    const { apiKey, tenantId } = await tenantWithWebhook();
    const seller = await sellerOnProbation(platform, tenantId, { policyVersion: await probationPolicyVersion(platform, { shipWindowSeconds: 600, probationSeconds: 600 }), historyLimit: 40 });
    const handle = platform.temporal.workflow.getHandle(seller.workflowId);
    const firstRun = (await handle.describe()).runId;
    // one batch at a time, each applied before the next is sent: signals that arrive together are
    // applied together, and the history would then stay short of the limit
    for (let batch = 0; batch < 12; batch++) {
      expect((await postEvents(platform, apiKey, seller.sellerId, { events: [placed(`can-${batch}`), shipped(`can-${batch}`, 100)] })).statusCode).toBe(202);
      await waitForProbation(platform, apiKey, seller.sellerId, (candidate) => (candidate as unknown as { orders: { shipped: number } }).orders.shipped === batch + 1);
    }
    const latest = await handle.describe();
    expect(latest.runId).not.toBe(firstRun);
    expect(latest.status.name).toBe('RUNNING');
    const first = await platform.temporal.workflow.getHandle(seller.workflowId, firstRun).fetchHistory();
    expect(first.events?.some((event) => event.workflowExecutionContinuedAsNewEventAttributes)).toBe(true);
    // Bounded: once the history reached the limit, the run assessed at most the batch already in
    // hand and then continued. (Its exact length varies with how many signals arrive meanwhile.)
    const afterLimit = (first.events ?? []).filter((event) => Number(event.eventId) > 40);
    const assessmentsAfterLimit = afterLimit.filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'applyProbationEvents');
    expect(assessmentsAfterLimit.length).toBeLessThanOrEqual(1);
    expect(await handle.query(probationStateQuery)).toMatchObject({ status: 'active', metrics: { orders: 12, shipped: 12 } });
  });
});
