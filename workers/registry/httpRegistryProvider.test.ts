import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HostnameResolver } from '../http/outboundFetch.ts';
import { nock, replyAfter } from '../http/testing/nock.ts';
import { HttpRegistryProvider, type HttpRegistryProviderOptions } from './httpRegistryProvider.ts';
import { InvalidRegistryQueryError, RegistryUnavailableError, type RegistryQuery } from './provider.ts';

const provider = 'https://kyb.example.test';
const apiKey = 'kyb_test_5f2a9c';
const publicHost: HostnameResolver = async () => [{ address: '93.184.215.14', family: 4 }];
const query: RegistryQuery = { country: 'gb', registrationNumber: '09876543', businessName: 'Harbourlight Candles' };
const record = {
  legalName: 'Harbourlight Candles Ltd',
  registrationNumber: '09876543',
  country: 'GB',
  companyStatus: 'active',
  incorporatedOn: '2016-04-12',
};

function registry(overrides: Partial<HttpRegistryProviderOptions> = {}) {
  return new HttpRegistryProvider({ baseUrl: `${provider}/`, apiKey, timeoutMs: 1000, resolveHostname: publicHost, ...overrides });
}

/** The rejection of `promise`, asserted to be a RegistryUnavailableError. */
async function unavailable(promise: Promise<unknown>): Promise<RegistryUnavailableError> {
  const failure = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(RegistryUnavailableError);
  expect((failure as Error).message).not.toContain(apiKey);
  return failure as RegistryUnavailableError;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('HttpRegistryProvider', () => {
  it('finds a company with the bearer key, upper-casing the country', async () => {
    const scope = nock(provider)
      .get('/v1/companies/GB/09876543')
      .matchHeader('authorization', `Bearer ${apiKey}`)
      .reply(200, { ...record, sicCodes: ['32990'] });

    const lookup = await registry().lookup(query);

    expect(scope.isDone()).toBe(true);
    // fields we do not use are dropped, not passed on
    expect(lookup).toEqual({ status: 'found', record });
  });

  it('escapes the registration number into one path segment', async () => {
    const scope = nock(provider).get('/v1/companies/DE/HRB%20123%2F45').reply(404);
    await registry().lookup({ ...query, country: 'DE', registrationNumber: 'HRB 123/45' });
    expect(scope.isDone()).toBe(true);
  });

  it('answers not_found on 404', async () => {
    nock(provider).get('/v1/companies/GB/09876543').reply(404, { error: 'no such company' });
    expect(await registry().lookup(query)).toEqual({ status: 'not_found' });
  });

  it('is unavailable (retryable) on 500', async () => {
    nock(provider).get('/v1/companies/GB/09876543').reply(500, 'internal error');
    const failure = await unavailable(registry().lookup(query));
    expect(failure).toMatchObject({ reason: 'http_5xx', httpStatus: 500, retryable: true });
    expect(failure.retryAfterMs).toBeUndefined();
  });

  it('passes on Retry-After from a 503', async () => {
    nock(provider).get('/v1/companies/GB/09876543').reply(503, '', { 'retry-after': '120' });
    expect(await unavailable(registry().lookup(query))).toMatchObject({ reason: 'http_5xx', httpStatus: 503, retryAfterMs: 120_000 });
  });

  it('is unavailable on 401 without retrying, and on 429 with retrying', async () => {
    nock(provider).get('/v1/companies/GB/09876543').reply(401).get('/v1/companies/GB/09876543').reply(429);
    expect(await unavailable(registry().lookup(query))).toMatchObject({ reason: 'http_4xx', httpStatus: 401, retryable: false });
    expect(await unavailable(registry().lookup(query))).toMatchObject({ reason: 'http_4xx', httpStatus: 429, retryable: true });
  });

  it('times out when the provider is slow', async () => {
    nock(provider).get('/v1/companies/GB/09876543').reply(replyAfter(1500, 200, record));
    const started = Date.now();
    expect(await unavailable(registry({ timeoutMs: 100 }).lookup(query))).toMatchObject({ reason: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('is unavailable on a body that is not JSON', async () => {
    nock(provider).get('/v1/companies/GB/09876543').reply(200, '<html>maintenance</html>');
    expect(await unavailable(registry().lookup(query))).toMatchObject({ reason: 'malformed_response', retryable: false });
  });

  it.each([
    ['a missing legal name', { ...record, legalName: undefined }],
    ['an unknown status', { ...record, companyStatus: 'liquidation' }],
    ['a lower-case country', { ...record, country: 'gb' }],
    ['an impossible date', { ...record, incorporatedOn: '2016-02-30' }],
    ['a number as registration number', { ...record, registrationNumber: 9876543 }],
    ['an array', [record]],
    ['another company', { ...record, registrationNumber: '09876544' }],
  ])('is unavailable on JSON of the wrong shape: %s', async (_label, body) => {
    nock(provider).get('/v1/companies/GB/09876543').reply(200, JSON.stringify(body));
    expect(await unavailable(registry().lookup(query))).toMatchObject({ reason: 'malformed_response' });
  });

  it('does not follow a redirect to the metadata service', async () => {
    nock(provider).get('/v1/companies/GB/09876543').reply(302, '', { location: 'http://169.254.169.254/latest/meta-data/iam/' });
    const metadata = nock('http://169.254.169.254').get(/.*/).reply(200, record);

    expect(await unavailable(registry().lookup(query))).toMatchObject({ reason: 'redirect', httpStatus: 302, retryable: false });
    expect(metadata.isDone()).toBe(false);
  });

  it('refuses a provider hostname that resolves to 127.0.0.1', async () => {
    const scope = nock(provider).get('/v1/companies/GB/09876543').reply(200, record);
    const loopback: HostnameResolver = async () => [{ address: '127.0.0.1', family: 4 }];

    const failure = await unavailable(registry({ resolveHostname: loopback }).lookup(query));

    expect(failure).toMatchObject({ reason: 'blocked_address', retryable: false });
    expect(scope.isDone()).toBe(false);
  });

  it('reaches a fixture server on 127.0.0.1 when private networks are allowed', async () => {
    nock('http://127.0.0.1:4010').get('/kyb/v1/companies/GB/09876543').reply(200, record);
    const local = new HttpRegistryProvider({ baseUrl: 'http://127.0.0.1:4010/kyb', apiKey, timeoutMs: 1000, allowPrivateNetwork: true });
    expect(await local.lookup(query)).toMatchObject({ status: 'found' });
  });

  it('is unavailable when the provider cannot be reached', async () => {
    const offline = registry({ baseUrl: 'https://offline.kyb.example.test' });
    expect(await unavailable(offline.lookup(query))).toMatchObject({ reason: 'network', retryable: true });
  });

  it('is unavailable on an oversized answer', async () => {
    nock(provider).get('/v1/companies/GB/09876543').reply(200, JSON.stringify({ ...record, padding: 'x'.repeat(100_000) }));
    expect(await unavailable(registry().lookup(query))).toMatchObject({ reason: 'malformed_response' });
  });

  it('refuses queries that cannot be a registry lookup, before calling anyone', async () => {
    await expect(registry().lookup({ ...query, country: 'GBR' })).rejects.toBeInstanceOf(InvalidRegistryQueryError);
    await expect(registry().lookup({ ...query, registrationNumber: '..' })).rejects.toBeInstanceOf(InvalidRegistryQueryError);
    await expect(registry().lookup({ ...query, registrationNumber: '' })).rejects.toBeInstanceOf(InvalidRegistryQueryError);
  });
});
