/**
 * The outbox of workflow starts (core/workflowStarts.ts) on the real API, PostgreSQL and Temporal:
 * a submission is accepted while Temporal is unreachable and screened once it answers; a start
 * retried after its workflow closed does not run it again; replicas share the waiting starts
 * without starting one twice.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/app.ts';
import { sql } from '../core/sql.ts';
import { createWorkflowStarter, runningWorkflowSignal, type WorkflowStart } from '../core/workflowStarts.ts';
import { storeRowsWithWorkflowStart } from '../core/workflowStartWrites.ts';
import type { Prisma } from '../prisma/generated/client.ts';
import { unusedPort } from '../scripts/ports.ts';
import { bearer, listing, submitListing } from './support/listings.ts';
import { placed, probationPolicyVersion, sellerOnProbation, waitForProbation } from './support/probations.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  // the platform's own starter only starts what is nudged: the tests below drive its polls
  platform = await startTestPlatform({ config: { WORKFLOW_START_POLL_MS: '60000' } });
});
afterAll(async () => platform?.close());

/** The row a submission's transaction writes for a start, as the tests put it there themselves. */
const workflowStartRow = (start: WorkflowStart): Prisma.WorkflowStartCreateInput => ({
  workflowId: start.workflowId,
  workflowType: start.workflowType,
  taskQueue: start.taskQueue,
  args: start.args as Prisma.InputJsonValue,
});

/** A start of a workflow no worker polls for: it stays as started, for Temporal to describe. */
const idleStart = (workflowId = `outbox-${randomUUID()}`) => ({ workflowType: 'systemProbe', workflowId, taskQueue: `nobody-polls-${randomUUID()}`, args: [{ probeId: randomUUID() }] });

/** A replica on the platform's database whose Temporal address nothing listens on. */
async function replicaWithoutTemporal() {
  const config = { ...platform.config, TEMPORAL_ADDRESS: `127.0.0.1:${await unusedPort()}` };
  const unreachable = new Client({ connection: Connection.lazy({ address: config.TEMPORAL_ADDRESS, connectTimeout: '1s' }) });
  return await buildApp({ config, prisma: platform.database.prisma, pool: platform.database.pool, temporal: unreachable, protector: platform.protector, logger: false });
}

/** A starter with Temporal takes what waits once it is due (after a failed attempt's backoff); the errors it met. */
async function drainWithTemporal(waiting: () => Promise<unknown>): Promise<string[]> {
  const errors: string[] = [];
  const starter = createWorkflowStarter({ pool: platform.database.pool, temporal: platform.temporal, pollMs: 60_000, onError: (error) => errors.push(String(error)) });
  try {
    // what still waits after each pass of the starter
    await expect
      .poll(
        async () => {
          await starter.startDue();
          return await waiting();
        },
        { timeout: 60_000, interval: 300 },
      )
      .toBeNull();
  } finally {
    await starter.close();
  }
  return errors;
}

describe('workflow starts through the outbox', () => {
  it('accepts a listing while Temporal is unreachable, keeps its start, and screens it once Temporal answers', { timeout: 240_000 }, async () => {
    const replica = await replicaWithoutTemporal();
    const { apiKey } = await platform.createTenant();
    const accepted = await replica.inject({
      method: 'POST',
      url: '/v1/listing-screenings',
      headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
      payload: listing({ title: 'Plain ceramic mug, 350 ml', price: { amount: 9, currency: 'USD' } }),
    });
    expect(accepted.statusCode, accepted.body).toBe(202);
    const { id } = accepted.json();
    const { workflowId } = await platform.database.prisma.listingScreening.findUniqueOrThrow({ where: { id } });
    // the replica tried and failed: the start waits with its reason, and the screening is not failed
    await expect
      .poll(async () => (await platform.database.prisma.workflowStart.findFirst({ where: { workflowId: workflowId! } }))?.lastError ?? null, { timeout: 60_000, interval: 200 })
      .not.toBeNull();
    await replica.close();
    expect((await platform.database.prisma.listingScreening.findUniqueOrThrow({ where: { id } })).status).toBe('received');
    const read = await platform.app.inject({ method: 'GET', url: `/v1/listing-screenings/${id}`, headers: bearer(apiKey) });
    expect(read.json().status).not.toBe('failed');

    // a replica with Temporal takes the waiting start once it is due (after the failed attempt's
    // backoff), and the listing is screened; what it could not start, it says why
    const waiting = () => platform.database.prisma.workflowStart.findFirst({ where: { workflowId: workflowId! } });
    const errors = await drainWithTemporal(waiting);
    expect(await waiting(), `the start still waits; ${errors.join('; ')}`).toBeNull();
    await expect.poll(async () => (await platform.app.inject({ method: 'GET', url: `/v1/listing-screenings/${id}`, headers: bearer(apiKey) })).json().status, { timeout: 60_000, interval: 300 }).toBe('completed');
    expect(await platform.database.prisma.workflowStart.count({ where: { workflowId: workflowId! } })).toBe(0);
  });

  it("takes a seller's probation events while Temporal is unreachable, and signals them once it answers", { timeout: 240_000 }, async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const seller = await sellerOnProbation(platform, tenantId, { policyVersion: await probationPolicyVersion(platform) });
    const replica = await replicaWithoutTemporal();
    const accepted = await replica.inject({ method: 'POST', url: `/v1/sellers/${seller.sellerId}/events`, headers: bearer(apiKey), payload: { events: [placed('o-1'), placed('o-2')] } });
    expect(accepted.statusCode, accepted.body).toBe(202);
    expect(accepted.json()).toMatchObject({ received: 2, stored: 2 });
    // the signal waits beside the events, with why it could not be sent
    const waiting = () => platform.database.prisma.workflowStart.findFirst({ where: { workflowId: seller.workflowId } });
    await expect.poll(async () => (await waiting())?.lastError ?? null, { timeout: 60_000, interval: 200 }).not.toBeNull();
    await replica.close();
    expect(await waiting()).toMatchObject({ workflowType: 'sellerProbation', signalName: expect.any(String) });

    const errors = await drainWithTemporal(waiting);
    expect(await waiting(), `the signal still waits; ${errors.join('; ')}`).toBeNull();
    await waitForProbation(platform, apiKey, seller.sellerId, (probation) => (probation as unknown as { orders: { placed: number } }).orders.placed === 2);
  });

  it('answers 202 with the start already written, and removes it once the workflow runs', async () => {
    const { apiKey } = await platform.createTenant();
    const response = await submitListing(platform, apiKey, listing({ title: 'Walnut cutting board', price: { amount: 30, currency: 'USD' } }));
    expect(response.statusCode, response.body).toBe(202);
    const { workflowId } = await platform.database.prisma.listingScreening.findUniqueOrThrow({ where: { id: response.json().id } });
    await expect.poll(() => platform.database.prisma.workflowStart.count({ where: { workflowId: workflowId! } }), { timeout: 20_000, interval: 100 }).toBe(0);
    expect((await platform.temporal.workflow.getHandle(workflowId!).describe()).type).toBe('listingScreening');
  });

  it("writes a subject's rows and its start in one statement: all of them, or none when one part fails", async () => {
    const { tenantId } = await platform.createTenant();
    const starter = createWorkflowStarter({ pool: platform.database.pool, temporal: platform.temporal, pollMs: 60_000 });
    const screening = (id: string) =>
      sql(
        `INSERT INTO listing_screenings (id, tenant_id, listing_id, seller_external_id, title, description, price_amount, price_currency, workflow_id)
         VALUES ($1, $2, 'l-1', 's-1', 'Mug', '', 9, 'USD', $3)`,
        [id, tenantId, `outbox-subject-${id}`],
      );
    const picture = (id: string, position: number) => sql(`INSERT INTO listing_images (id, screening_id, tenant_id, position) VALUES (gen_random_uuid(), $1, $2, $3)`, [id, tenantId, position]);
    try {
      // the second picture takes the first one's position: the whole statement is refused
      const refused = randomUUID();
      const refusedStart = idleStart();
      await expect(storeRowsWithWorkflowStart(platform.database.pool, starter, refusedStart, [screening(refused), picture(refused, 0), picture(refused, 0)])).rejects.toMatchObject({ code: '23505' });
      expect(await platform.database.prisma.listingScreening.count({ where: { id: refused } })).toBe(0);
      expect(await platform.database.prisma.workflowStart.count({ where: { workflowId: refusedStart.workflowId } })).toBe(0);

      // the pictures name the screening written beside them; the start is claimed and started at once
      const stored = randomUUID();
      const storedStart = idleStart();
      await storeRowsWithWorkflowStart(platform.database.pool, starter, storedStart, [screening(stored), picture(stored, 0), picture(stored, 1)]);
      expect(await platform.database.prisma.listingImage.count({ where: { screeningId: stored } })).toBe(2);
      await starter.idle();
      expect((await platform.temporal.workflow.getHandle(storedStart.workflowId).describe()).status.name).toBe('RUNNING');
      expect(await platform.database.prisma.workflowStart.count({ where: { workflowId: storedStart.workflowId } })).toBe(0);
    } finally {
      await starter.close();
    }
  });

  it('takes a signal’s arguments from what the statement wrote, and starts nothing when it wrote nothing to signal', async () => {
    const starter = createWorkflowStarter({ pool: platform.database.pool, temporal: platform.temporal, pollMs: 60_000 });
    const marker = randomUUID();
    // a row per value given; the signal names the values written
    const writes = (values: string[]) => [sql(`INSERT INTO rate_limit_counters (key, window_start, hits) SELECT unnest($1::text[]), now(), 1 ON CONFLICT (key) DO NOTHING RETURNING key`, [values])];
    const signalArgs = `SELECT jsonb_build_array(jsonb_build_object('keys', jsonb_agg(key ORDER BY key))) FROM write_0 HAVING count(*) > 0`;
    const start = { ...idleStart(), signal: { name: 'nothing', args: [] } };
    try {
      const first = await storeRowsWithWorkflowStart<{ written: number }>(platform.database.pool, starter, start, writes([`${marker}-a`, `${marker}-b`]), { signalArgs, returning: '(SELECT count(*)::int FROM write_0) AS written' });
      expect(first).toEqual({ started: true, written: { written: 2 } });
      // the workflow was signalled with the statement's arguments
      await starter.idle();
      const history = await platform.temporal.workflow.getHandle(start.workflowId).fetchHistory();
      const signalled = history.events?.find((event) => event.workflowExecutionSignaledEventAttributes)?.workflowExecutionSignaledEventAttributes;
      expect(signalled?.signalName).toBe('nothing');
      expect(JSON.parse(Buffer.from(signalled!.input!.payloads![0]!.data!).toString('utf8'))).toEqual({ keys: [`${marker}-a`, `${marker}-b`] });
      // the same keys again: nothing written, nothing to signal, no row
      const again = await storeRowsWithWorkflowStart<{ written: number }>(platform.database.pool, starter, start, writes([`${marker}-a`, `${marker}-b`]), { signalArgs, returning: '(SELECT count(*)::int FROM write_0) AS written' });
      expect(again).toEqual({ started: false, written: { written: 0 } });
      expect(await platform.database.prisma.workflowStart.count({ where: { workflowId: start.workflowId } })).toBe(0);
    } finally {
      await starter.close();
      await platform.database.pool.query('DELETE FROM rate_limit_counters WHERE key LIKE $1', [`${marker}-%`]);
    }
  });

  it('starts, at its next poll, a start that a stopped replica left behind', async () => {
    const start = idleStart();
    await platform.database.prisma.workflowStart.create({ data: workflowStartRow(start) });
    const starter = createWorkflowStarter({ pool: platform.database.pool, temporal: platform.temporal, pollMs: 100 });
    try {
      await expect.poll(() => platform.database.prisma.workflowStart.count({ where: { workflowId: start.workflowId } }), { timeout: 20_000, interval: 100 }).toBe(0);
    } finally {
      await starter.close();
    }
    expect((await platform.temporal.workflow.getHandle(start.workflowId).describe()).status.name).toBe('RUNNING');
  });

  it('does not run a workflow again when its start is retried after it closed', async () => {
    const start = idleStart();
    const first = await platform.temporal.workflow.start(start.workflowType, { workflowId: start.workflowId, taskQueue: start.taskQueue, args: start.args });
    await first.terminate('closed before the retried start');
    // not due for an hour: the platform's own poll leaves it to this test's starter
    await platform.database.prisma.workflowStart.create({ data: { ...workflowStartRow(start), nextAttemptAt: new Date(Date.now() + 3_600_000) } });
    const starter = createWorkflowStarter({ pool: platform.database.pool, temporal: platform.temporal, pollMs: 60_000 });
    try {
      expect(await starter.startNow([start.workflowId])).toBe(1);
    } finally {
      await starter.close();
    }
    expect(await platform.database.prisma.workflowStart.count({ where: { workflowId: start.workflowId } })).toBe(0);
    const described = await platform.temporal.workflow.getHandle(start.workflowId).describe();
    expect(described.status.name).toBe('TERMINATED');
    expect(described.runId).toBe(first.firstExecutionRunId);
  });

  it('leaves a claimed row whose lease could run out during its start to the next claim', { timeout: 60_000 }, async () => {
    // one start slot and a Temporal nothing listens on: the row started first holds the slot for its
    // whole deadline, so the other's lease (1.2 s) no longer covers a start (1 s) when its turn comes
    const unreachable = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await unusedPort()}`, connectTimeout: '1s' }) });
    const [slow, queued] = [idleStart(), idleStart()];
    await platform.database.prisma.workflowStart.createMany({ data: [slow, queued].map((start) => ({ ...workflowStartRow(start), nextAttemptAt: new Date(Date.now() + 3_600_000) })) });
    const starter = createWorkflowStarter({ pool: platform.database.pool, temporal: unreachable, pollMs: 60_000, concurrency: 1, startDeadlineMs: 1_000, leaseMs: 1_200 });
    try {
      expect(await starter.startNow([slow.workflowId, queued.workflowId])).toBe(0);
    } finally {
      await starter.close();
    }
    const rows = await platform.database.prisma.workflowStart.findMany({ where: { workflowId: { in: [slow.workflowId, queued.workflowId] } } });
    // whichever came first was tried and failed (its reason kept, backoff set); the other was never
    // tried: no error, its claim not released, due again once its lease ends
    const tried = rows.filter((row) => row.lastError !== null);
    const left = rows.filter((row) => row.lastError === null);
    expect([tried.length, left.length]).toEqual([1, 1]);
    expect(tried[0]).toMatchObject({ attempts: 1, claimedUntil: null });
    expect(left[0]!.attempts).toBe(1);
    expect(left[0]!.claimedUntil).not.toBeNull();
    await platform.database.prisma.workflowStart.deleteMany({ where: { workflowId: { in: [slow.workflowId, queued.workflowId] } } });
  });

  it('sends a signal for a running workflow to it, and drops one whose workflow no longer runs without starting it', async () => {
    const running = idleStart();
    await platform.temporal.workflow.start(running.workflowType, { workflowId: running.workflowId, taskQueue: running.taskQueue, args: running.args });
    const gone = idleStart();
    const signals = [running, gone].map((start) => runningWorkflowSignal(start.workflowType, { workflowId: start.workflowId, signal: { name: 'checkIn', args: [{ n: 1 }] } }));
    // not due for an hour: the platform's own poll leaves them to this test's starter
    await platform.database.prisma.workflowStart.createMany({
      data: signals.map((signal) => ({ ...workflowStartRow(signal), signalName: signal.signal!.name, signalArgs: signal.signal!.args as Prisma.InputJsonValue, signalOnly: true, nextAttemptAt: new Date(Date.now() + 3_600_000) })),
    });
    const starter = createWorkflowStarter({ pool: platform.database.pool, temporal: platform.temporal, pollMs: 60_000 });
    try {
      expect(await starter.startNow(signals.map((signal) => signal.workflowId))).toBe(2);
    } finally {
      await starter.close();
    }
    expect(await platform.database.prisma.workflowStart.count({ where: { workflowId: { in: signals.map((signal) => signal.workflowId) } } })).toBe(0);
    const history = await platform.temporal.workflow.getHandle(running.workflowId).fetchHistory();
    expect(history.events?.filter((event) => event.workflowExecutionSignaledEventAttributes?.signalName === 'checkIn')).toHaveLength(1);
    await expect(platform.temporal.workflow.getHandle(gone.workflowId).describe()).rejects.toThrow();
  });

  it('shares the waiting starts between replicas, each started once', { timeout: 120_000 }, async () => {
    const starts = Array.from({ length: 40 }, () => idleStart());
    // not due for an hour: the platform's own poll leaves them to the two replicas, which take
    // them by id (as each takes the submissions it accepted)
    await platform.database.prisma.workflowStart.createMany({ data: starts.map((start) => ({ ...workflowStartRow(start), nextAttemptAt: new Date(Date.now() + 3_600_000) })) });
    const ids = starts.map((start) => start.workflowId);
    const errors: string[] = [];
    const replicas = [0, 1].map(() => createWorkflowStarter({ pool: platform.database.pool, temporal: platform.temporal, pollMs: 60_000, claimSize: 7, onError: (error) => errors.push(String(error)) }));
    const started = [0, 0];
    try {
      // both take all of them at once; a start that fails on a loaded server is taken again, by either
      const waiting = async () => (await platform.database.prisma.workflowStart.findMany({ where: { workflowId: { in: ids } }, select: { workflowId: true } })).map((row) => row.workflowId);
      for (let left = ids, deadline = Date.now() + 90_000; left.length > 0 && Date.now() < deadline; left = await waiting()) {
        const round = await Promise.all(replicas.map((replica) => replica.startNow(left)));
        round.forEach((count, index) => (started[index]! += count));
      }
      // every row started by exactly one of them (a claim locks and leases it)
      expect(started[0]! + started[1]!, errors.join('; ')).toBe(40);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
    expect(await platform.database.prisma.workflowStart.count({ where: { workflowId: { in: starts.map((start) => start.workflowId) } } })).toBe(0);
    for (const start of starts) expect((await platform.temporal.workflow.getHandle(start.workflowId).describe()).status.name).toBe('RUNNING');
  });
});
