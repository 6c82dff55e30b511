/**
 * Expired idempotency records, stale rate-limit counters and the line-by-line receipts of old
 * code imports are deleted by the real purge workflow on a real worker, in batches, and by the
 * Temporal Schedule that starts it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRequestRecordsPurgeSchedule } from '../workers/schedules.ts';
import type { purgeRequestRecords } from '../workflows/requestRecordsPurge.ts';
import { importCodes } from './support/brandCodes.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

const hour = 3600_000;

async function seedRecords(tenantId: string, expired: number, live: number) {
  const now = Date.now();
  await platform.database.prisma.idempotencyRecord.createMany({
    data: [
      ...Array.from({ length: expired }, (_, index) => ({ tenantId, key: `expired-${index}`, route: 'POST /x', requestHash: 'h', expiresAt: new Date(now - hour - index * 1000) })),
      ...Array.from({ length: live }, (_, index) => ({ tenantId, key: `live-${index}`, route: 'POST /x', requestHash: 'h', expiresAt: new Date(now + hour) })),
    ],
  });
}
const remaining = async (tenantId: string) => (await platform.database.prisma.idempotencyRecord.findMany({ where: { tenantId }, select: { key: true } })).map((row) => row.key).sort();

describe('purging request records', () => {
  it('deletes expired idempotency records in batches and keeps live ones; stale counters go, current ones stay', async () => {
    const { tenantId } = await platform.createTenant();
    await seedRecords(tenantId, 12, 3);
    const stale = `api-key:stale-${uniqueSuffix()}`;
    const current = `api-key:current-${uniqueSuffix()}`;
    await platform.database.prisma.rateLimitCounter.createMany({
      data: [
        { key: stale, windowStart: new Date(Date.now() - 3 * hour), hits: 7 },
        { key: current, windowStart: new Date(Date.now() - 60_000), hits: 2 },
      ],
    });

    const result = await platform.temporal.workflow.execute<typeof purgeRequestRecords>('purgeRequestRecords', {
      workflowId: `purge-test-${randomUUID()}`,
      taskQueue: platform.config.TEMPORAL_TASK_QUEUE,
      args: [{ batchSize: 5, maxBatches: 50, rateLimitCountersOlderThanSeconds: 3600 }],
    });

    expect(await remaining(tenantId)).toEqual(['live-0', 'live-1', 'live-2']);
    // twelve of ours (perhaps more from other files) in batches of five: at least three full batches and a short one
    expect(result.idempotencyRecords).toBeGreaterThanOrEqual(12);
    expect(result.batches).toBeGreaterThanOrEqual(3 + 1);
    const counters = await platform.database.prisma.rateLimitCounter.findMany({ where: { key: { in: [stale, current] } } });
    expect(counters.map((row) => row.key)).toEqual([current]);
  });

  it("deletes the lines of code imports that ended long ago, keeping their codes, their batch and recent imports' lines", { timeout: 60_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    const brand = await platform.app.inject({ method: 'PUT', url: '/v1/brands/brush-co', headers: { authorization: `Bearer ${apiKey}` }, payload: { name: 'Brush Co', gtins: ['09506000134352'], codeRegistry: 'bonafide' } });
    expect(brand.statusCode, brand.body).toBe(200);
    const sent = async (serials: string[]) => {
      const answer = await importCodes(platform, apiKey, 'brush-co', serials.map((serial) => ({ gtin: '09506000134352', serial, status: 'issued' })));
      expect(answer.json()).toMatchObject({ status: 'completed', inserted: serials.length });
      return answer.json().id as string;
    };
    const old = await sent(['OLD1', 'OLD2', 'OLD3']);
    const recent = await sent(['NEW1']);
    await platform.database.prisma.batch.update({ where: { id: old }, data: { completedAt: new Date(Date.now() - 31 * 24 * hour) } });

    const result = await platform.temporal.workflow.execute<typeof purgeRequestRecords>('purgeRequestRecords', {
      workflowId: `purge-test-${randomUUID()}`,
      taskQueue: platform.config.TEMPORAL_TASK_QUEUE,
      args: [{ batchSize: 2, maxBatches: 50, rateLimitCountersOlderThanSeconds: 3600, codeImportLinesOlderThanDays: 30 }],
    });
    expect(result.codeImportLines).toBeGreaterThanOrEqual(3);
    const lines = async (batchId: string) => platform.database.prisma.brandCodeImportLine.count({ where: { batchId } });
    expect(await lines(old)).toBe(0);
    expect(await lines(recent)).toBe(1);
    // the registry and the import's own row are untouched
    expect(await platform.database.prisma.batch.findUniqueOrThrow({ where: { id: old } })).toMatchObject({ status: 'completed', done: 3 });
    const lookup = await platform.app.inject({ method: 'GET', url: '/v1/brands/brush-co/codes/09506000134352/OLD2', headers: { authorization: `Bearer ${apiKey}` } });
    expect(lookup.json()).toMatchObject({ status: 'valid' });
  });

  it('stops after maxBatches, leaving the rest for the next run', async () => {
    const { tenantId } = await platform.createTenant();
    await seedRecords(tenantId, 30, 0);
    const result = await platform.temporal.workflow.execute<typeof purgeRequestRecords>('purgeRequestRecords', {
      workflowId: `purge-test-${randomUUID()}`,
      taskQueue: platform.config.TEMPORAL_TASK_QUEUE,
      args: [{ batchSize: 2, maxBatches: 3, rateLimitCountersOlderThanSeconds: 3600 }],
    });
    expect(result.idempotencyRecords).toBe(6);
    expect((await remaining(tenantId)).length).toBeGreaterThanOrEqual(24);
  });

  it('is started by a schedule that workers create idempotently', { timeout: 60_000 }, async () => {
    const { tenantId } = await platform.createTenant();
    await seedRecords(tenantId, 3, 1);
    const scheduleId = `purge-schedule-${uniqueSuffix()}`;
    const options = { taskQueue: platform.config.TEMPORAL_TASK_QUEUE, intervalMinutes: 60, scheduleId };
    await ensureRequestRecordsPurgeSchedule(platform.temporal, options);
    await ensureRequestRecordsPurgeSchedule(platform.temporal, { ...options, intervalMinutes: 30 }); // a restart with a new setting
    const handle = platform.temporal.schedule.getHandle(scheduleId);
    try {
      const description = await handle.describe();
      expect(description.spec.intervals).toMatchObject([{ every: 30 * 60_000 }]);
      await handle.trigger();
      await expect.poll(() => remaining(tenantId), { timeout: 30_000, interval: 500 }).toEqual(['live-0']);
    } finally {
      await handle.delete();
    }
  });
});
