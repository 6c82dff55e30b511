/**
 * A probation's case review runs beside its main loop. When the review fails for good (here the
 * case cannot be opened), the probation's workflow fails with that error, as the workflows that
 * await their review do, instead of leaving a rejection nobody handles and a run that never ends.
 */
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowFailedError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../workers/activities/index.ts';
import { createRegistryProvider } from '../workers/dependencies.ts';
import { startTestPlatform, workflowBundle, type TestPlatform } from './support/platform.ts';
import { placed, postEvents, probationPolicyVersion, refunded, sellerOnProbation, shipped } from './support/probations.ts';

let platform: TestPlatform;
let connection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
beforeAll(async () => {
  platform = await startTestPlatform({ worker: false });
  const { config, database, protector } = platform;
  connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const activities = createActivities({
    prisma: database.prisma,
    pool: database.pool,
    protector,
    workerIdentity: 'probation-review-failure',
    registry: await createRegistryProvider(config),
    watchlist: { screen: () => [] },
    webhook: { timeoutMs: config.WEBHOOK_TIMEOUT_MS, allowPrivateNetwork: true },
  });
  worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowBundle: await workflowBundle(),
    activities: {
      ...activities,
      openCase: async () => {
        throw ApplicationFailure.nonRetryable('the case store refused the case', 'CaseRefused');
      },
    },
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await connection?.close();
  await platform?.close();
});

describe('a probation whose case review fails', () => {
  it('fails the workflow with the error of the review', { timeout: 60_000 }, async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const seller = await sellerOnProbation(platform, tenantId, { policyVersion: await probationPolicyVersion(platform) });
    const orders = ['f-1', 'f-2', 'f-3', 'f-4'];
    await postEvents(platform, apiKey, seller.sellerId, { events: orders.flatMap((orderId) => [placed(orderId, 30), shipped(orderId, 200)]) });
    // one refund in four orders crosses the refund limit: restricted, and a case is asked for
    expect((await postEvents(platform, apiKey, seller.sellerId, refunded('f-2', 45))).statusCode).toBe(202);

    const failure = await platform.temporal.workflow.getHandle(seller.workflowId).result().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause?.cause).toMatchObject({ message: 'the case store refused the case', type: 'CaseRefused' });
    const restriction = await platform.database.prisma.sellerProbationChange.findFirst({ where: { probationId: seller.probationId, kind: 'restricted' } });
    expect(restriction).not.toBeNull();
  });
});
