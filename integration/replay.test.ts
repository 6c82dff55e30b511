/**
 * Workflow code must stay replayable: histories recorded from completed runs replay against the
 * current workflow code without non-determinism errors. fixtures/workflow-histories holds
 * histories recorded from earlier versions (`npm run histories:record` adds new ones), so a
 * change that would break workflows already running in production fails here.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { temporal } from '@temporalio/proto';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCodes } from './support/brandCodes.ts';
import { workflowsPath } from '../workers/createWorker.ts';
import { authenticityCheckWorkflowId, batchWorkflowId, listingScreeningBatchWorkflowId } from '../workflows/names.ts';
import { barcode, blurred, label } from '../workers/detectors/authenticityPhotos/renderedPhotos.ts';
import { moderatorSession } from './support/console.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { gucci, listing, putBrand, submitListing, waitForScreening } from './support/listings.ts';
import { applicantFor, submitVetting, waitForVetting } from './support/vettings.ts';
import { placed, postEvents, probationPolicyVersion, sellerOnProbation, shipped, waitForProbation } from './support/probations.ts';

const historiesDir = fileURLToPath(new URL('../fixtures/workflow-histories', import.meta.url));
const alteredWorkflowsPath = fileURLToPath(new URL('./support/alteredWorkflows.ts', import.meta.url));

let platform: TestPlatform;
beforeAll(async () => {
  // a 2-second SLA, so the escalated vetting's history holds a fired SLA timer before the decision
  platform = await startTestPlatform({ documents: true, config: { CASE_SLA_SECONDS: '2' } });
});
afterAll(async () => platform?.close());

async function completedProbeHistory(): Promise<{ workflowId: string; history: temporal.api.history.v1.IHistory }> {
  const { apiKey } = await platform.createTenant();
  const created = await platform.app.inject({ method: 'POST', url: '/v1/system-probes', headers: { authorization: `Bearer ${apiKey}` } });
  const { workflowId } = created.json();
  const handle = platform.temporal.workflow.getHandle(workflowId);
  await handle.result();
  return { workflowId, history: await handle.fetchHistory() };
}

type RecordedHistory = { workflowId: string; history: temporal.api.history.v1.IHistory };

/** A seller vetting approved by the policy alone. */
async function approvedVettingHistory(): Promise<RecordedHistory> {
  const { apiKey } = await platform.createTenant();
  const { id } = (await submitVetting(platform, apiKey, applicantFor('td3-valid-01.jpg'))).json();
  await waitForVetting(platform, apiKey, id, (vetting) => vetting.status === 'completed');
  const handle = platform.temporal.workflow.getHandle(`seller-vetting-${id}`);
  await handle.result();
  return { workflowId: handle.workflowId, history: await handle.fetchHistory() };
}

/** A seller vetting escalated, its SLA timer fired (priority raised), then settled by a moderator's update. */
async function escalatedVettingHistory(): Promise<RecordedHistory> {
  const { apiKey } = await platform.createTenant();
  const { id } = (await submitVetting(platform, apiKey, applicantFor('td3-mismatch-01.jpg'))).json();
  const waiting = await waitForVetting(platform, apiKey, id, (vetting) => vetting.status === 'awaiting_review');
  const caseId: string = waiting.verdict.review.caseId;
  await expect.poll(async () => (await platform.database.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).slaBreaches, { timeout: 20_000 }).toBeGreaterThan(0);
  const decided = await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${caseId}/decision`, headers: await moderatorSession(platform), payload: { decision: 'approve', note: 'recorded for replay' } });
  expect(decided.statusCode, decided.body).toBe(200);
  const handle = platform.temporal.workflow.getHandle(`seller-vetting-${id}`);
  await handle.result();
  return { workflowId: handle.workflowId, history: await handle.fetchHistory() };
}

/** The first run of a probation that continued as new: batches of events, a payout held by its timer, then the hand-over. */
async function continuedProbationHistory(): Promise<RecordedHistory> {
  const { apiKey, tenantId } = await platform.createTenant();
  const policyVersion = await probationPolicyVersion(platform, { shipWindowSeconds: 2, probationSeconds: 600 });
  const seller = await sellerOnProbation(platform, tenantId, { policyVersion, historyLimit: 40 });
  const handle = platform.temporal.workflow.getHandle(seller.workflowId);
  const firstRun = (await handle.describe()).runId;
  await postEvents(platform, apiKey, seller.sellerId, placed('late-order'));
  await expect.poll(async () => (await platform.database.prisma.sellerProbationChange.count({ where: { probationId: seller.probationId } })), { timeout: 20_000 }).toBe(1);
  for (let batch = 0; batch < 10; batch++) await postEvents(platform, apiKey, seller.sellerId, { events: [placed(`order-${batch}`), shipped(`order-${batch}`, 100)] });
  await waitForProbation(platform, apiKey, seller.sellerId, (probation) => (probation as unknown as { orders: { shipped: number } }).orders.shipped === 10);
  await expect.poll(async () => (await handle.describe()).runId, { timeout: 20_000 }).not.toBe(firstRun);
  return { workflowId: seller.workflowId, history: await platform.temporal.workflow.getHandle(seller.workflowId, firstRun).fetchHistory() };
}

/** A listing screening escalated (a disguised brand at half price), then blocked by a moderator's update. */
async function escalatedListingHistory(): Promise<RecordedHistory> {
  const { apiKey } = await platform.createTenant();
  await putBrand(platform, apiKey, 'gucci', gucci);
  const { id } = (await submitListing(platform, apiKey, listing({ title: 'Gu\u0441ci Marmont bag', price: { amount: 400, currency: 'USD' } }))).json();
  const waiting = await waitForScreening(platform, apiKey, id, (screening) => screening.status === 'awaiting_review');
  const decided = await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${waiting.verdict.review.caseId}/decision`, headers: await moderatorSession(platform), payload: { decision: 'block', note: 'recorded for replay' } });
  expect(decided.statusCode, decided.body).toBe(200);
  const handle = platform.temporal.workflow.getHandle(`listing-screening-${id}`);
  await handle.result();
  return { workflowId: handle.workflowId, history: await handle.fetchHistory() };
}

/** A listing batch of three (one escalated, so its review workflow is started by an activity) run to its completion webhook. */
async function listingBatchHistory(): Promise<RecordedHistory> {
  const { apiKey } = await platform.createTenant();
  await putBrand(platform, apiKey, 'gucci', gucci);
  const lines = [listing(), listing({ title: 'Gu\u0441ci Marmont bag', price: { amount: 400, currency: 'USD' } }), listing({ title: 'Canvas weekender bag' })];
  const accepted = await platform.app.inject({
    method: 'POST',
    url: '/v1/listing-screening-batches',
    headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': randomUUID(), 'content-type': 'application/x-ndjson' },
    payload: lines.map((line) => JSON.stringify(line)).join('\n'),
  });
  expect(accepted.statusCode, accepted.body).toBe(202);
  const handle = await platform.startedWorkflow(listingScreeningBatchWorkflowId(accepted.json().id));
  await handle.result();
  const history = await handle.fetchHistory();
  expect(reviewStartsOf(history)).toBe(1);
  return { workflowId: handle.workflowId, history };
}

/** A content backfill whose eleventh post of one creator's day escalates: the batch has a review-only contentScreening started. */
async function contentBackfillHistory(): Promise<RecordedHistory> {
  const { apiKey } = await platform.createTenant();
  const creatorId = `creator-${randomUUID()}`;
  const lines = Array.from({ length: 11 }, (_, index) =>
    JSON.stringify({ postId: `post-${randomUUID()}`, creatorId, postedAt: `2026-11-30T${String(8 + index).padStart(2, '0')}:00:00Z`, caption: `#ad my pick number ${index + 1} this week`, surface: 'image' }),
  );
  const accepted = await platform.app.inject({
    method: 'POST',
    url: '/v1/content-screenings/batches',
    headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': randomUUID(), 'content-type': 'application/x-ndjson' },
    payload: lines.join('\n'),
  });
  expect(accepted.statusCode, accepted.body).toBe(202);
  const handle = await platform.startedWorkflow(batchWorkflowId('content_screening', accepted.json().id));
  await handle.result();
  const history = await handle.fetchHistory();
  expect(reviewStartsOf(history)).toBe(1);
  return { workflowId: handle.workflowId, history };
}

/** A new marketplace with the brand `brush-co` enrolled in the code registry and one unit code of it. */
async function tenantWithBrushCode(serial: string, status: 'issued' | 'revoked') {
  const { apiKey } = await platform.createTenant();
  const headers = { authorization: `Bearer ${apiKey}` };
  const gtin = '09506000134352';
  expect((await platform.app.inject({ method: 'PUT', url: '/v1/brands/brush-co', headers, payload: { name: 'Brush Co', gtins: [gtin], codeRegistry: 'bonafide' } })).statusCode).toBe(200);
  expect((await importCodes(platform, apiKey, 'brush-co', [{ gtin, serial, status }])).json()).toMatchObject({ inserted: 1 });
  return { apiKey, headers, gtin };
}

/**
 * An authenticity check sent with nothing: it waits for the buyer's photos (a timer ended by a
 * signal), asks for the blurred label again, waits again, and is decided with the new photo.
 */
async function reopenedAuthenticityCheckHistory(): Promise<RecordedHistory> {
  const { headers, gtin } = await tenantWithBrushCode('RP000001', 'issued');
  const created = await platform.app.inject({ method: 'POST', url: '/v1/authenticity-checks?wait=20', headers: { ...headers, 'idempotency-key': randomUUID() }, payload: { orderId: 'o-replay', buyerId: 'b-replay', sellerId: 's-replay', brandKey: 'brush-co' } });
  const { id } = created.json();
  const sharp = await label({ code: await barcode('gs1datamatrix', `(01)${gtin}(21)RP000001`, { scale: 4 }) });
  const send = async (photo: Buffer) => {
    const sent = await platform.app.inject({ method: 'POST', url: `/v1/authenticity-checks/${id}/photos`, headers: { ...headers, 'idempotency-key': randomUUID() }, payload: { photos: [{ kind: 'label', imageBase64: photo.toString('base64') }] } });
    expect(sent.statusCode, sent.body).toBe(202);
  };
  await send(await blurred(sharp, 8));
  await expect.poll(async () => (await platform.database.prisma.authenticityCheck.findUniqueOrThrow({ where: { id } })).photosWindowClosesAt !== null, { timeout: 30_000 }).toBe(true);
  await send(sharp);
  const handle = platform.temporal.workflow.getHandle(authenticityCheckWorkflowId(id));
  expect(await handle.result()).toMatchObject({ outcome: 'likely_genuine' });
  return { workflowId: handle.workflowId, history: await handle.fetchHistory() };
}

/**
 * A code-only check of a revoked code: hard evidence, so its workflow records the counterfeit,
 * requests the refund and re-screens the order's listing (a child workflow). Kept from code that
 * asked for each with an activity of its own and requested the refund from a child workflow.
 */
async function counterfeitAuthenticityCheckHistory(): Promise<RecordedHistory> {
  const { apiKey, headers, gtin } = await tenantWithBrushCode('RV000001', 'revoked');
  const screened = listing({ title: 'Bristle hair brush', price: { amount: 9, currency: 'USD' } });
  const { id: screeningId } = (await submitListing(platform, apiKey, screened)).json();
  await waitForScreening(platform, apiKey, screeningId, (screening) => screening.status === 'completed');
  const created = await platform.app.inject({
    method: 'POST',
    url: '/v1/authenticity-checks',
    headers: { ...headers, 'idempotency-key': randomUUID() },
    payload: { orderId: 'o-counterfeit', buyerId: 'b-counterfeit', sellerId: screened.sellerId, listingId: screened.listingId, brandKey: 'brush-co', claimedCode: `(01)${gtin}(21)RV000001` },
  });
  expect(created.statusCode, created.body).toBe(202);
  // started from the outbox after the answer
  const handle = await platform.startedWorkflow(authenticityCheckWorkflowId(created.json().id));
  expect(await handle.result()).toMatchObject({ outcome: 'likely_counterfeit', decidedBy: 'policy' });
  return { workflowId: handle.workflowId, history: await handle.fetchHistory() };
}

/** The escalations a batch history had started: one `startBatchReviews` activity each here, none as child workflows. */
function reviewStartsOf(history: temporal.api.history.v1.IHistory): number {
  const events = history.events ?? [];
  expect(events.some((event) => event.startChildWorkflowExecutionInitiatedEventAttributes)).toBe(false);
  return events.filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'startBatchReviews').length;
}

async function keep(name: string, recorded: RecordedHistory): Promise<void> {
  // `npm run histories:record`: keep this history so later code is checked against it
  if (process.env.RECORD_WORKFLOW_HISTORIES !== '1') return;
  const file = path.join(historiesDir, `${name}-${new Date().toISOString().slice(0, 10)}.json`);
  // never over a committed history recorded the same day: it holds what older code did
  await writeFile(file, `${JSON.stringify(JSON.parse(historyToJSON(recorded.history)), null, 1)}\n`, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
}

async function replay(histories: { workflowId: string; history: temporal.api.history.v1.IHistory }[], pathToWorkflows: string) {
  const results = [];
  for await (const result of Worker.runReplayHistories({ workflowsPath: pathToWorkflows, replayName: 'replay-test' }, histories)) {
    results.push(result);
  }
  return results;
}

describe('workflow replay', () => {
  it('replays freshly recorded histories against the current code', { timeout: 180_000 }, async () => {
    const recorded = {
      systemProbe: await completedProbeHistory(),
      'sellerVetting-approved': await approvedVettingHistory(),
      'sellerVetting-escalated': await escalatedVettingHistory(),
      'sellerProbation-continued': await continuedProbationHistory(),
      'listingScreening-escalated': await escalatedListingHistory(),
      'batch-listing-escalated': await listingBatchHistory(),
      'batch-content-escalated': await contentBackfillHistory(),
      'authenticityCheck-reopened': await reopenedAuthenticityCheckHistory(),
      'authenticityCheck-counterfeit': await counterfeitAuthenticityCheckHistory(),
    };
    const results = await replay(Object.values(recorded), workflowsPath);
    expect(results.map((result) => result.error)).toEqual(Object.keys(recorded).map(() => undefined));
    const continued = recorded['sellerProbation-continued'].history.events ?? [];
    // the probation history holds a fired ship-deadline timer, batched signals and the continue-as-new
    expect(continued.some((event) => event.timerFiredEventAttributes)).toBe(true);
    // how many event batches land in the first run before it hands over depends on timing: at least one
    expect(continued.filter((event) => event.workflowExecutionSignaledEventAttributes).length).toBeGreaterThanOrEqual(1);
    expect(continued.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
    const escalated = recorded['sellerVetting-escalated'].history.events ?? [];
    // the escalated history holds what makes it worth keeping: a fired SLA timer and an accepted update
    expect(escalated.some((event) => event.timerFiredEventAttributes)).toBe(true);
    expect(escalated.some((event) => event.workflowExecutionUpdateAcceptedEventAttributes)).toBe(true);
    const reopened = recorded['authenticityCheck-reopened'].history.events ?? [];
    // the reopened check's history holds the buyer's photos signalled twice, each ending a wait
    expect(reopened.filter((event) => event.workflowExecutionSignaledEventAttributes?.signalName === 'buyerPhotos').length).toBe(2);
    const counterfeit = recorded['authenticityCheck-counterfeit'].history.events ?? [];
    // the counterfeit's history starts the listing's re-screening as a child; the refund request is recorded with the counterfeit, for the webhook dispatcher
    expect(counterfeit.map((event) => event.startChildWorkflowExecutionInitiatedEventAttributes?.workflowType?.name).filter(Boolean)).toEqual(['listingScreening']);
    // and what it asks of activities: the screening weighs the verdict, the record gives the refund and the re-screening
    expect(counterfeit.map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name).filter(Boolean)).toEqual([
      'screenAuthenticityCheck',
      'recordConfirmedCounterfeit',
      'completeAuthenticityCheck',
      'createWebhookEvent',
    ]);
    for (const [name, history] of Object.entries(recorded)) await keep(name, history);
  });

  it('replays every committed history against the current code', async () => {
    const files = (await readdir(historiesDir)).filter((name) => name.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    const histories = await Promise.all(
      files.map(async (name) => ({ workflowId: path.basename(name, '.json'), history: historyFromJSON(JSON.parse(await readFile(path.join(historiesDir, name), 'utf8'))) })),
    );
    const results = await replay(histories, workflowsPath);
    expect(results.map((result) => [result.workflowId, result.error?.message])).toEqual(files.map((name) => [path.basename(name, '.json'), undefined]));
  });

  it('negative control: the same histories fail against deliberately altered workflows', async () => {
    const results = await replay([await completedProbeHistory(), await approvedVettingHistory()], alteredWorkflowsPath);
    expect(results.map((result) => result.error?.name)).toEqual(['DeterminismViolationError', 'DeterminismViolationError']);
  });
});
