/**
 * A document image the worker cannot decode fully must not leave the vetting stuck behind
 * retries: the document activity turns it into a document.unreadable signal, and the vetting
 * waits for a moderator.
 *
 * Intake refuses a truncated image itself (integration/badInput.test.ts), so the image here is
 * cut off after intake accepted it, as a storage fault or an older intake could leave it: the
 * vetting is accepted by an API replica that cannot reach Temporal (its start waits in the
 * outbox), its stored image loses its second half, and only then is its workflow started, on the
 * real documents worker.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/app.ts';
import { vettingCipherContext } from '../core/cipherContexts.ts';
import { createWorkflowStarter } from '../core/workflowStarts.ts';
import { unusedPort } from '../scripts/ports.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { applicantFor, documentImage, waitForVetting } from './support/vettings.ts';

let platform: TestPlatform;
beforeAll(async () => {
  // the platform's own starter only starts what is nudged: the start below waits for the test
  platform = await startTestPlatform({ documents: true, config: { WORKFLOW_START_POLL_MS: '60000' } });
});
afterAll(async () => {
  await platform?.close();
});

/** An API replica on the platform's database whose Temporal address nothing listens on. */
async function replicaWithoutTemporal() {
  const config = { ...platform.config, TEMPORAL_ADDRESS: `127.0.0.1:${await unusedPort()}` };
  const unreachable = new Client({ connection: Connection.lazy({ address: config.TEMPORAL_ADDRESS, connectTimeout: '1s' }) });
  return await buildApp({ config, prisma: platform.database.prisma, pool: platform.database.pool, temporal: unreachable, protector: platform.protector, logger: false });
}

describe('an undecodable document image', () => {
  it('escalates as document.unreadable instead of failing the activity', { timeout: 120_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    const prisma = platform.database.prisma;
    const replica = await replicaWithoutTemporal();
    const submitted = await replica.inject({
      method: 'POST',
      url: '/v1/seller-vettings',
      headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': randomUUID() },
      payload: applicantFor('td3-valid-01.jpg'),
    });
    expect(submitted.statusCode, submitted.body).toBe(202);
    const id: string = submitted.json().id;
    const { workflowId } = await prisma.sellerVetting.findUniqueOrThrow({ where: { id } });
    // the replica tried the start and failed: it waits in the outbox
    await expect.poll(async () => (await prisma.workflowStart.findFirst({ where: { workflowId: workflowId! } }))?.lastError ?? null, { timeout: 60_000, interval: 200 }).not.toBeNull();
    await replica.close();

    const whole = documentImage('td3-valid-01.jpg');
    const truncated = whole.subarray(0, Math.floor(whole.length * 0.6));
    await prisma.vettingDocument.update({ where: { vettingId: id }, data: { ciphertext: platform.protector.encrypt(truncated, vettingCipherContext.document(id)), byteSize: truncated.length } });

    const starter = createWorkflowStarter({ pool: platform.database.pool, temporal: platform.temporal, pollMs: 60_000 });
    try {
      expect(await starter.startNow([workflowId!])).toBe(1);
    } finally {
      await starter.close();
    }
    const vetting = await waitForVetting(platform, apiKey, id, (candidate) => candidate.status === 'awaiting_review' || candidate.status === 'completed', 60_000);
    expect(vetting.status).toBe('awaiting_review');
    expect(vetting.verdict.signals).toContainEqual(expect.objectContaining({ code: 'document.unreadable', evidence: expect.objectContaining({ reason: 'image_undecodable' }) }));
  });
});
