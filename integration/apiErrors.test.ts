import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
let auth: { authorization: string };
beforeAll(async () => {
  platform = await startTestPlatform();
  auth = { authorization: `Bearer ${(await platform.createTenant()).apiKey}` };
});
afterAll(async () => platform?.close());

const expectProblem = (response: { statusCode: number; headers: Record<string, unknown>; json(): { code: string; status: number } }, status: number, code: string) => {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(body.code).toBe(code);
  expect(body.status).toBe(status);
  return body;
};

describe('bad input is refused with problem+json and crashes nothing', () => {
  it('malformed JSON is a 400 malformed-json', async () => {
    const response = await platform.app.inject({
      method: 'POST',
      url: '/v1/system-probes',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"oops":',
    });
    expectProblem(response, 400, 'malformed-json');
  });

  it('an unknown field is a 400 naming the field, not silently dropped', async () => {
    const response = await platform.app.inject({ method: 'POST', url: '/v1/system-probes', headers: auth, payload: { status: 'completed' } });
    const body = expectProblem(response, 400, 'validation-failed');
    expect(body).toMatchObject({ errors: [{ field: 'body/status', message: 'is not a known field' }] });
  });

  it('a body over the limit is a 413', async () => {
    const payload = JSON.stringify({ padding: 'x'.repeat(platform.config.API_BODY_LIMIT_BYTES + 1) });
    const response = await platform.app.inject({
      method: 'POST',
      url: '/v1/system-probes',
      headers: { ...auth, 'content-type': 'application/json' },
      payload,
    });
    expectProblem(response, 413, 'body-too-large');
  });

  it('an unsupported content type is a 415', async () => {
    const response = await platform.app.inject({
      method: 'POST',
      url: '/v1/system-probes',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=b',
    });
    expectProblem(response, 415, 'unsupported-media-type');
  });

  it('a malformed path parameter is a 400, an unknown route a 404', async () => {
    expectProblem(await platform.app.inject({ method: 'GET', url: '/v1/system-probes/not-a-uuid', headers: auth }), 400, 'validation-failed');
    expectProblem(await platform.app.inject({ method: 'GET', url: '/v1/nothing-here', headers: auth }), 404, 'not-found');
  });

  it('authentication is checked before the body, so an anonymous caller learns nothing about the schema', async () => {
    const response = await platform.app.inject({ method: 'POST', url: '/v1/system-probes', payload: { unknown: 1 } });
    expectProblem(response, 401, 'unauthorized');
    expect(response.headers['www-authenticate']).toContain('Bearer');
  });

  it('echoes a well-formed request id and makes one up otherwise', async () => {
    const echoed = await platform.app.inject({ method: 'GET', url: '/v1/nothing', headers: { 'x-request-id': 'abc-123' } });
    expect(echoed.headers['x-request-id']).toBe('abc-123');
    expect(echoed.json().requestId).toBe('abc-123');
    const invented = await platform.app.inject({ method: 'GET', url: '/v1/nothing', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(invented.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves an OpenAPI document that describes the routes and the problem schema', async () => {
    const response = await platform.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/healthz', '/v1/system-probes', '/v1/system-probes/{id}', '/admin/v1/session']));
    expect(document.components.schemas.Problem).toBeDefined();
    const docs = await platform.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});
