/**
 * Inputs that once answered 500, or answered wrongly: each must now be a 4xx problem+json with a
 * stable code, and a refused submission must leave nothing behind.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPORTED_VALIDATION_ERRORS } from '../api/plugins/errors.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { multipartBody, vettingParts } from './support/multipart.ts';
import { applicantFor, documentImage, moderatorSession, submitVetting } from './support/vettings.ts';

let platform: TestPlatform;
let tenant: { apiKey: string; tenantId: string };
beforeAll(async () => {
  platform = await startTestPlatform({ worker: false });
  tenant = await platform.createTenant();
});
afterAll(async () => platform?.close());

type Response = Awaited<ReturnType<TestPlatform['app']['inject']>>;
function expectProblem(response: Response, status: number, code: string) {
  expect(response.statusCode, response.body.slice(0, 500)).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(response.json().code).toBe(code);
  return response.json();
}

const submit = (headers: Record<string, string>, payload?: string | Buffer) =>
  platform.app.inject({
    method: 'POST',
    url: '/v1/seller-vettings',
    headers: { authorization: `Bearer ${tenant.apiKey}`, 'idempotency-key': randomUUID(), ...headers },
    ...(payload === undefined ? {} : { payload }),
  });
const vettingsOf = (tenantId: string) => platform.database.prisma.sellerVetting.count({ where: { tenantId } });

describe('a vetting submission in the wrong shape', () => {
  it('sent as text/plain is a 415', async () => {
    expectProblem(await submit({ 'content-type': 'text/plain' }, JSON.stringify(applicantFor('td3-valid-01.jpg'))), 415, 'unsupported-media-type');
  });

  it('with no body at all is a 400', async () => {
    expectProblem(await submit({}), 400, 'validation-failed');
  });

  const multipart = () => multipartBody(vettingParts(applicantFor('td3-valid-01.jpg')), 'the-boundary');

  it('as multipart without a boundary is a 4xx', async () => {
    const response = await submit({ 'content-type': 'multipart/form-data' }, multipart());
    expectProblem(response, 400, 'malformed-multipart');
  });

  it('as multipart cut short is a 400 malformed-multipart', async () => {
    const body = multipart();
    expectProblem(await submit({ 'content-type': 'multipart/form-data; boundary=the-boundary' }, body.subarray(0, Math.floor(body.length / 2))), 400, 'malformed-multipart');
  });

  it('as multipart with a boundary the body does not use is a 400', async () => {
    expectProblem(await submit({ 'content-type': 'multipart/form-data; boundary=another-boundary' }, multipart()), 400, 'malformed-multipart');
  });

  it('with a date of birth in the future, or an unknown country, is a 400 naming the field', async () => {
    const future = expectProblem(await submitVetting(platform, tenant.apiKey, applicantFor('td3-valid-01.jpg', { dateOfBirth: '2999-01-01' })), 400, 'validation-failed');
    expect(future.errors).toEqual([{ field: 'body/dateOfBirth', message: 'must be in the past' }]);
    const country = expectProblem(await submitVetting(platform, tenant.apiKey, applicantFor('td3-valid-01.jpg', { country: 'XX' })), 400, 'validation-failed');
    expect(country.errors).toEqual([expect.objectContaining({ field: 'body/country' })]);
    const address = applicantFor('td3-valid-01.jpg');
    address.address.country = 'UK'; // the United Kingdom is GB in ISO 3166-1
    expect(expectProblem(await submitVetting(platform, tenant.apiKey, address), 400, 'validation-failed').errors).toEqual([expect.objectContaining({ field: 'body/address/country' })]);
    expect(await vettingsOf(tenant.tenantId)).toBe(0);
  });

  it('with a truncated JPEG whose header reads fine is a 422 before anything is stored', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const body = applicantFor('td3-valid-01.jpg');
    const image = documentImage('td3-valid-01.jpg');
    body.document.imageBase64 = image.subarray(0, Math.floor(image.length * 0.7)).toString('base64');
    expectProblem(await submitVetting(platform, apiKey, body), 422, 'image-undecodable');
    expect(await vettingsOf(tenantId)).toBe(0);
    expect(await platform.database.prisma.seller.count({ where: { tenantId } })).toBe(0);
  });

  it('with hundreds of thousands of unknown fields gets a short 400', async () => {
    const fields = Array.from({ length: 300_000 }, (_, index) => `"f${index}":1`).join(',');
    const payload = `{${fields}}`;
    expect(payload.length).toBeGreaterThan(3_000_000);
    const response = await submit({ 'content-type': 'application/json' }, payload);
    const problem = expectProblem(response, 400, 'validation-failed');
    expect(problem.errors.length).toBeGreaterThanOrEqual(1);
    expect(problem.errors.length).toBeLessThanOrEqual(MAX_REPORTED_VALIDATION_ERRORS);
    expect(response.body.length).toBeLessThan(10_000);
  });

  it('with a few dozen unknown fields names the first ones, up to the cap', async () => {
    const unknown = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`extra${index}`, index]));
    const problem = expectProblem(await submitVetting(platform, tenant.apiKey, applicantFor('td3-valid-01.jpg', unknown)), 400, 'validation-failed');
    expect(problem.errors).toHaveLength(MAX_REPORTED_VALIDATION_ERRORS);
    expect(problem.errors[0]).toEqual({ field: 'body/extra0', message: 'is not a known field' });
    expect(problem.detail).toBe('The body has 30 problem(s); the first 20 are listed');
  });
});

describe('parameters and query strings', () => {
  it('webhook URLs that the uri format passes but no URL parser takes are a 400', async () => {
    for (const url of ['https://256.0.0.1/', 'https://:443/', 'https://hooks.example.test:99999/']) {
      const response = await platform.app.inject({
        method: 'POST',
        url: '/v1/webhook-endpoints',
        headers: { authorization: `Bearer ${tenant.apiKey}`, 'idempotency-key': randomUUID() },
        payload: { url },
      });
      expectProblem(response, 400, 'webhook-url-refused');
    }
  });

  it('a malformed react-admin list query is a 400 naming the parameter', async () => {
    const { cookie } = await moderatorSession(platform);
    for (const [query, field] of [['range=null', 'range'], ['range=1', 'range'], ['sort=null', 'sort'], ['filter=null', 'filter'], ['range=[5,1]', 'range']] as const) {
      const response = await platform.app.inject({ method: 'GET', url: `/admin/v1/cases?${query}`, headers: { cookie } });
      expect(expectProblem(response, 400, 'validation-failed').errors).toEqual([expect.objectContaining({ field: `querystring/${field}` })]);
    }
    const fine = await platform.app.inject({ method: 'GET', url: '/admin/v1/cases?range=[0,9]&sort=["createdAt","DESC"]&filter={"status":"open"}', headers: { cookie } });
    expect(fine.statusCode).toBe(200);
  });

  it('query strings are coerced to their schema: ?limit=5 works, ?limit=abc is a 400', async () => {
    const headers = { authorization: `Bearer ${tenant.apiKey}` };
    expect((await platform.app.inject({ method: 'GET', url: '/v1/webhook-deliveries?limit=5', headers })).statusCode).toBe(200);
    expectProblem(await platform.app.inject({ method: 'GET', url: '/v1/webhook-deliveries?limit=abc', headers }), 400, 'validation-failed');
    expectProblem(await platform.app.inject({ method: 'GET', url: '/v1/webhook-deliveries?limit=500', headers }), 400, 'validation-failed');
  });

  it('an API key sent in the query string is not echoed back', async () => {
    const response = await platform.app.inject({ method: 'GET', url: `/v1/webhook-deliveries?api_key=${tenant.apiKey}` });
    const problem = expectProblem(response, 401, 'unauthorized');
    expect(response.body).not.toContain(tenant.apiKey);
    expect(problem.instance).toBe('/v1/webhook-deliveries');
  });

  it('a seller id of 128 characters can be erased; 129 is a 400, not a router 414', async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const longest = 's'.repeat(128);
    await platform.database.prisma.seller.create({ data: { tenantId, externalId: longest } });
    const erase = (sellerId: string) => platform.app.inject({ method: 'DELETE', url: `/v1/sellers/${sellerId}/personal-data`, headers: { authorization: `Bearer ${apiKey}` } });
    expect((await erase(longest)).statusCode).toBe(200);
    expectProblem(await erase('s'.repeat(129)), 400, 'validation-failed');
    expectProblem(await erase('s'.repeat(2000)), 414, 'uri-too-long');
  });
});
