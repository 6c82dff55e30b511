/**
 * `?wait=N` over a real socket, with no worker (so no verdict ever comes): the wait must end in a
 * 202 carrying the screening's id, never in a connection closed mid-wait by the socket's idle
 * timeout, and a wait longer than the request timeout allows is cut short of it.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitBudgetMs } from '../api/verdictWait.ts';
import { bearer, listing } from './support/listings.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

// An idle timeout far shorter than the waits asked for below, as under load a verdict takes
// longer than the default 10 s idle timeout.
const IDLE_MS = 1_500;
const REQUEST_TIMEOUT_MS = 7_000;

let platform: TestPlatform;
let base: string;
let apiKey: string;
beforeAll(async () => {
  platform = await startTestPlatform({ worker: false, config: { API_CONNECTION_TIMEOUT_MS: String(IDLE_MS), API_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) } });
  apiKey = (await platform.createTenant()).apiKey;
  await platform.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(platform.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => platform?.close());

async function submit(path: string, body: unknown) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { ...bearer(apiKey), 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { id: string; status: string; url: string } };
}

describe('?wait outlasting the socket idle timeout', () => {
  it('a listing screening waited on past the idle timeout answers 202 with its id', async () => {
    const started = Date.now();
    const answer = await submit('/v1/listing-screenings?wait=3', listing());
    expect(answer.status).toBe(202);
    expect(answer.body.id).toMatch(/^[0-9a-f-]{36}$/);
    // the wait was honoured, not cut at the idle timeout
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    const read = await platform.app.inject({ method: 'GET', url: `/v1/listing-screenings/${answer.body.id}`, headers: bearer(apiKey) });
    expect(read.statusCode).toBe(200);
  });

  it('a content screening waited on past the idle timeout answers 202 with its id', async () => {
    const answer = await submit('/v1/content-screenings?wait=3', { postId: `post-${randomUUID()}`, creatorId: 'creator-wait', postedAt: '2026-11-30T10:00:00Z', caption: '#ad my pick', surface: 'image' });
    expect(answer.status).toBe(202);
    expect(answer.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a wait longer than the request timeout allows ends before it, with a 202', async () => {
    expect(waitBudgetMs(30, platform.config)).toBeLessThan(REQUEST_TIMEOUT_MS);
    const answer = await submit('/v1/listing-screenings?wait=30', listing());
    expect(answer.status).toBe(202);
    expect(answer.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
