/**
 * outboundFetch against a real HTTP server on 127.0.0.1, without nock: proves that production's
 * path (Node's fetch with the pinned undici Agent) connects to the checked address and that the
 * deadline and size limit hold on real sockets.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OutboundBlockedAddressError, OutboundResponseTooLargeError, OutboundTimeoutError } from './errors.ts';
import { outboundFetch, type HostnameResolver } from './outboundFetch.ts';

const hits: string[] = [];
/** the client side of each request's connection, as `address:port` */
const peers: string[] = [];
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  hits.push(`${request.headers.host} ${request.url}`);
  peers.push(`${request.socket.localAddress} ${request.socket.remotePort}`);
  if (request.url === '/redirect') {
    response.writeHead(302, { location: '/internal-only' }).end();
  } else if (request.url === '/stall') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.write('partial'); // and never end: the deadline must cover the body too
  } else if (request.url === '/endless') {
    response.writeHead(200); // chunked, no content-length: only the streaming limit can stop it
    const timer = setInterval(() => response.write('z'.repeat(16_384)), 1);
    response.on('close', () => clearInterval(timer));
  } else {
    response.end('hello');
  }
});
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  hits.length = 0;
  peers.length = 0;
});

/** `.test` names never resolve in real DNS, so reaching the server proves the pin was used. */
function countingResolver(address: string): HostnameResolver & { calls: number } {
  const resolver = Object.assign(
    async () => {
      resolver.calls += 1;
      return [{ address, family: 4 as const }];
    },
    { calls: 0 },
  );
  return resolver;
}

describe('outboundFetch on real sockets', () => {
  it('connects to the address it checked, resolving the name only once', async () => {
    const resolver = countingResolver('127.0.0.1');
    const response = await outboundFetch(`http://fixtures.bonafide.test:${port}/hello`, {
      timeoutMs: 2000,
      allowPrivateNetwork: true,
      resolveHostname: resolver,
    });
    expect(response.text()).toBe('hello');
    expect(hits).toEqual([`fixtures.bonafide.test:${port} /hello`]);
    expect(resolver.calls).toBe(1);
  });

  it('keeps the connection to a checked address for the next request, and follows the name when it resolves elsewhere', async () => {
    // a second server on another loopback address, same port: where the name moves to
    const moved = createServer((request, response) => {
      peers.push(`${request.socket.localAddress} ${request.socket.remotePort}`);
      response.end('moved');
    });
    await new Promise<void>((resolve) => moved.listen(port, '127.0.0.2', resolve));
    try {
      let address = '127.0.0.1';
      const resolveHostname: HostnameResolver = async () => [{ address, family: 4 }];
      const fetchOnce = async () => (await outboundFetch(`http://kept.bonafide.test:${port}/hello`, { timeoutMs: 2000, allowPrivateNetwork: true, resolveHostname })).text();
      const answers: string[] = [];
      for (let request = 0; request < 6; request++) answers.push(await fetchOnce());
      expect(answers).toEqual(Array(6).fill('hello'));
      // connections are reused (a request sent as the one before it releases its connection may open a second)
      expect(new Set(peers).size).toBeLessThanOrEqual(2);
      address = '127.0.0.2';
      expect(await fetchOnce()).toBe('moved');
      expect(peers.at(-1)).toMatch(/^127\.0\.0\.2 /);
    } finally {
      moved.closeAllConnections();
      await new Promise((resolve) => moved.close(resolve));
    }
  });

  it('sends nothing to a name that resolves to loopback unless private networks are allowed', async () => {
    await expect(
      outboundFetch(`http://fixtures.bonafide.test:${port}/hello`, {
        timeoutMs: 2000,
        resolveHostname: countingResolver('127.0.0.1'),
      }),
    ).rejects.toBeInstanceOf(OutboundBlockedAddressError);
    expect(hits).toEqual([]);
  });

  it('refuses localhost through the system resolver', async () => {
    await expect(outboundFetch(`http://localhost:${port}/hello`, { timeoutMs: 2000 })).rejects.toMatchObject({
      reason: 'private_address',
    });
    expect(hits).toEqual([]);
  });

  it('does not follow a real redirect', async () => {
    const response = await outboundFetch(`http://127.0.0.1:${port}/redirect`, { timeoutMs: 2000, allowPrivateNetwork: true });
    expect(response.status).toBe(302);
    expect(hits).toEqual([`127.0.0.1:${port} /redirect`]);
  });

  it('times out when the body stalls after the headers', async () => {
    await expect(
      outboundFetch(`http://127.0.0.1:${port}/stall`, { timeoutMs: 200, allowPrivateNetwork: true }),
    ).rejects.toBeInstanceOf(OutboundTimeoutError);
  });

  it('stops reading an endless chunked body at the limit', async () => {
    await expect(
      outboundFetch(`http://127.0.0.1:${port}/endless`, {
        timeoutMs: 5000,
        maxResponseBytes: 100_000,
        allowPrivateNetwork: true,
      }),
    ).rejects.toBeInstanceOf(OutboundResponseTooLargeError);
  });

  it('reports a refused connection as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    await expect(
      outboundFetch(`http://fixtures.bonafide.test:${closedPort}/`, {
        timeoutMs: 2000,
        allowPrivateNetwork: true,
        resolveHostname: countingResolver('127.0.0.1'),
      }),
    ).rejects.toMatchObject({ name: 'OutboundNetworkError', causeCode: 'ECONNREFUSED' });
  });
});
