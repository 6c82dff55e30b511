import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  OutboundBlockedAddressError,
  OutboundNetworkError,
  OutboundResponseTooLargeError,
  OutboundTimeoutError,
} from './errors.ts';
import { outboundFetch, type HostnameResolver } from './outboundFetch.ts';
import { nock, replyAfter } from './testing/nock.ts';

// No DNS in tests: hostnames resolve through this table (a public documentation-free address).
const publicHost: HostnameResolver = async () => [{ address: '93.184.215.14', family: 4 }];
const resolvesTo =
  (...addresses: string[]): HostnameResolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('outboundFetch through nock', () => {
  it('is intercepted by nock and returns status, headers and body', async () => {
    const scope = nock('https://kyb.example.test')
      .get('/v1/ping')
      .matchHeader('authorization', 'Bearer k')
      .reply(200, { ok: true }, { 'x-request-id': 'r1' });

    const response = await outboundFetch('https://kyb.example.test/v1/ping', {
      headers: { authorization: 'Bearer k' },
      timeoutMs: 2000,
      resolveHostname: publicHost,
    });

    expect(scope.isDone()).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('r1');
    expect(JSON.parse(response.text())).toEqual({ ok: true });
    expect(response.bodyTruncated).toBe(false);
  });

  it('sends the method and body it was given', async () => {
    const scope = nock('https://hooks.example.test').post('/in', '{"a":1}').reply(204);
    const response = await outboundFetch('https://hooks.example.test/in', {
      method: 'POST',
      body: '{"a":1}',
      timeoutMs: 2000,
      resolveHostname: publicHost,
    });
    expect(scope.isDone()).toBe(true);
    expect(response.status).toBe(204);
    expect(response.body.byteLength).toBe(0);
  });

  it('returns a redirect as-is and never requests its target', async () => {
    nock('https://kyb.example.test').get('/moved').reply(302, '', { location: 'http://169.254.169.254/latest/meta-data/' });
    const metadata = nock('http://169.254.169.254').get(/.*/).reply(200, 'secret-role-credentials');

    const response = await outboundFetch('https://kyb.example.test/moved', { timeoutMs: 2000, resolveHostname: publicHost });

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('http://169.254.169.254/latest/meta-data/');
    expect(metadata.isDone()).toBe(false);
  });

  it('gives up at the total deadline when the response is slow', async () => {
    nock('https://kyb.example.test').get('/slow').reply(replyAfter(1500, 200, 'late'));
    const started = Date.now();
    await expect(
      outboundFetch('https://kyb.example.test/slow', { timeoutMs: 100, resolveHostname: publicHost }),
    ).rejects.toBeInstanceOf(OutboundTimeoutError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('counts DNS resolution inside the deadline', async () => {
    const hangingDns: HostnameResolver = () => new Promise(() => undefined);
    await expect(
      outboundFetch('https://kyb.example.test/', { timeoutMs: 50, resolveHostname: hangingDns }),
    ).rejects.toBeInstanceOf(OutboundTimeoutError);
  });

  it('refuses a body larger than the limit, keeping the status for the caller', async () => {
    nock('https://kyb.example.test').get('/big').reply(200, 'x'.repeat(5000));
    const failure = await outboundFetch('https://kyb.example.test/big', {
      timeoutMs: 2000,
      maxResponseBytes: 1000,
      resolveHostname: publicHost,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OutboundResponseTooLargeError);
    expect(failure).toMatchObject({ limitBytes: 1000, status: 200 });
  });

  it('truncates instead when asked to', async () => {
    nock('https://kyb.example.test').get('/big').reply(500, 'y'.repeat(5000));
    const response = await outboundFetch('https://kyb.example.test/big', {
      timeoutMs: 2000,
      maxResponseBytes: 10,
      oversizedBody: 'truncate',
      resolveHostname: publicHost,
    });
    expect(response).toMatchObject({ status: 500, bodyTruncated: true });
    expect(response.text()).toBe('y'.repeat(10));
  });

  it('refuses a hostname resolving to 127.0.0.1 before sending anything', async () => {
    const scope = nock('https://registry.example.test').get('/').reply(200);
    const failure = await outboundFetch('https://registry.example.test/', {
      timeoutMs: 2000,
      resolveHostname: resolvesTo('127.0.0.1'),
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OutboundBlockedAddressError);
    expect(failure).toMatchObject({ reason: 'private_address', addresses: ['127.0.0.1'] });
    expect((failure as Error).message).not.toContain('127.0.0.1');
    expect(scope.isDone()).toBe(false);
  });

  it('refuses when any one of several addresses is private', async () => {
    await expect(
      outboundFetch('https://registry.example.test/', {
        timeoutMs: 2000,
        resolveHostname: resolvesTo('93.184.215.14', 'fd00::5'),
      }),
    ).rejects.toMatchObject({ reason: 'private_address', addresses: ['fd00::5'] });
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]:8080/',
    'http://[::ffff:169.254.169.254]/',
    'http://2130706433/', // 127.0.0.1 as one decimal number, normalised by the URL parser
    'http://10.0.0.1/',
  ])('refuses the literal address in %s', async (url) => {
    await expect(outboundFetch(url, { timeoutMs: 2000 })).rejects.toBeInstanceOf(OutboundBlockedAddressError);
  });

  it('refuses other schemes and malformed URLs', async () => {
    await expect(outboundFetch('file:///etc/passwd', { timeoutMs: 2000 })).rejects.toMatchObject({ reason: 'scheme_not_allowed' });
    await expect(outboundFetch('not a url', { timeoutMs: 2000 })).rejects.toMatchObject({ reason: 'invalid_url' });
    await expect(
      outboundFetch('https://user:pass@kyb.example.test/', { timeoutMs: 2000, resolveHostname: publicHost }),
    ).rejects.toMatchObject({ reason: 'invalid_url' });
  });

  it('lets private destinations through when allowPrivateNetwork is set', async () => {
    const scope = nock('http://127.0.0.1:4010').get('/v1/companies/GB/1').reply(404);
    const response = await outboundFetch('http://127.0.0.1:4010/v1/companies/GB/1', {
      timeoutMs: 2000,
      allowPrivateNetwork: true,
    });
    expect(response.status).toBe(404);
    expect(scope.isDone()).toBe(true);
  });

  it('reports connection failures and DNS failures as network errors', async () => {
    // nock refuses unmocked connections with ENETUNREACH. (Its replyWithError hangs on Node 20,
    // see testing/nock.ts; a real refused connection is covered in outboundFetch.socket.test.ts.)
    await expect(
      outboundFetch('https://unmocked.example.test/', { timeoutMs: 2000, resolveHostname: publicHost }),
    ).rejects.toMatchObject({ name: 'OutboundNetworkError', causeCode: 'ENETUNREACH' });

    const noSuchHost: HostnameResolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    await expect(
      outboundFetch('https://nowhere.example.test/', { timeoutMs: 2000, resolveHostname: noSuchHost }),
    ).rejects.toEqual(new OutboundNetworkError('ENOTFOUND'));
  });

  it("rethrows the caller's own abort reason rather than calling it a timeout", async () => {
    nock('https://kyb.example.test').get('/slow').reply(replyAfter(1500, 200));
    const cancelled = new Error('activity cancelled');
    const controller = new AbortController();
    setTimeout(() => controller.abort(cancelled), 30);
    await expect(
      outboundFetch('https://kyb.example.test/slow', {
        timeoutMs: 2000,
        signal: controller.signal,
        resolveHostname: publicHost,
      }),
    ).rejects.toBe(cancelled);
  });
});
