import { describe, expect, it } from 'vitest';
import { ApiError, createHttpClient, errorStatus, type FetchFn } from './httpClient.ts';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function fakeFetch(response: () => Response): { fetchFn: FetchFn; calls: Call[] } {
  const calls: Call[] = [];
  const fetchFn: FetchFn = async (url, init) => {
    calls.push({ url, init });
    return response();
  };
  return { fetchFn, calls };
}

const problemJson = { 'Content-Type': 'application/problem+json' };

describe('createHttpClient', () => {
  it('sends the cookie, JSON headers and returns the parsed body', async () => {
    const { fetchFn, calls } = fakeFetch(() => Response.json({ id: 'c1' }));
    const client = createHttpClient(fetchFn);

    const result = await client('/admin/v1/cases', { method: 'POST', body: '{"a":1}' });

    expect(result.status).toBe(200);
    expect(result.json).toEqual({ id: 'c1' });
    const init = calls[0]?.init;
    expect(calls[0]?.url).toBe('/admin/v1/cases');
    expect(init?.credentials).toBe('include');
    expect(init?.method).toBe('POST');
    const headers = new Headers(init?.headers);
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(headers.get('Accept')).toContain('application/problem+json');
  });

  it('keeps caller headers such as the Range header of list queries', async () => {
    const { fetchFn, calls } = fakeFetch(() => Response.json([]));
    await createHttpClient(fetchFn)('/admin/v1/cases', { headers: new Headers({ Range: 'cases=0-9' }) });
    expect(new Headers(calls[0]?.init?.headers).get('Range')).toBe('cases=0-9');
  });

  it('accepts empty bodies such as 204 responses', async () => {
    const { fetchFn } = fakeFetch(() => new Response(null, { status: 204 }));
    const result = await createHttpClient(fetchFn)('/admin/v1/session', { method: 'DELETE' });
    expect(result).toMatchObject({ status: 204, body: '', json: undefined });
  });

  it('turns a problem response into an ApiError carrying status, detail and body', async () => {
    const problem = { type: 'about:blank', title: 'Forbidden', status: 403, code: 'forbidden', detail: 'Admins only.' };
    const { fetchFn } = fakeFetch(() => new Response(JSON.stringify(problem), { status: 403, headers: problemJson }));

    const error = await createHttpClient(fetchFn)('/admin/v1/users').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, message: 'Admins only.', body: problem });
  });

  it('falls back to the status text when the error body is not a problem', async () => {
    const { fetchFn } = fakeFetch(
      () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    await expect(createHttpClient(fetchFn)('/admin/v1/x')).rejects.toMatchObject({
      status: 502,
      message: 'Bad Gateway',
      body: undefined,
    });
  });
});

describe('errorStatus', () => {
  it('reads numeric statuses only', () => {
    expect(errorStatus(new ApiError('x', 401, undefined))).toBe(401);
    expect(errorStatus({ status: 403 })).toBe(403);
    expect(errorStatus({ status: '403' })).toBeUndefined();
    expect(errorStatus(new Error('network'))).toBeUndefined();
    expect(errorStatus(undefined)).toBeUndefined();
  });
});
