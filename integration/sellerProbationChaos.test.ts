/**
 * Crash safety of probation: ten probations run under a policy of seconds while the only worker
 * process is killed with SIGKILL several times and started again; the marketplace sends every
 * batch twice; each worker dies once an activity runs on it, where one does soon. Some activity
 * must run again after a kill, every ship-deadline and end-of-term timer must still fire, and each
 * probation must end as it would have without the kills: the same status, the same counts, one row
 * per change and one webhook event id per change.
 */
import type { ChildProcess } from 'node:child_process';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderatorSession } from './support/console.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { placed, postEvents, probationPolicyVersion, readPayout, readProbation, refunded, sellerOnProbation, shipped } from './support/probations.ts';
import { registerWebhook } from './support/vettings.ts';
import { startWebhookReceiver } from './support/webhookReceiver.ts';
import { crashWorkerRepeatedly, killWorkerProcess, startWorkerProcess } from './support/workerProcess.ts';

const KILLS = 4;

let platform: TestPlatform;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let worker: ChildProcess | undefined;

const startWorker = () => startWorkerProcess(platform.config, { WEBHOOK_RETRY_INITIAL_SECONDS: '1' });

beforeAll(async () => {
  platform = await startTestPlatform({ worker: false, config: { WEBHOOK_RETRY_INITIAL_SECONDS: '1' } });
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await killWorkerProcess(worker);
  await platform?.close();
  await receiver?.close();
});

/** Whether `happened` came true within `ms` (asked every 50 ms); false when it did not, which is no failure. */
async function firstOf(happened: () => Promise<boolean>, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 50))) if (await happened()) return true;
  return false;
}

/** A marketplace that retries: every batch goes out twice. */
async function sendTwice(apiKey: string, sellerId: string, body: unknown) {
  for (let time = 0; time < 2; time++) expect((await postEvents(platform, apiKey, sellerId, body)).statusCode).toBe(202);
}

describe('worker killed with SIGKILL during probations', () => {
  it('fires every timer and changes no outcome', { timeout: 300_000 }, async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    await registerWebhook(platform, apiKey, receiver.url);
    const policyVersion = await probationPolicyVersion(platform, { shipWindowSeconds: 3, probationSeconds: 20 });
    const onTime = await Promise.all(Array.from({ length: 4 }, () => sellerOnProbation(platform, tenantId, { policyVersion })));
    const late = await Promise.all(Array.from({ length: 4 }, () => sellerOnProbation(platform, tenantId, { policyVersion })));
    const refunders = await Promise.all(Array.from({ length: 2 }, () => sellerOnProbation(platform, tenantId, { policyVersion })));

    for (const seller of onTime) await sendTwice(apiKey, seller.sellerId, { events: ['a', 'b', 'c'].flatMap((orderId) => [placed(orderId), shipped(orderId, 500)]) });
    for (const seller of late) await sendTwice(apiKey, seller.sellerId, { events: [placed('a'), shipped('a', 500), placed('b'), shipped('b', 500), placed('slow')] });
    for (const seller of refunders) await sendTwice(apiKey, seller.sellerId, { events: [...['a', 'b', 'c', 'd'].flatMap((orderId) => [placed(orderId, 40), shipped(orderId, 500)]), refunded('c', 40)] });

    const all = [...onTime, ...late, ...refunders];
    // a probation's activity running on the worker now
    const activityRunning = async () => {
      const described = await Promise.all(all.map((seller) => platform.temporal.workflow.getHandle(seller.workflowId).describe()));
      return described.some((workflow) => (workflow.raw.pendingActivities ?? []).some((activity) => activity.state === temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED));
    };
    worker = await crashWorkerRepeatedly(startWorker, KILLS, async (kill) => {
      // the slow orders ship after their 3-second window, while workers come and go
      if (kill === 1) for (const seller of late) await sendTwice(apiKey, seller.sellerId, shipped('slow'));
      // killed once an activity runs on it, if one does soon: the timers fire in their own time
      await firstOf(activityRunning, 15_000);
    });

    const session = await moderatorSession(platform);
    const expected = new Map([...onTime, ...late].map((seller) => [seller.sellerId, 'graduated']));
    refunders.forEach((seller) => expected.set(seller.sellerId, 'suspended'));
    const prisma = platform.database.prisma;
    // open cases are settled as a moderator would; the sellers not yet where they should be, by id
    const unsettled = async () => {
      const probations = await Promise.all(all.map((seller) => readProbation(platform, apiKey, seller.sellerId)));
      const open = await prisma.case.findMany({ where: { tenantId, status: 'open', subjectType: 'seller_probation' } });
      for (const opened of open) {
        await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${opened.id}/decision`, headers: session, payload: { decision: 'suspend', note: 'refunds past the limit' } });
      }
      return probations.filter((probation) => probation.status !== expected.get(probation.sellerId)).map((probation) => `${probation.sellerId}=${probation.status}`);
    };
    await expect.poll(unsettled, { timeout: 200_000, interval: 1_000 }).toEqual([]);

    for (const seller of onTime) {
      expect(await readProbation(platform, apiKey, seller.sellerId)).toMatchObject({ orders: { placed: 3, shipped: 3 }, lateShipments: 0, heldPayouts: [] });
    }
    for (const seller of late) {
      expect(await readProbation(platform, apiKey, seller.sellerId)).toMatchObject({ orders: { placed: 3, shipped: 3 }, lateShipments: 1, heldPayouts: [] });
      expect(await readPayout(platform, apiKey, seller.sellerId, 'slow')).toMatchObject({ releasable: true, late: true });
      // held by its timer and released, or (when both happened while no worker ran) shipped late at once: never held for good
      const kinds = (await prisma.sellerProbationChange.findMany({ where: { probationId: seller.probationId }, orderBy: { seq: 'asc' } })).map((change) => change.kind);
      expect([['payout_held', 'payout_released', 'graduated'], ['graduated']]).toContainEqual(kinds);
    }
    for (const seller of refunders) {
      const kinds = (await prisma.sellerProbationChange.findMany({ where: { probationId: seller.probationId }, orderBy: { seq: 'asc' } })).map((change) => change.kind);
      expect(kinds).toEqual(['restricted', 'suspended']);
      expect(await readProbation(platform, apiKey, seller.sellerId)).toMatchObject({ orders: { placed: 4 }, refundRate: { value: 0.25 } });
    }
    expect(await prisma.sellerProbationEvent.count({ where: { probation: { tenantId } } })).toBe(4 * 6 + 4 * 6 + 2 * 9);
    expect(await prisma.sellerProbationEvent.count({ where: { probation: { tenantId }, appliedAt: null } })).toBe(0);

    // one webhook event per change, each delivered under one id
    const changes = await prisma.sellerProbationChange.findMany({ where: { tenantId } });
    await expect.poll(() => prisma.webhookEvent.count({ where: { tenantId } }), { timeout: 60_000 }).toBe(changes.length);
    const events = await prisma.webhookEvent.findMany({ where: { tenantId } });
    expect(new Set(events.map((event) => event.subjectId))).toEqual(new Set(changes.map((change) => change.id)));
    // the events the receiver has not had yet, by id
    await expect.poll(() => events.filter((event) => !receiver.received.some((request) => request.headers['webhook-id'] === event.id)).map((event) => event.id), { timeout: 60_000 }).toEqual([]);
    expect(await prisma.decision.count({ where: { case: { tenantId } } })).toBe(refunders.length);

    // the kills interrupted activities: one cut off ran again as a later attempt (an activity's
    // started event carries the attempt that ended it)
    const retried = (
      await Promise.all(
        all.map(async (seller) => {
          const events = (await platform.temporal.workflow.getHandle(seller.workflowId).fetchHistory()).events ?? [];
          return events.flatMap((event) => ((event.activityTaskStartedEventAttributes?.attempt ?? 1) > 1 ? [event.activityTaskStartedEventAttributes!.attempt!] : []));
        }),
      )
    ).flat();
    expect(retried.length, 'no activity of any probation ran again after a kill').toBeGreaterThanOrEqual(1);
    console.info(`probation activities run again after a kill: ${retried.length}`);
  });
});
