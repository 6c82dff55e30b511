/**
 * One failure path for every capability, table-driven over the registered ones (core/capabilities.ts):
 * an activity failing for good ends the subject as `failed` with a reason and a `<name>.failed`
 * webhook, from inside the workflow; a terminated workflow ends it as `failed` when it is read, and
 * when nobody reads it, through the sweep. A capability added to the list without an entry here
 * fails the first test.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities } from '../core/capabilities.ts';
import { ensureFailureSweepSchedule } from '../workers/schedules.ts';
import { moderatorSession } from './support/console.ts';
import { bearer, gucci, listing, putBrand, submitListing } from './support/listings.ts';
import { startTestPlatform, uniqueSuffix, type TestActivity, type TestPlatform } from './support/platform.ts';
import { applicantFor, registerWebhook, submitVetting } from './support/vettings.ts';
import { startWebhookReceiver } from './support/webhookReceiver.ts';

type Mode = 'fail' | 'stall';
/** What the overridden first activity does for each tenant's subjects (absent: the real thing). */
const modes = new Map<string, Mode>();

interface CapabilityUnderTest {
  /** the first activity of its workflow, overridden to fail or stall */
  firstActivity: string;
  /** the path of its GET */
  route: string;
  /** the id field of its webhook `data` */
  idField: string;
  submit(apiKey: string): Promise<string>;
  tenantOf(id: string): Promise<string | undefined>;
}

/** The seller whose blocked listings the appeals here are about: screened for real, whatever the marketplace's mode. */
const APPEALING_SELLER = 'appealing-shop';

let platform: TestPlatform;
const table: Record<string, CapabilityUnderTest> = {
  seller_vetting: {
    firstActivity: 'markVettingScreening',
    route: '/v1/seller-vettings',
    idField: 'vettingId',
    async submit(apiKey) {
      const accepted = await submitVetting(platform, apiKey, applicantFor('td1-valid-02.jpg'));
      expect(accepted.statusCode, accepted.body).toBe(202);
      return accepted.json().id;
    },
    tenantOf: async (id) => (await platform.database.prisma.sellerVetting.findUnique({ where: { id } }))?.tenantId,
  },
  listing_screening: {
    firstActivity: 'screenListing',
    route: '/v1/listing-screenings',
    idField: 'screeningId',
    async submit(apiKey) {
      const accepted = await submitListing(platform, apiKey, listing());
      expect(accepted.statusCode, accepted.body).toBe(202);
      return accepted.json().id;
    },
    tenantOf: async (id) => {
      const row = await platform.database.prisma.listingScreening.findUnique({ where: { id } });
      return row?.sellerExternalId === APPEALING_SELLER ? undefined : row?.tenantId;
    },
  },
  content_screening: {
    firstActivity: 'screenContentPost',
    route: '/v1/content-screenings',
    idField: 'screeningId',
    async submit(apiKey) {
      const post = { postId: `post-${uniqueSuffix()}`, creatorId: `creator-${uniqueSuffix()}`, postedAt: '2026-11-30T10:00:00Z', caption: '#ad my honest pick this week', surface: 'image' };
      const accepted = await platform.app.inject({ method: 'POST', url: '/v1/content-screenings', headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() }, payload: post });
      expect(accepted.statusCode, accepted.body).toBe(202);
      return accepted.json().id;
    },
    tenantOf: async (id) => (await platform.database.prisma.contentScreening.findUnique({ where: { id } }))?.tenantId,
  },
  authenticity_check: {
    firstActivity: 'screenAuthenticityCheck',
    route: '/v1/authenticity-checks',
    idField: 'checkId',
    async submit(apiKey) {
      const check = { orderId: `order-${uniqueSuffix()}`, buyerId: 'buyer-1', sellerId: 'seller-1', claimedCode: '(01)09506000134352(21)AB000001' };
      const accepted = await platform.app.inject({ method: 'POST', url: '/v1/authenticity-checks', headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() }, payload: check });
      expect(accepted.statusCode, accepted.body).toBe(202);
      return accepted.json().id;
    },
    tenantOf: async (id) => (await platform.database.prisma.authenticityCheck.findUnique({ where: { id } }))?.tenantId,
  },
  appeal: {
    firstActivity: 'screenAppeal',
    route: '/v1/appeals',
    idField: 'appealId',
    async submit(apiKey) {
      await putBrand(platform, apiKey, 'gucci', gucci);
      const blocked = await submitListing(platform, apiKey, listing({ sellerId: APPEALING_SELLER, title: 'Gucci Marmont bag 1:1 replica', price: { amount: 90, currency: 'USD' } }), '?wait=20');
      expect(blocked.json().verdict.outcome, blocked.body).toBe('block');
      const appeal = { subjectType: 'listing_screening', subjectId: blocked.json().id, appellant: { type: 'seller', id: APPEALING_SELLER }, statement: 'Please look again.' };
      const accepted = await platform.app.inject({ method: 'POST', url: '/v1/appeals', headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() }, payload: appeal });
      expect(accepted.statusCode, accepted.body).toBe(202);
      return accepted.json().id;
    },
    tenantOf: async (id) => (await platform.database.prisma.appeal.findUnique({ where: { id } }))?.tenantId,
  },
};

interface BatchUnderTest {
  /** where an upload goes (after `prepare`) */
  uploadRoute: string;
  /** where a batch is read: `<readRoute>/:id` */
  readRoute: string;
  /** what the marketplace sets up before its first upload (a brand enrolled for its codes) */
  prepare?(apiKey: string): Promise<void>;
  /** one line of its upload */
  line(): Record<string, unknown>;
  /**
   * Subjects with workflows of their own, failed one by one when the batch fails: the id field of
   * their webhooks' `data` and how to find them. Absent for lines that are no subjects (a brand's
   * codes): those stay unwritten, and read so.
   */
  subjects?: { idField: string; of(batchId: string): Promise<string[]> };
}

const batchTable: Record<string, BatchUnderTest> = {
  listing_screening: {
    uploadRoute: '/v1/listing-screening-batches',
    readRoute: '/v1/listing-screening-batches',
    line: () => listing(),
    subjects: { idField: 'screeningId', of: async (batchId) => (await platform.database.prisma.listingScreening.findMany({ where: { batchId }, select: { id: true } })).map((row) => row.id) },
  },
  content_screening: {
    uploadRoute: '/v1/content-screenings/batches',
    readRoute: '/v1/content-screenings/batches',
    line: () => ({ postId: `post-${uniqueSuffix()}`, creatorId: `creator-${uniqueSuffix()}`, postedAt: '2026-11-30T10:00:00Z', caption: '#ad my honest pick this week', surface: 'image' }),
    subjects: { idField: 'screeningId', of: async (batchId) => (await platform.database.prisma.contentScreening.findMany({ where: { batchId }, select: { id: true } })).map((row) => row.id) },
  },
  brand_code: {
    uploadRoute: '/v1/brands/brush-co/codes',
    readRoute: '/v1/brand-code-imports',
    prepare: async (apiKey) => {
      const brand = await platform.app.inject({ method: 'PUT', url: '/v1/brands/brush-co', headers: bearer(apiKey), payload: { name: 'Brush Co', gtins: ['09506000134352'], codeRegistry: 'bonafide' } });
      expect(brand.statusCode, brand.body).toBe(200);
    },
    line: () => ({ gtin: '09506000134352', serial: `S${uniqueSuffix()}`.slice(0, 20), status: 'issued' }),
  },
};

async function uploadBatch(entry: BatchUnderTest, apiKey: string, lines: number): Promise<string> {
  await entry.prepare?.(apiKey);
  const payload = `${Array.from({ length: lines }, () => JSON.stringify(entry.line())).join('\n')}\n`;
  const accepted = await platform.app.inject({ method: 'POST', url: entry.uploadRoute, headers: { ...bearer(apiKey), 'idempotency-key': randomUUID(), 'content-type': 'application/x-ndjson' }, payload });
  expect(accepted.statusCode, accepted.body).toBe(202);
  return accepted.json().id;
}

/** Uploaded, its batch workflow retrying the stalled first range, then terminated. */
async function terminatedBatch(entry: BatchUnderTest, apiKey: string, lines = 3): Promise<string> {
  const batchId = await uploadBatch(entry, apiKey, lines);
  const { workflowId } = await platform.database.prisma.batch.findUniqueOrThrow({ where: { id: batchId } });
  await expect.poll(async () => (await platform.temporal.workflow.getHandle(workflowId).describe()).raw.pendingActivities?.[0]?.attempt ?? 0, { timeout: 20_000 }).toBeGreaterThan(1);
  await platform.temporal.workflow.getHandle(workflowId).terminate('stopped by an operator');
  return batchId;
}

const overridden = (subjectTypeEntry: CapabilityUnderTest) => (real: TestActivity): TestActivity => async (input) => {
  const id = String(input.vettingId ?? input.screeningId ?? input.checkId ?? input.appealId);
  const mode = modes.get((await subjectTypeEntry.tenantOf(id)) ?? '');
  if (mode === 'fail') throw ApplicationFailure.nonRetryable('refused for the test', 'TestRefusal');
  if (mode === 'stall') throw ApplicationFailure.retryable('stalled for the test', 'TestStall');
  return await real(input);
};

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  platform = await startTestPlatform({
    config: { WEBHOOK_RETRY_INITIAL_SECONDS: '1', RECONCILE_ON_READ_AFTER_SECONDS: '0' },
    activityOverrides: {
      ...Object.fromEntries(Object.values(table).map((entry) => [entry.firstActivity, overridden(entry)])),
      // a batch's ranges, on the bulk worker
      screenBatchRange: (real) => async (input) => {
        const batch = await platform.database.prisma.batch.findUnique({ where: { id: String(input.batchId) } });
        const mode = modes.get(batch?.tenantId ?? '');
        if (mode === 'fail') throw ApplicationFailure.nonRetryable('refused for the test', 'TestRefusal');
        if (mode === 'stall') throw ApplicationFailure.retryable('stalled for the test', 'TestStall');
        return await real(input);
      },
    },
  });
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await platform?.close();
  await receiver?.close();
});

type Event = { type: string; data: Record<string, unknown> & { status: string; failure: { reason: string; detail: string | null; failedAt: string } | null } };
function eventsFor(secret: string, idField: string, id: string): Event[] {
  const verifier = new Webhook(secret);
  return receiver.received
    .filter((request) => (JSON.parse(request.body) as Event).data[idField] === id)
    .map((request) => verifier.verify(request.body, request.headers as Record<string, string>) as Event);
}

async function tenantIn(mode: Mode) {
  const { apiKey, tenantId } = await platform.createTenant();
  modes.set(tenantId, mode);
  const secret = await registerWebhook(platform, apiKey, receiver.url);
  return { apiKey, secret };
}

const read = async (entry: CapabilityUnderTest, apiKey: string, id: string) => {
  const response = await platform.app.inject({ method: 'GET', url: `${entry.route}/${id}`, headers: bearer(apiKey) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { status: string; failure: { reason: string; detail: string | null; failedAt: string | null } | null };
};

/** Submitted, its workflow retrying the stalled first activity, then terminated. */
async function terminated(entry: CapabilityUnderTest, apiKey: string) {
  const id = await entry.submit(apiKey);
  const row = capabilities.find((capability) => table[capability.cases.subjectType] === entry)!;
  const { workflowId } = (await row.rows.find(platform.database.prisma, id))!;
  // its first activity is refused again and again: the workflow is running and cannot finish
  await expect.poll(async () => (await platform.temporal.workflow.getHandle(workflowId!).describe()).raw.pendingActivities?.[0]?.attempt ?? 0, { timeout: 20_000 }).toBeGreaterThan(1);
  await platform.temporal.workflow.getHandle(workflowId!).terminate('stopped by an operator');
  return id;
}

it('every registered capability is in this table', () => {
  expect(capabilities.map((capability) => capability.cases.subjectType).sort()).toEqual(Object.keys(table).sort());
});

describe.each(capabilities.map((capability) => [capability.cases.subjectType, capability] as const))('%s', (subjectType, capability) => {
  const entry = () => table[subjectType]!;

  it('whose activity fails for good ends as failed with a reason, and the marketplace is told', { timeout: 60_000 }, async () => {
    const { apiKey, secret } = await tenantIn('fail');
    const id = await entry().submit(apiKey);
    await expect.poll(async () => (await read(entry(), apiKey, id)).status, { timeout: 30_000, interval: 200 }).toBe('failed');
    const view = await read(entry(), apiKey, id);
    expect(view.failure).toMatchObject({ reason: 'workflow_failed', detail: expect.stringContaining(`activity ${entry().firstActivity} failed: TestRefusal`), failedAt: expect.any(String) });
    await expect.poll(() => eventsFor(secret, entry().idField, id).length, { timeout: 20_000 }).toBe(1);
    expect(eventsFor(secret, entry().idField, id)[0]).toMatchObject({ type: capability.failedEvent, data: { status: 'failed', failure: { reason: 'workflow_failed', failedAt: view.failure!.failedAt } } });
  });

  it('whose workflow was terminated ends as failed when it is read, once', { timeout: 60_000 }, async () => {
    const { apiKey, secret } = await tenantIn('stall');
    const id = await terminated(entry(), apiKey);
    const view = await read(entry(), apiKey, id);
    expect(view).toMatchObject({ status: 'failed', failure: { reason: 'workflow_terminated', detail: expect.stringContaining('TERMINATED') } });
    expect((await read(entry(), apiKey, id)).failure!.failedAt).toBe(view.failure!.failedAt);
    await expect.poll(() => eventsFor(secret, entry().idField, id).length, { timeout: 20_000 }).toBe(1);
    expect(eventsFor(secret, entry().idField, id)[0]).toMatchObject({ type: capability.failedEvent, data: { status: 'failed', failure: { reason: 'workflow_terminated' } } });
  });
});

describe('the sweep', () => {
  it('fails every capability’s terminated subjects nobody reads, and leaves running ones alone', { timeout: 120_000 }, async () => {
    const { apiKey, secret } = await tenantIn('stall');
    const stopped = await Promise.all(capabilities.map(async (capability) => [capability, await terminated(table[capability.cases.subjectType]!, apiKey)] as const));
    const running = await Promise.all(capabilities.map(async (capability) => [capability, await table[capability.cases.subjectType]!.submit(apiKey)] as const));
    const stoppedBatch = await terminatedBatch(batchTable.listing_screening!, apiKey, 1);

    const scheduleId = `failure-sweep-${randomUUID()}`;
    const sweep = {
      subjectTypes: capabilities.map((capability) => capability.cases.subjectType),
      untouchedForSeconds: 0,
      batchSize: 50,
      maxBatches: 1000,
      webhook: { initialIntervalSeconds: 1, maximumIntervalSeconds: 5, windowSeconds: 60 },
    };
    await ensureFailureSweepSchedule(platform.temporal, { taskQueue: platform.config.TEMPORAL_TASK_QUEUE, intervalMinutes: 60, scheduleId, sweep });
    const handle = platform.temporal.schedule.getHandle(scheduleId);
    try {
      await handle.trigger();
      const status = async (capability: (typeof capabilities)[number], id: string) => (await capability.rows.find(platform.database.prisma, id))!.status;
      for (const [capability, id] of stopped) {
        await expect.poll(() => status(capability, id), { timeout: 60_000, interval: 500, message: capability.cases.subjectType }).toBe('failed');
        const idField = table[capability.cases.subjectType]!.idField;
        await expect.poll(() => eventsFor(secret, idField, id).length, { timeout: 20_000 }).toBe(1);
        expect(eventsFor(secret, idField, id)[0]).toMatchObject({ type: capability.failedEvent, data: { failure: { reason: 'workflow_terminated' } } });
      }
      const started = (await handle.describe()).info.recentActions[0]?.action.workflow.workflowId;
      const run = await platform.temporal.workflow.getHandle(started!).result();
      for (const capability of capabilities) expect(run[capability.cases.subjectType]!.checked).toBeGreaterThan(0);
      // the terminated batch nobody read: failed, with its one batch webhook
      expect(run.batches!.failed).toBeGreaterThan(0);
      expect(await platform.database.prisma.batch.findUniqueOrThrow({ where: { id: stoppedBatch } })).toMatchObject({ status: 'failed', failureReason: 'workflow_terminated' });
      await expect.poll(() => eventsFor(secret, 'batchId', stoppedBatch).filter((event) => event.type === 'listing_screening_batch.failed').length, { timeout: 20_000 }).toBe(1);
      for (const [capability, id] of running) {
        expect(await status(capability, id)).not.toBe('failed');
        expect(eventsFor(secret, table[capability.cases.subjectType]!.idField, id)).toEqual([]);
      }
    } finally {
      await handle.delete();
    }
  });
});

it('every capability that takes batches is in the batch table', () => {
  // the capabilities whose batches the API takes register their batch subjects
  const takingBatches = platform.app.batchSubjects.all().map((registration) => registration.subjectType);
  expect(Object.keys(batchTable).sort()).toEqual(takingBatches.sort());
});

describe.each(Object.keys(batchTable))('a %s batch whose workflow was terminated', (subjectType) => {
  const entry = () => batchTable[subjectType]!;
  const capability = () => capabilities.find((declared) => declared.cases.subjectType === subjectType)!;

  it('ends as failed when it is read: its unfinished subjects fail with their webhooks, then one batch webhook', { timeout: 90_000 }, async () => {
    const { apiKey, secret } = await tenantIn('stall');
    const batchId = await terminatedBatch(entry(), apiKey);
    const readBatch = async () => {
      const response = await platform.app.inject({ method: 'GET', url: `${entry().readRoute}/${batchId}`, headers: bearer(apiKey) });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { status: string; failure: { reason: string; detail: string | null; failedAt: string | null } | null };
    };
    const view = await readBatch();
    expect(view).toMatchObject({ status: 'failed', failure: { reason: 'workflow_terminated', detail: expect.stringContaining('closed as TERMINATED'), failedAt: expect.any(String) } });
    // read again: already failed, nothing recorded twice
    expect((await readBatch()).failure!.failedAt).toBe(view.failure!.failedAt);

    const own = entry().subjects;
    if (own) {
      const subjects = await own.of(batchId);
      expect(subjects).toHaveLength(3);
      for (const id of subjects) {
        await expect.poll(async () => (await capability().rows.find(platform.database.prisma, id))!.status, { timeout: 30_000, interval: 200 }).toBe('failed');
        await expect.poll(() => eventsFor(secret, own.idField, id).length, { timeout: 20_000 }).toBe(1);
        expect(eventsFor(secret, own.idField, id)[0]).toMatchObject({ type: capability().failedEvent, data: { batchId, status: 'failed', failure: { reason: 'workflow_terminated' } } });
      }
    } else {
      // lines that are no subjects: none written, each read as such
      const results = await platform.app.inject({ method: 'GET', url: `${entry().readRoute}/${batchId}/results`, headers: bearer(apiKey) });
      expect(results.json().items.map((item: { outcome: string }) => item.outcome)).toEqual(['pending', 'pending', 'pending']);
    }
    // the console's batch page says the same
    const session = await moderatorSession(platform, 'admin');
    const shown = await platform.app.inject({ method: 'GET', url: `/admin/v1/batches/${batchId}`, headers: session });
    expect(shown.json()).toMatchObject({ status: 'failed', failure: { reason: 'workflow_terminated', failedAt: view.failure!.failedAt }, counts: { failed: 3, pending: 0 } });
    const batchEvents = () => eventsFor(secret, 'batchId', batchId).filter((event) => event.type.startsWith(`${subjectType}_batch.`));
    await expect.poll(() => batchEvents().length, { timeout: 20_000 }).toBe(1);
    expect(batchEvents()[0]).toMatchObject({ type: `${subjectType}_batch.failed`, data: { batchId, status: 'failed', total: 3, failure: { reason: 'workflow_terminated', failedAt: view.failure!.failedAt } } });
  });
});

describe('a listing batch whose chunk fails for good', () => {
  it('is marked failed, and each of its unfinished listings is failed (with its webhook) when read', { timeout: 90_000 }, async () => {
    const { apiKey, secret } = await tenantIn('fail');
    const lines = [listing(), listing()].map((entry) => JSON.stringify(entry)).join('\n');
    const accepted = await platform.app.inject({
      method: 'POST',
      url: '/v1/listing-screening-batches',
      headers: { ...bearer(apiKey), 'idempotency-key': randomUUID(), 'content-type': 'application/x-ndjson' },
      payload: `${lines}\n`,
    });
    expect(accepted.statusCode, accepted.body).toBe(202);
    const batchId: string = accepted.json().id;
    const readBatch = async () => (await platform.app.inject({ method: 'GET', url: `/v1/listing-screening-batches/${batchId}`, headers: bearer(apiKey) })).json();
    await expect.poll(async () => (await readBatch()).status, { timeout: 30_000, interval: 200 }).toBe('failed');
    expect((await readBatch()).failure).toMatchObject({ reason: 'workflow_failed', detail: expect.stringContaining('activity screenBatchRange failed: TestRefusal') });
    await expect.poll(() => eventsFor(secret, 'batchId', batchId).filter((event) => event.type === 'listing_screening_batch.failed').length, { timeout: 20_000 }).toBe(1);

    const listings = await platform.database.prisma.listingScreening.findMany({ where: { batchId }, select: { id: true } });
    expect(listings).toHaveLength(2);
    for (const { id } of listings) {
      // the batch reads failed a moment before its workflow has closed as FAILED: until then a read finds it running
      await expect.poll(async () => (await read(table.listing_screening!, apiKey, id)).status, { timeout: 20_000, interval: 200 }).toBe('failed');
      const view = await read(table.listing_screening!, apiKey, id);
      expect(view).toMatchObject({ status: 'failed', failure: { reason: 'workflow_failed', detail: expect.stringContaining('closed as FAILED') } });
      await expect.poll(() => eventsFor(secret, 'screeningId', id).length, { timeout: 20_000 }).toBe(1);
      expect(eventsFor(secret, 'screeningId', id)[0]).toMatchObject({ type: 'listing_screening.failed', data: { batchId, status: 'failed' } });
    }
  });
});
