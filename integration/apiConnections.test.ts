/**
 * What only a real socket shows: a refused oversized body closes the connection (the client may
 * still be sending it), and answers the HTTP parser gives before any route runs (431, 400) are
 * problem+json too.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { firstResponse, rawExchange } from './support/rawHttp.ts';

let platform: TestPlatform;
let port: number;
let apiKey: string;
beforeAll(async () => {
  platform = await startTestPlatform({ worker: false });
  apiKey = (await platform.createTenant()).apiKey;
  await platform.app.listen({ host: '127.0.0.1', port: 0 });
  port = (platform.app.server.address() as AddressInfo).port;
});
afterAll(async () => platform?.close());

const requestHead = (path: string, headers: Record<string, string>) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;

describe('over a real socket', () => {
  it('a body over the limit on an idempotent route gets a 413 and the connection is closed, not left hanging', async () => {
    const limit = platform.config.API_BODY_LIMIT_BYTES;
    const body = Buffer.alloc(limit + 64 * 1024, 'a');
    const headers = { authorization: `Bearer ${apiKey}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json', 'content-length': String(body.length) };
    const followUp = `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
    const exchange = await rawExchange(port, [requestHead('/v1/webhook-endpoints', headers), body, followUp], 5_000);
    const response = firstResponse(exchange.received);
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers.connection).toBe('close');
    expect(exchange.closed).toBe(true);
  });

  it('the same without a Content-Length (chunked) is refused and closed the same way', async () => {
    const limit = platform.config.API_BODY_LIMIT_BYTES;
    const chunk = Buffer.alloc(256 * 1024, 'a');
    const chunks: (string | Buffer)[] = [requestHead('/v1/webhook-endpoints', { authorization: `Bearer ${apiKey}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json', 'transfer-encoding': 'chunked' })];
    for (let sent = 0; sent <= limit; sent += chunk.length) chunks.push(`${chunk.length.toString(16)}\r\n`, chunk, '\r\n');
    const exchange = await rawExchange(port, chunks, 5_000);
    expect(firstResponse(exchange.received).status).toBe(413);
    expect(exchange.closed).toBe(true);
  });

  it('headers over the limit are a 431 problem+json', async () => {
    const exchange = await rawExchange(port, [`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'p'.repeat(20_000)}\r\n\r\n`]);
    const response = firstResponse(exchange.received);
    expect(response.status).toBe(431);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({ status: 431, code: 'headers-too-large' });
  });

  it('bytes that are not HTTP are a 400 problem+json', async () => {
    const response = firstResponse((await rawExchange(port, ['HELLO THERE\r\n\r\n'])).received);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'malformed-request' });
  });

  it('a path segment longer than any identifier is a 414 problem+json', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/v1/seller-vettings/${'a'.repeat(1000)}`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(response.status).toBe(414);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ code: 'uri-too-long' });
  });
});
