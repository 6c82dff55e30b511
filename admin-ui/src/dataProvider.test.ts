import { describe, expect, it } from 'vitest';
import { createDataProvider } from './dataProvider.ts';
import { ApiError, type HttpClient, type HttpResponse } from './http/httpClient.ts';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function fakeClient(answer: (call: Call) => HttpResponse): { client: HttpClient; calls: Call[] } {
  const calls: Call[] = [];
  const client: HttpClient = async (url, init) => {
    const call = { url, init };
    calls.push(call);
    return answer(call);
  };
  return { client, calls };
}

const ok = (json: unknown): HttpResponse => ({ status: 200, headers: new Headers(), body: JSON.stringify(json), json });

describe('case actions', () => {
  it('posts the decision as JSON to the case', async () => {
    const { client, calls } = fakeClient(() => ok({ caseId: 'c/1', decision: 'reject', accepted: true }));
    const result = await createDataProvider(client, '/api').decideCase('c/1', { decision: 'reject', note: 'forged' });
    expect(result).toEqual({ caseId: 'c/1', decision: 'reject', accepted: true });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('/api/cases/c%2F1/decision');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ decision: 'reject', note: 'forged' });
  });

  it('fills a sparse answer from the request', async () => {
    const { client } = fakeClient(() => ok(null));
    await expect(createDataProvider(client).decideCase(7, { decision: 'approve' })).resolves.toEqual({
      caseId: '7',
      decision: 'approve',
      accepted: true,
    });
  });

  it('claims without a body, releases with DELETE and escalates with a JSON note', async () => {
    const { client, calls } = fakeClient(() => ok({}));
    const provider = createDataProvider(client, '/api');
    await provider.claimCase('c1');
    await provider.releaseCase('c1');
    await provider.escalateCase('c1', 'identity theft?');
    expect(calls.map((call) => [call.init?.method, call.url, call.init?.body])).toEqual([
      ['POST', '/api/cases/c1/claim', undefined],
      ['DELETE', '/api/cases/c1/claim', undefined],
      ['POST', '/api/cases/c1/escalation', JSON.stringify({ note: 'identity theft?' })],
    ]);
  });

  it('follows a case through its list entry (no personal data, so no audited view)', async () => {
    const { client, calls } = fakeClient(() => ok([{ id: 'c1', status: 'decided' }]));
    await expect(createDataProvider(client, '/api').readCaseSummary('c1')).resolves.toEqual({ id: 'c1', status: 'decided' });
    const url = new URL(calls[0]?.url ?? '', 'http://console.test');
    expect(url.pathname).toBe('/api/cases');
    expect(JSON.parse(url.searchParams.get('filter') ?? '')).toEqual({ id: ['c1'] });
    const { client: empty } = fakeClient(() => ok([]));
    await expect(createDataProvider(empty).readCaseSummary('c1')).rejects.toThrow('no longer listed');
  });

  it('passes API problems through unchanged', async () => {
    const conflict = new ApiError('Another moderator holds this case', 409, { code: 'case-claimed-by-other' });
    const client: HttpClient = async () => Promise.reject(conflict);
    await expect(createDataProvider(client).decideCase('c1', { decision: 'approve' })).rejects.toBe(conflict);
    await expect(createDataProvider(client).claimCase('c1')).rejects.toBe(conflict);
  });
});

describe('simple REST methods', () => {
  it('lists cases with range, sort and filter', async () => {
    const headers = new Headers({ 'Content-Range': 'cases 0-0/1' });
    const { client, calls } = fakeClient(() => ({ status: 200, headers, body: '', json: [{ id: 'c1' }] }));
    const result = await createDataProvider(client, '/api').getList('cases', {
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'slaDueAt', order: 'ASC' },
      filter: { status: 'open' },
    });
    expect(result).toMatchObject({ data: [{ id: 'c1' }], total: 1 });
    const url = new URL(calls[0]?.url ?? '', 'http://console.test');
    expect(url.pathname).toBe('/api/cases');
    expect(JSON.parse(url.searchParams.get('range') ?? '')).toEqual([0, 24]);
    expect(JSON.parse(url.searchParams.get('sort') ?? '')).toEqual(['slaDueAt', 'ASC']);
    expect(JSON.parse(url.searchParams.get('filter') ?? '')).toEqual({ status: 'open' });
  });
});
