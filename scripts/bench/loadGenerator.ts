/**
 * The load of `npm run bench -- load`, generated in a process of its own as a marketplace's client
 * would be: autocannon in the API's process took its CPU and event loop from the requests it
 * measured. The parent (submissionLoad.ts) forks this file once and sends it one run at a time;
 * each run builds its requests here (the request builders are functions, so the endpoints are
 * defined on this side) and answers with autocannon's figures.
 */
import { randomUUID } from 'node:crypto';
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { generateStream } from '../../fixtures/content-screening/generate.ts';
import { loadListingSet } from '../eval/listingEvaluation.ts';
import { seededRandom } from '../../fixtures/seededRandom.ts';
import { percentile } from '../percentile.ts';
import { applicant, documentLabels } from './applicants.ts';

/** Lines per batch upload: a small marketplace's hourly upload. */
export const BATCH_LINES = 100;

export interface LoadContext {
  url: string;
  apiKey: string;
  probationSellers: string[];
}

export interface LoadRun {
  /** an endpoint's name from `endpointNames`, or 'healthz' */
  endpoint: string;
  connections: number;
  seconds: number;
  /**
   * requests per second, arriving as a Poisson stream whatever the answers (open loop), over at
   * most `connections` connections; absent: each connection sends as soon as its answer comes
   */
  rate?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  total: number;
  p50: number;
  p99: number;
  /** answers with another status than the endpoint expects, and connection errors */
  unexpected: number;
  errors: number;
}

interface Endpoint {
  name: string;
  /** the status every answer must have (default 2xx: accepted) */
  expected?: number;
  /** the request's path, headers and body, each request new (fresh ids: nothing replays) */
  request: () => { path: string; headers: Record<string, string>; body: string };
}

function endpoints(context: LoadContext): Endpoint[] {
  const json = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${context.apiKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...extra });
  const ndjson = () => ({ ...json(), 'content-type': 'application/x-ndjson' });
  const document = documentLabels.images[0]!.file;
  // read and generated on the first request, so listing the endpoints' names costs nothing
  let loaded: { listings: ReturnType<typeof loadListingSet>['listings']; posts: ReturnType<typeof generateStream>[number]['post'][]; listingLines: string[]; postLines: string[] } | undefined;
  const fixtures = () => {
    if (loaded) return loaded;
    const { listings } = loadListingSet();
    const posts = generateStream(7, 'load').map((line) => line.post);
    // one template per batch endpoint, its ids made unique per request by a prefix
    const listingLines = Array.from({ length: BATCH_LINES }, (_, index) => JSON.stringify({ ...listings[index % listings.length]!.listing, listingId: `PREFIX-${index}` }));
    const postLines = Array.from({ length: BATCH_LINES }, (_, index) => JSON.stringify({ ...posts[index % posts.length]!, postId: `PREFIX-${index}` }));
    return (loaded = { listings, posts, listingLines, postLines });
  };
  let next = 0;
  return [
    { name: 'POST /v1/seller-vettings', request: () => ({ path: '/v1/seller-vettings', headers: json(), body: JSON.stringify(applicant(document)) }) },
    {
      name: 'POST /v1/listing-screenings',
      request: () => {
        const { listings } = fixtures();
        const entry = listings[next++ % listings.length]!;
        return { path: '/v1/listing-screenings', headers: json(), body: JSON.stringify({ ...entry.listing, listingId: `load-${randomUUID()}` }) };
      },
    },
    {
      name: 'POST /v1/content-screenings',
      request: () => {
        const { posts } = fixtures();
        return { path: '/v1/content-screenings', headers: json(), body: JSON.stringify({ ...posts[next++ % posts.length]!, postId: `load-${randomUUID()}` }) };
      },
    },
    {
      name: 'POST /v1/sellers/:id/events (one event)',
      request: () => ({
        path: `/v1/sellers/${context.probationSellers[next++ % context.probationSellers.length]}/events`,
        headers: json(),
        body: JSON.stringify({ eventId: randomUUID(), type: 'order.placed', orderId: `o-${randomUUID()}`, occurredAt: new Date().toISOString(), amount: 19.99, currency: 'EUR' }),
      }),
    },
    {
      // a profile point, not a submission: authentication, the per-key limit's upsert and the
      // schema check, refused (400) before any write or Temporal call
      name: 'POST /v1/listing-screenings refused (400)',
      expected: 400,
      request: () => ({ path: '/v1/listing-screenings', headers: json(), body: JSON.stringify({ ...fixtures().listings[0]!.listing, listingId: '' }) }),
    },
    {
      name: `POST /v1/listing-screening-batches (${BATCH_LINES} lines)`,
      request: () => {
        const prefix = randomUUID();
        return { path: '/v1/listing-screening-batches', headers: ndjson(), body: fixtures().listingLines.map((line) => line.replace('PREFIX', prefix)).join('\n') };
      },
    },
    {
      name: `POST /v1/content-screenings/batches (${BATCH_LINES} lines)`,
      request: () => {
        const prefix = randomUUID();
        return { path: '/v1/content-screenings/batches', headers: ndjson(), body: fixtures().postLines.map((line) => line.replace('PREFIX', prefix)).join('\n') };
      },
    },
  ];
}

/** The endpoints in the order the bench runs them, and whether each is a profile point (not a submission). */
export function endpointNames(): { name: string; profile: boolean }[] {
  return endpoints({ url: '', apiKey: '', probationSellers: [''] }).map((endpoint) => ({ name: endpoint.name, profile: endpoint.expected !== undefined }));
}

const healthz: Endpoint = { name: 'healthz', request: () => ({ path: '/healthz', headers: {}, body: '' }) };

/** the child's endpoints, built once: every run of one bench has the same platform */
let built: Endpoint[] | undefined;

async function run(context: LoadContext, load: LoadRun): Promise<LoadResult> {
  built ??= endpoints(context);
  const endpoint = load.endpoint === healthz.name ? healthz : built.find((candidate) => candidate.name === load.endpoint);
  if (!endpoint) throw new Error(`no endpoint ${load.endpoint}`);
  if (load.rate) return await openLoop(context, endpoint, { ...load, rate: load.rate });
  if (endpoint === healthz) {
    const result = await autocannon({ url: `${context.url}/healthz`, connections: load.connections, duration: load.seconds });
    return summary(result, result.non2xx);
  }
  const result = await autocannon({ url: context.url, method: 'POST', connections: load.connections, duration: load.seconds, requests: [{ setupRequest: (request) => ({ ...request, ...endpoint.request() }) }] });
  const unexpected = endpoint.expected ? result.requests.total - (result.statusCodeStats[String(endpoint.expected)]?.count ?? 0) : result.non2xx;
  return summary(result, unexpected);
}

const summary = (result: autocannon.Result, unexpected: number): LoadResult => ({
  requestsPerSecond: result.requests.average,
  total: result.requests.total,
  p50: result.latency.p50,
  p99: result.latency.p99,
  unexpected,
  errors: result.errors,
});

/**
 * Requests arriving at `rate` a second as a Poisson stream (seeded), sent whatever the earlier
 * answers, each timed from its scheduled arrival: a request waiting for one of the `connections`
 * sockets counts that wait, so a slow server is not hidden by sending less (autocannon's own rate
 * limit sends each second's quota in a burst and then pauses, which measures the burst's queue).
 */
async function openLoop(context: LoadContext, endpoint: Endpoint, load: LoadRun & { rate: number }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: load.connections });
  const random = seededRandom(load.connections * 1_000 + Math.round(load.rate));
  const latencies: number[] = [];
  let unexpected = 0;
  let errors = 0;
  const send = (scheduledAt: number) =>
    new Promise<void>((resolve) => {
      const { path, headers, body } = endpoint.request();
      const request = http.request(`${context.url}${path}`, { method: endpoint === healthz ? 'GET' : 'POST', headers, agent }, (response) => {
        response.resume();
        response.on('end', () => {
          latencies.push(performance.now() - scheduledAt);
          const status = response.statusCode ?? 0;
          if (endpoint.expected ? status !== endpoint.expected : status < 200 || status >= 300) unexpected += 1;
          resolve();
        });
      });
      request.on('error', () => {
        errors += 1;
        resolve();
      });
      request.end(body || undefined);
    });
  const started = performance.now();
  const sent: Promise<void>[] = [];
  for (let at = 0; at < load.seconds * 1000; at -= (Math.log(1 - random.next()) * 1000) / load.rate) {
    const wait = started + at - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    sent.push(send(started + at));
  }
  await Promise.all(sent);
  agent.destroy();
  return {
    requestsPerSecond: latencies.length / load.seconds,
    total: latencies.length,
    p50: Math.round(percentile(latencies, 0.5)),
    p99: Math.round(percentile(latencies, 0.99)),
    unexpected,
    errors,
  };
}

export interface LoadGenerator {
  run(load: LoadRun): Promise<LoadResult>;
  close(): void;
}

/** Forks the generator process for this platform. */
export function startLoadGenerator(context: LoadContext): LoadGenerator {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  let pending: { resolve: (result: LoadResult) => void; reject: (error: Error) => void } | null = null;
  child.on('message', (message: { result?: LoadResult; error?: string }) => {
    const waiting = pending;
    pending = null;
    if (message.error !== undefined) waiting?.reject(new Error(message.error));
    else waiting?.resolve(message.result!);
  });
  child.once('exit', (code) => pending?.reject(new Error(`load generator ended (exit ${code})`)));
  return {
    run: (load) =>
      new Promise<LoadResult>((resolve, reject) => {
        if (pending) return reject(new Error('one load at a time'));
        pending = { resolve, reject };
        child.send({ context, load });
      }),
    close: () => void child.kill(),
  };
}

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.on('message', (message: { context: LoadContext; load: LoadRun }) => {
    run(message.context, message.load).then(
      (result) => process.send!({ result }),
      (error: unknown) => process.send!({ error: error instanceof Error ? error.stack ?? error.message : String(error) }),
    );
  });
}
