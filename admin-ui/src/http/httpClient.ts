import { parseProblem, problemMessage } from './problem.ts';

/** The subset of window.fetch the console relies on; injected for tests. */
export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
  json: unknown;
}

/** Same call shape as react-admin's fetchUtils.fetchJson. */
export type HttpClient = (url: string, options?: RequestInit) => Promise<HttpResponse>;

/**
 * A failed API call. Shaped like react-admin's HttpError (message, status,
 * body) so react-admin's checkError and notifications understand it.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export const browserFetch: FetchFn = (input, init) => fetch(input, init);

/** JSON client that always sends the session cookie and turns problems into ApiErrors. */
export function createHttpClient(fetchFn: FetchFn): HttpClient {
  return async (url, options = {}) => {
    const headers = new Headers(options.headers);
    if (!headers.has('Accept')) headers.set('Accept', 'application/json, application/problem+json');
    if (typeof options.body === 'string' && !headers.has('Content-Type')) {
      headers.set('Content-Type', 'application/json');
    }
    const response = await fetchFn(url, { ...options, headers, credentials: 'include' });
    const body = await response.text();
    const json = parseJson(body);
    if (!response.ok) {
      const fallback = response.statusText || `HTTP ${response.status}`;
      throw new ApiError(problemMessage(parseProblem(json), fallback), response.status, json);
    }
    return { status: response.status, headers: response.headers, body, json };
  };
}

/** The HTTP status carried by any error react-admin hands back, if there is one. */
export function errorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  return typeof error.status === 'number' ? error.status : undefined;
}

/** The client shared by the authProvider and the dataProvider. */
export const httpClient = createHttpClient(browserFetch);
