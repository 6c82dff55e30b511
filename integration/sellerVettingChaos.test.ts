/**
 * Crash safety: twenty vettings run while the worker process is killed with SIGKILL several
 * times and started again. The kills must cut off activities (one runs again as a later attempt),
 * and every vetting must still complete with exactly one verdict row and one webhook event id.
 */
import type { ChildProcess } from 'node:child_process';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { applicantFor, documentLabels, moderatorSession, readVetting, registerWebhook, submitVetting } from './support/vettings.ts';
import { startWebhookReceiver } from './support/webhookReceiver.ts';
import { crashWorkerRepeatedly, killWorkerProcess, startWorkerProcess } from './support/workerProcess.ts';
import { sellerVettingWorkflowId } from '../workflows/names.ts';

const VETTINGS = 20;
const KILLS = 4;

let platform: TestPlatform;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let worker: ChildProcess | undefined;

const startWorker = () => startWorkerProcess(platform.config);

beforeAll(async () => {
  platform = await startTestPlatform({ worker: false, config: { WEBHOOK_RETRY_INITIAL_SECONDS: '1' } });
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await killWorkerProcess(worker);
  await platform?.close();
  await receiver?.close();
});

describe('worker killed with SIGKILL while vettings run', () => {
  it('completes every vetting exactly once', { timeout: 600_000 }, async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    await registerWebhook(platform, apiKey, receiver.url);
    const files = documentLabels.images.filter((image) => image.expectedSignals.join() === 'document.verified' && !image.category.startsWith('degraded')).map((image) => image.file);
    expect(files.length).toBeGreaterThanOrEqual(VETTINGS);

    const ids: string[] = [];
    for (const file of files.slice(0, VETTINGS)) {
      const response = await submitVetting(platform, apiKey, applicantFor(file));
      expect(response.statusCode, response.body).toBe(202);
      ids.push(response.json().id);
    }

    // each worker is killed once it has an activity of a vetting running (not while it starts up)
    const activityRunning = async () => {
      const described = await Promise.all(ids.map((id) => platform.temporal.workflow.getHandle(sellerVettingWorkflowId(id)).describe()));
      return described.some((workflow) => (workflow.raw.pendingActivities ?? []).some((activity) => activity.state === temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED));
    };
    worker = await crashWorkerRepeatedly(startWorker, KILLS, async () => {
      await expect.poll(activityRunning, { timeout: 120_000, interval: 100 }).toBe(true);
    });

    // Escalations (an OCR miss on a hard fixture) are settled like a moderator would.
    const session = await moderatorSession(platform);
    const unfinished = async () => {
      const vettings = await Promise.all(ids.map((id) => readVetting(platform, apiKey, id)));
      for (const vetting of vettings.filter((candidate) => candidate.status === 'awaiting_review' && candidate.verdict.review?.status === 'open')) {
        await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${vetting.verdict.review.caseId}/decision`, headers: session, payload: { decision: 'approve' } });
      }
      return vettings.filter((vetting) => vetting.status !== 'completed').map((vetting) => `${vetting.id}=${vetting.status}`);
    };
    await expect.poll(unfinished, { timeout: 400_000, interval: 1_000 }).toEqual([]);

    // the kills interrupted activities: one cut off ran again as a later attempt (an activity's
    // started event carries the attempt that ended it)
    const retried = (
      await Promise.all(
        ids.map(async (id) => {
          const events = (await platform.temporal.workflow.getHandle(sellerVettingWorkflowId(id)).fetchHistory()).events ?? [];
          const types = new Map(events.flatMap((event) => (event.activityTaskScheduledEventAttributes ? [[String(event.eventId), event.activityTaskScheduledEventAttributes.activityType?.name ?? '']] : [])));
          return events.flatMap((event) => {
            const started = event.activityTaskStartedEventAttributes;
            return started && (started.attempt ?? 1) > 1 ? [`${types.get(String(started.scheduledEventId))} attempt ${started.attempt}`] : [];
          });
        }),
      )
    ).flat();
    expect(retried.length, 'no activity of any vetting ran again after a kill').toBeGreaterThanOrEqual(1);
    console.info(`activities run again after a kill: ${retried.join(', ')}`);

    const prisma = platform.database.prisma;
    const verdicts = await prisma.verdictRecord.groupBy({ by: ['subjectId'], where: { tenantId }, _count: true });
    expect(verdicts).toHaveLength(VETTINGS);
    // one verdict per vetting: any other count is shown with its vetting
    expect(verdicts.filter((row) => row._count !== 1)).toEqual([]);
    // a vetting is completed before its workflow records the webhook event
    await expect.poll(() => prisma.webhookEvent.count({ where: { tenantId } }), { timeout: 60_000 }).toBe(VETTINGS);
    const events = await prisma.webhookEvent.findMany({ where: { tenantId } });
    expect(events).toHaveLength(VETTINGS);
    expect(new Set(events.map((event) => event.subjectId))).toEqual(new Set(ids));

    // the events the receiver has not had yet, by id
    await expect.poll(() => events.filter((event) => !receiver.received.some((request) => request.headers['webhook-id'] === event.id)).map((event) => event.id), { timeout: 180_000 }).toEqual([]);
    // at-least-once delivery: a redelivery carries the same id, never a new one
    const idsByVetting = new Map<string, Set<string>>();
    for (const request of receiver.received) {
      const vettingId = (JSON.parse(request.body) as { data: { vettingId: string } }).data.vettingId;
      idsByVetting.set(vettingId, (idsByVetting.get(vettingId) ?? new Set()).add(String(request.headers['webhook-id'])));
    }
    expect([...idsByVetting].filter(([, webhookIds]) => webhookIds.size !== 1)).toEqual([]);
    expect(await prisma.decision.count({ where: { case: { tenantId } } })).toBe(await prisma.case.count({ where: { tenantId } }));
  });
});
