import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey } from '../api/auth/apiKeys.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

async function waitForCompletion(apiKey: string, id: string) {
  const read = async () => {
    const response = await platform.app.inject({ method: 'GET', url: `/v1/system-probes/${id}`, headers: { authorization: `Bearer ${apiKey}` } });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  await expect.poll(async () => (await read()).status, { timeout: 10_000, interval: 100, message: `probe ${id}` }).not.toBe('running');
  return await read();
}

describe('system probe: API → Temporal → worker → PostgreSQL → API', () => {
  it('completes through the worker and reads back from the database', async () => {
    const { apiKey } = await platform.createTenant();
    const created = await platform.app.inject({ method: 'POST', url: '/v1/system-probes', headers: { authorization: `Bearer ${apiKey}` } });
    expect(created.statusCode, created.body).toBe(202);
    const probe = created.json();
    expect(probe.status).toBe('running');
    expect(created.headers.location).toBe(`/v1/system-probes/${probe.id}`);

    const done = await waitForCompletion(apiKey, probe.id);
    expect(done.status).toBe('completed');
    expect(done.workerIdentity).toMatch(/^test-worker-/);
    expect(Date.parse(done.completedAt)).toBeGreaterThanOrEqual(Date.parse(done.requestedAt));

    // the row is written by the activity; the workflow completes on its next task
    const handle = platform.temporal.workflow.getHandle(probe.workflowId);
    await handle.result();
    const description = await handle.describe();
    expect(description.status.name).toBe('COMPLETED');
    expect(description.taskQueue).toBe(platform.config.TEMPORAL_TASK_QUEUE);
    const row = await platform.database.prisma.systemProbe.findUniqueOrThrow({ where: { id: probe.id } });
    expect(row.workerIdentity).toBe(done.workerIdentity);
  });

  it("answers 404 for another tenant's probe, exactly as for a missing one", async () => {
    const owner = await platform.createTenant();
    const stranger = await platform.createTenant();
    const created = await platform.app.inject({ method: 'POST', url: '/v1/system-probes', headers: { authorization: `Bearer ${owner.apiKey}` } });
    const { id } = created.json();
    const foreign = await platform.app.inject({ method: 'GET', url: `/v1/system-probes/${id}`, headers: { authorization: `Bearer ${stranger.apiKey}` } });
    const missing = await platform.app.inject({
      method: 'GET',
      url: `/v1/system-probes/${crypto.randomUUID()}`,
      headers: { authorization: `Bearer ${stranger.apiKey}` },
    });
    expect(foreign.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(foreign.json().code).toBe(missing.json().code);
  });

  it('refuses requests without a key, with an unknown key and with a revoked key (401 problem+json)', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const attempts = [undefined, 'Bearer bf_not-a-real-key', 'Basic abc', `Bearer ${apiKey}x`];
    for (const authorization of attempts) {
      const response = await platform.app.inject({ method: 'POST', url: '/v1/system-probes', headers: authorization ? { authorization } : {} });
      expect(response.statusCode, String(authorization)).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().code).toBe('unauthorized');
    }
    const key = await platform.database.prisma.apiKey.findFirstOrThrow({ where: { tenantId } });
    await revokeApiKey(platform.database.prisma, key.id);
    const revoked = await platform.app.inject({ method: 'POST', url: '/v1/system-probes', headers: { authorization: `Bearer ${apiKey}` } });
    expect(revoked.statusCode).toBe(401);
  });

  it('accepts either of two active keys during rotation', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const { issueApiKey } = await import('../api/auth/apiKeys.ts');
    const second = await issueApiKey(platform.database.prisma, tenantId, 'rotation');
    for (const key of [apiKey, second.key]) {
      const response = await platform.app.inject({ method: 'POST', url: '/v1/system-probes', headers: { authorization: `Bearer ${key}` } });
      expect(response.statusCode).toBe(202);
    }
  });
});
