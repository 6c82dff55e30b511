/**
 * The dev server the tests run (started like `npm start` starts its own, scripts/temporalDevServer.ts)
 * keeps its SQLite files private: every workflow history is in them.
 */
import { statSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { startTestPlatform } from './support/platform.ts';
import { sqliteFiles } from '../scripts/privateDatabaseFile.ts';

describe('Temporal dev server storage', () => {
  it.skipIf(inject('temporalDatabaseFile') === '')('is readable by its owner only, side files included', { timeout: 60_000 }, async () => {
    // a workflow run, so the server has written (and SQLite opened its side files)
    const platform = await startTestPlatform();
    try {
      const { apiKey } = await platform.createTenant();
      const created = await platform.app.inject({ method: 'POST', url: '/v1/system-probes', headers: { authorization: `Bearer ${apiKey}` } });
      await platform.temporal.workflow.getHandle(created.json().workflowId).result();
    } finally {
      await platform.close();
    }
    // SQLite creates and deletes its journal around each write, and the server keeps writing
    // (timers, task queues) after the run ends: a side file may vanish between listing and stat.
    const present = sqliteFiles(inject('temporalDatabaseFile'))
      .map((file) => ({ file, stats: statSync(file, { throwIfNoEntry: false }) }))
      .filter((entry) => entry.stats !== undefined);
    expect(present.map((entry) => entry.file)).toContain(inject('temporalDatabaseFile'));
    for (const { file, stats } of present) expect((stats!.mode & 0o777).toString(8), file).toBe('600');
  });
});
