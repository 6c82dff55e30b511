/**
 * Content screening's workflow stays replayable: a labelled screening and an escalated one settled
 * by a moderator, recorded now and replayed against the current code. With
 * RECORD_WORKFLOW_HISTORIES=1 they are kept in fixtures/workflow-histories/, which
 * integration/replay.test.ts replays on every run.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowsPath } from '../workers/createWorker.ts';
import { consoleUser } from './support/console.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';

const historiesDir = fileURLToPath(new URL('../fixtures/workflow-histories', import.meta.url));

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

async function screen(apiKey: string, post: Record<string, unknown>) {
  const response = await platform.app.inject({ method: 'POST', url: '/v1/content-screenings?wait=15', headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': randomUUID() }, payload: post });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { id: string; status: string; verdict: { review: { caseId: string } | null } };
}

describe('content screening replay', () => {
  it('replays a labelled and an escalated screening against the current code', { timeout: 120_000 }, async () => {
    const { tenantId, apiKey } = await platform.createTenant();
    const labelled = await screen(apiKey, { postId: `p-${uniqueSuffix()}`, creatorId: 'replay-a', postedAt: '2026-11-30T08:00:00Z', caption: 'No disclosure here, just a great serum', surface: 'image', affiliateLink: true });
    let escalated = labelled;
    for (let index = 0; index < 11; index += 1) {
      escalated = await screen(apiKey, { postId: `p-${uniqueSuffix()}`, creatorId: 'replay-b', postedAt: `2026-11-30T${String(8 + index).padStart(2, '0')}:00:00Z`, caption: `#ad product ${index}`, surface: 'image' });
    }
    expect(escalated.status).toBe('awaiting_review');
    const moderator = await consoleUser(platform, 'moderator', { marketplaces: [tenantId] });
    const decided = await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${escalated.verdict.review!.caseId}/decision`, headers: moderator.headers, payload: { decision: 'label', note: 'recorded for replay' } });
    expect(decided.statusCode, decided.body).toBe(200);

    const recorded: Record<string, { workflowId: string; history: Awaited<ReturnType<ReturnType<typeof platform.temporal.workflow.getHandle>['fetchHistory']>> }> = {};
    for (const [name, id] of [['contentScreening-labelled', labelled.id], ['contentScreening-escalated', escalated.id]] as const) {
      const handle = platform.temporal.workflow.getHandle(`content-screening-${id}`);
      await handle.result();
      recorded[name] = { workflowId: handle.workflowId, history: await handle.fetchHistory() };
    }
    const escalatedEvents = recorded['contentScreening-escalated']!.history.events ?? [];
    expect(escalatedEvents.some((event) => event.workflowExecutionUpdateAcceptedEventAttributes)).toBe(true);

    const results = [];
    for await (const result of Worker.runReplayHistories({ workflowsPath, replayName: 'content-replay' }, Object.values(recorded))) results.push(result);
    expect(results.map((result) => result.error)).toEqual([undefined, undefined]);

    if (process.env.RECORD_WORKFLOW_HISTORIES === '1') {
      for (const [name, { history }] of Object.entries(recorded)) {
        await writeFile(path.join(historiesDir, `${name}-${new Date().toISOString().slice(0, 10)}.json`), `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 1)}\n`);
      }
    }
  });
});
