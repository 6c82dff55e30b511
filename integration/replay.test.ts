/**
 * Workflow code must stay replayable: histories recorded from completed runs replay against the
 * current workflow code without non-determinism errors. fixtures/workflow-histories holds
 * histories recorded from earlier versions (`npm run histories:record` adds new ones), so a
 * change that would break workflows already running in production fails here.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { temporal } from '@temporalio/proto';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowsPath } from '../workers/createWorker.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

const historiesDir = fileURLToPath(new URL('../fixtures/workflow-histories', import.meta.url));
const alteredWorkflowsPath = fileURLToPath(new URL('./support/alteredWorkflows.ts', import.meta.url));

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
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

async function replay(histories: { workflowId: string; history: temporal.api.history.v1.IHistory }[], pathToWorkflows: string) {
  const results = [];
  for await (const result of Worker.runReplayHistories({ workflowsPath: pathToWorkflows, replayName: 'replay-test' }, histories)) {
    results.push(result);
  }
  return results;
}

describe('workflow replay', () => {
  it('replays a freshly recorded history against the current code', async () => {
    const recorded = await completedProbeHistory();
    const results = await replay([recorded], workflowsPath);
    expect(results).toHaveLength(1);
    expect(results[0]?.error).toBeUndefined();
    if (process.env.RECORD_WORKFLOW_HISTORIES === '1') {
      // `npm run histories:record`: keep this history so later code is checked against it
      const file = path.join(historiesDir, `systemProbe-${new Date().toISOString().slice(0, 10)}.json`);
      await writeFile(file, `${JSON.stringify(JSON.parse(historyToJSON(recorded.history)), null, 1)}\n`);
    }
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

  it('negative control: the same history fails against a deliberately altered workflow', async () => {
    const results = await replay([await completedProbeHistory()], alteredWorkflowsPath);
    expect(results).toHaveLength(1);
    expect(results[0]?.error?.name).toBe('DeterminismViolationError');
  });
});
