/**
 * Crash safety: twenty vettings run while the worker process is killed with SIGKILL several
 * times and started again. Every vetting must still complete with exactly one verdict row and
 * one webhook event id, however often activities were retried.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { applicantFor, documentLabels, moderatorSession, readVetting, registerWebhook, submitVetting } from './support/vettings.ts';
import { startWebhookReceiver } from './support/webhookReceiver.ts';
import { crashWorkerRepeatedly, killWorkerProcess, startWorkerProcess } from './support/workerProcess.ts';

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

    worker = await crashWorkerRepeatedly(startWorker, KILLS);

    // Escalations (an OCR miss on a hard fixture) are settled like a moderator would.
    const session = await moderatorSession(platform);
    const deadline = Date.now() + 400_000;
    for (;;) {
      const vettings = await Promise.all(ids.map((id) => readVetting(platform, apiKey, id)));
      for (const vetting of vettings.filter((candidate) => candidate.status === 'awaiting_review' && candidate.verdict.review?.status === 'open')) {
        await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${vetting.verdict.review.caseId}/decision`, headers: session, payload: { decision: 'approve' } });
      }
      if (vettings.every((vetting) => vetting.status === 'completed')) break;
      if (Date.now() > deadline) throw new Error(`unfinished: ${vettings.filter((v) => v.status !== 'completed').map((v) => v.status).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }

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

    await expect.poll(() => events.every((event) => receiver.received.some((request) => request.headers['webhook-id'] === event.id)), { timeout: 180_000 }).toBe(true);
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
