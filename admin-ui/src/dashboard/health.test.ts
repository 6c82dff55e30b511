import { describe, expect, it } from 'vitest';
import type { FetchFn } from '../http/httpClient.ts';
import { healthRows, loadHealth } from './health.ts';

const degraded = {
  status: 'degraded',
  checks: {
    temporal: { status: 'down', error: 'connection refused' },
    postgres: { status: 'up', latencyMs: 3 },
  },
};

describe('healthRows', () => {
  it('lists every check sorted by name with latency and error', () => {
    expect(healthRows(degraded)).toEqual({
      overall: 'degraded',
      rows: [
        { name: 'postgres', status: 'up', latencyMs: 3 },
        { name: 'temporal', status: 'down', error: 'connection refused' },
      ],
    });
  });

  it('reports ok only when the API says ok and every check is up', () => {
    const up = { status: 'up', latencyMs: 1 };
    expect(healthRows({ status: 'ok', checks: { postgres: up, temporal: up } })?.overall).toBe('ok');
    expect(healthRows({ status: 'ok', checks: { postgres: up, temporal: { status: 'down' } } })?.overall).toBe(
      'degraded',
    );
  });

  it('marks malformed checks as unknown and drops unusable fields', () => {
    const body = { status: 'ok', checks: { redis: 'yes', postgres: { status: 'sideways', latencyMs: 'fast' } } };
    expect(healthRows(body)).toEqual({
      overall: 'degraded',
      rows: [
        { name: 'postgres', status: 'unknown' },
        { name: 'redis', status: 'unknown' },
      ],
    });
  });

  it.each([undefined, null, 'ok', { status: 'ok' }, { checks: [] }])('rejects %j', (body) => {
    expect(healthRows(body)).toBeUndefined();
  });
});

describe('loadHealth', () => {
  const serve =
    (response: Response | Error): FetchFn =>
    async () => {
      if (response instanceof Error) throw response;
      return response;
    };

  it('reads the report of a 503 answer', async () => {
    const snapshot = await loadHealth(serve(Response.json(degraded, { status: 503 })), '/healthz');
    expect(snapshot).toMatchObject({ kind: 'report', overall: 'degraded' });
    expect(snapshot.kind === 'report' && snapshot.rows.map((r) => r.status)).toEqual(['up', 'down']);
  });

  it('treats proxy errors and non-report bodies as unreachable', async () => {
    const html = new Response('<h1>Bad gateway</h1>', { status: 502 });
    await expect(loadHealth(serve(html), '/healthz')).resolves.toMatchObject({
      kind: 'unreachable',
      reason: 'HTTP 502',
    });
    await expect(loadHealth(serve(Response.json({ hello: 1 })), '/healthz')).resolves.toMatchObject({
      kind: 'unreachable',
    });
  });

  it('reports network failures but rethrows aborts', async () => {
    await expect(loadHealth(serve(new TypeError('Failed to fetch')), '/healthz')).resolves.toMatchObject({
      kind: 'unreachable',
      reason: 'Failed to fetch',
    });
    const controller = new AbortController();
    controller.abort();
    const abort = new DOMException('aborted', 'AbortError');
    await expect(loadHealth(serve(abort), '/healthz', controller.signal)).rejects.toBe(abort);
  });
});
