/**
 * No dead ends: a vetting whose workflow fails (an activity failing for good) or is terminated
 * ends as `failed` with its reason and a `seller_vetting.failed` webhook, and the seller can be
 * vetted again instead of answering 409 forever.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessRegistryProvider } from '../workers/registry/index.ts';
import { ensureFailureSweepSchedule } from '../workers/schedules.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { applicantFor, readVetting, registerWebhook, submitVetting, waitForVetting } from './support/vettings.ts';
import { startWebhookReceiver } from './support/webhookReceiver.ts';

// Business sellers reach this provider; it refuses in a way retrying cannot fix.
const refusingRegistry: BusinessRegistryProvider = {
  lookup: async () => {
    throw ApplicationFailure.nonRetryable('the registry refused this account', 'RegistryAccountRefused');
  },
};

let platform: TestPlatform;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  platform = await startTestPlatform({ documents: true, registry: refusingRegistry, config: { WEBHOOK_RETRY_INITIAL_SECONDS: '1', RECONCILE_ON_READ_AFTER_SECONDS: '0' } });
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await platform?.close();
  await receiver?.close();
});

type FailedEvent = { type: string; data: { vettingId: string; status: string; verdict: { outcome: string | null }; failure: { reason: string; detail: string | null; failedAt: string } | null } };
function eventsFor(secret: string, vettingId: string): FailedEvent[] {
  const verifier = new Webhook(secret);
  return receiver.received
    .filter((request) => (JSON.parse(request.body) as FailedEvent).data.vettingId === vettingId)
    .map((request) => verifier.verify(request.body, request.headers as Record<string, string>) as FailedEvent);
}

async function awaitingReview(apiKey: string, applicant: ReturnType<typeof applicantFor>) {
  const accepted = await submitVetting(platform, apiKey, applicant);
  expect(accepted.statusCode, accepted.body).toBe(202);
  const { id } = accepted.json();
  await waitForVetting(platform, apiKey, id, (vetting) => vetting.status === 'awaiting_review');
  return id as string;
}

const terminate = (id: string) => platform.temporal.workflow.getHandle(`seller-vetting-${id}`).terminate('stopped by an operator');

describe('a terminated vetting', () => {
  it('is failed when the next vetting of the seller arrives, which is accepted', { timeout: 90_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    const secret = await registerWebhook(platform, apiKey, receiver.url);
    const applicant = applicantFor('td1-mismatch-02.jpg');
    const first = await awaitingReview(apiKey, applicant);
    // while the workflow runs, a second vetting of the seller is refused
    expect((await submitVetting(platform, apiKey, applicant)).statusCode).toBe(409);

    await terminate(first);
    const again = await submitVetting(platform, apiKey, applicant, randomUUID());
    expect(again.statusCode, again.body).toBe(202);
    expect(again.json().id).not.toBe(first);

    const failed = await readVetting(platform, apiKey, first);
    expect(failed).toMatchObject({ status: 'failed', verdict: { outcome: null, decidedBy: null }, failure: { reason: 'workflow_terminated' } });
    const row = await platform.database.prisma.sellerVetting.findUniqueOrThrow({ where: { id: first } });
    expect(row.failureDetail).toContain('TERMINATED');
    await expect.poll(() => eventsFor(secret, first).length, { timeout: 20_000 }).toBe(1);
    expect(eventsFor(secret, first)[0]).toMatchObject({ type: 'seller_vetting.failed', data: { status: 'failed', verdict: { outcome: null, decidedBy: null }, failure: { reason: 'workflow_terminated' } } });
  });

  it('is failed when it is read', { timeout: 90_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    const id = await awaitingReview(apiKey, applicantFor('td1-mismatch-02.jpg'));
    await terminate(id);
    const vetting = await readVetting(platform, apiKey, id);
    expect(vetting).toMatchObject({ status: 'failed', failure: { reason: 'workflow_terminated' } });
    // read again: nothing changes twice, and only one notice workflow exists
    expect((await readVetting(platform, apiKey, id)).failure.failedAt).toBe(vetting.failure.failedAt);
    const notice = await platform.temporal.workflow.getHandle(`failure-notice-seller_vetting-${id}`).describe();
    expect(notice.type).toBe('failureNotice');
  });
});

describe('a terminated vetting nobody reads', () => {
  it('is failed by the scheduled sweep, which leaves running vettings alone', { timeout: 120_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    const secret = await registerWebhook(platform, apiKey, receiver.url);
    const running = await awaitingReview(apiKey, applicantFor('td1-mismatch-02.jpg'));
    const stopped = await awaitingReview(apiKey, applicantFor('td1-mismatch-02.jpg'));
    await terminate(stopped);

    const scheduleId = `failure-sweep-${randomUUID()}`;
    const sweep = { subjectTypes: ['seller_vetting'], untouchedForSeconds: 0, batchSize: 2, maxBatches: 1000, webhook: { initialIntervalSeconds: 1, maximumIntervalSeconds: 5, windowSeconds: 60 } };
    await ensureFailureSweepSchedule(platform.temporal, { taskQueue: platform.config.TEMPORAL_TASK_QUEUE, intervalMinutes: 60, scheduleId, sweep });
    const handle = platform.temporal.schedule.getHandle(scheduleId);
    try {
      await handle.trigger();
      const status = (id: string) => platform.database.prisma.sellerVetting.findUniqueOrThrow({ where: { id } }).then((row) => row.status);
      await expect.poll(() => status(stopped), { timeout: 60_000, interval: 500 }).toBe('failed');
      const row = await platform.database.prisma.sellerVetting.findUniqueOrThrow({ where: { id: stopped } });
      expect(row).toMatchObject({ failureReason: 'workflow_terminated' });
      await expect.poll(() => eventsFor(secret, stopped).length, { timeout: 20_000 }).toBe(1);
      expect(eventsFor(secret, stopped)[0]).toMatchObject({ type: 'seller_vetting.failed', data: { vettingId: stopped, failure: { reason: 'workflow_terminated' } } });
      // the run went past the batch of two (the cursor moves on) and left the running vetting as it was
      const started = (await handle.describe()).info.recentActions[0]?.action.workflow.workflowId;
      expect(started).toBeDefined();
      const run = await platform.temporal.workflow.getHandle(started!).result();
      expect(run.seller_vetting!.batches).toBeGreaterThan(1);
      expect(await status(running)).toBe('awaiting_review');
      expect(eventsFor(secret, running)).toEqual([]);
    } finally {
      await handle.delete();
    }
  });
});

describe('a vetting whose activity fails non-retryably', () => {
  it('records the failure from inside the workflow, notifies, and lets the seller be vetted again', { timeout: 90_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    const secret = await registerWebhook(platform, apiKey, receiver.url);
    const applicant = applicantFor('td3-valid-02.jpg', { applicantType: 'business', business: { name: 'Quillfeather Supplies Ltd', registrationNumber: '09876543' } });
    const accepted = await submitVetting(platform, apiKey, applicant);
    expect(accepted.statusCode, accepted.body).toBe(202);
    const { id } = accepted.json();

    const failed = await waitForVetting(platform, apiKey, id, (vetting) => vetting.status !== 'received' && vetting.status !== 'screening');
    expect(failed).toMatchObject({ status: 'failed', verdict: { outcome: null, decidedBy: null }, failure: { reason: 'workflow_failed' } });
    const row = await platform.database.prisma.sellerVetting.findUniqueOrThrow({ where: { id } });
    expect(row.failureDetail).toContain('checkBusinessRegistry');
    expect(row.failureDetail).toContain('RegistryAccountRefused');
    await expect.poll(async () => (await platform.temporal.workflow.getHandle(`seller-vetting-${id}`).describe()).status.name, { timeout: 20_000 }).toBe('FAILED');
    await expect.poll(() => eventsFor(secret, id).length, { timeout: 20_000 }).toBe(1);
    expect(eventsFor(secret, id)[0]).toMatchObject({ type: 'seller_vetting.failed', data: { vettingId: id, failure: { reason: 'workflow_failed' } } });

    const again = await submitVetting(platform, apiKey, applicant, randomUUID());
    expect(again.statusCode, again.body).toBe(202);
  });
});
