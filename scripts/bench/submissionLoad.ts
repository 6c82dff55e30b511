/**
 * Part 3 of `npm run bench` (`-- load`): every submission endpoint under concurrent load with no
 * worker polling any queue, so what is measured is intake alone (schema and semantic checks, image
 * checks, encryption, the transaction with the workflow's start in the outbox, or a signal), not the
 * processing behind it. The outbox's starts run in the same API process after the answers; each
 * endpoint's line says how long they took to drain after its load ended.
 *
 * Each endpoint runs LOAD_SECONDS on CONNECTIONS connections right after GET /healthz under the
 * same load (the database ping and a Temporal call: the floor of any request that touches both),
 * and its p99 is reported as a ratio of that p99 (aim: at most 3x). A bare workflow start at the
 * same concurrency on the same server says how much of a submission is Temporal's part.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import protos from '@temporalio/proto';
import { generateStream } from '../../fixtures/content-screening/generate.ts';
import { loadListingSet } from '../eval/listingEvaluation.ts';
import { percentile } from '../percentile.ts';
import { applicant, documentLabels } from './applicants.ts';
import { startBenchPlatform } from './environment.ts';
import { sellersOnProbation } from './probation.ts';

type BenchPlatform = Awaited<ReturnType<typeof startBenchPlatform>>;

const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 8);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 8);
/** Lines per batch upload: a small marketplace's hourly upload. */
const BATCH_LINES = 100;

interface Endpoint {
  name: string;
  /** the status every answer must have (default 2xx: accepted) */
  expected?: number;
  /** the request's path, headers and body, each request new (fresh ids: nothing replays) */
  request: () => { path: string; headers: Record<string, string>; body: string };
}

function endpoints(platform: BenchPlatform, probationSellers: string[]): Endpoint[] {
  const json = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...extra });
  const ndjson = () => ({ ...json(), 'content-type': 'application/x-ndjson' });
  const document = documentLabels.images[0]!.file;
  const { listings } = loadListingSet();
  const posts = generateStream(7, 'load').map((line) => line.post);
  // one template per batch endpoint, its ids made unique per request by a prefix
  const listingLines = Array.from({ length: BATCH_LINES }, (_, index) => JSON.stringify({ ...listings[index % listings.length]!.listing, listingId: `PREFIX-${index}` }));
  const postLines = Array.from({ length: BATCH_LINES }, (_, index) => JSON.stringify({ ...posts[index % posts.length]!, postId: `PREFIX-${index}` }));
  let next = 0;
  return [
    { name: 'POST /v1/seller-vettings', request: () => ({ path: '/v1/seller-vettings', headers: json(), body: JSON.stringify(applicant(document)) }) },
    {
      name: 'POST /v1/listing-screenings',
      request: () => {
        const entry = listings[next++ % listings.length]!;
        return { path: '/v1/listing-screenings', headers: json(), body: JSON.stringify({ ...entry.listing, listingId: `load-${randomUUID()}` }) };
      },
    },
    {
      name: 'POST /v1/content-screenings',
      request: () => ({ path: '/v1/content-screenings', headers: json(), body: JSON.stringify({ ...posts[next++ % posts.length]!, postId: `load-${randomUUID()}` }) }),
    },
    {
      name: 'POST /v1/sellers/:id/events (one event)',
      request: () => ({
        path: `/v1/sellers/${probationSellers[next++ % probationSellers.length]}/events`,
        headers: json(),
        body: JSON.stringify({ eventId: randomUUID(), type: 'order.placed', orderId: `o-${randomUUID()}`, occurredAt: new Date().toISOString(), amount: 19.99, currency: 'EUR' }),
      }),
    },
    {
      // a profile point, not a submission: authentication, the per-key limit's upsert and the
      // schema check, refused (400) before any write or Temporal call
      name: 'POST /v1/listing-screenings refused (400)',
      expected: 400,
      request: () => ({ path: '/v1/listing-screenings', headers: json(), body: JSON.stringify({ ...listings[0]!.listing, listingId: '' }) }),
    },
    {
      name: `POST /v1/listing-screening-batches (${BATCH_LINES} lines)`,
      request: () => {
        const prefix = randomUUID();
        return { path: '/v1/listing-screening-batches', headers: ndjson(), body: listingLines.map((line) => line.replace('PREFIX', prefix)).join('\n') };
      },
    },
    {
      name: `POST /v1/content-screenings/batches (${BATCH_LINES} lines)`,
      request: () => {
        const prefix = randomUUID();
        return { path: '/v1/content-screenings/batches', headers: ndjson(), body: postLines.map((line) => line.replace('PREFIX', prefix)).join('\n') };
      },
    },
  ];
}

/** Pollers on the platform's task queues: none, or the figures would include processing. */
async function pollerCount(platform: BenchPlatform): Promise<number> {
  const { config } = platform;
  let count = 0;
  for (const name of [config.TEMPORAL_TASK_QUEUE, config.TEMPORAL_BULK_TASK_QUEUE, config.TEMPORAL_DOCUMENTS_TASK_QUEUE]) {
    for (const taskQueueType of [protos.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, protos.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY]) {
      const { pollers } = await platform.temporal.workflowService.describeTaskQueue({ namespace: platform.temporal.options.namespace, taskQueue: { name }, taskQueueType });
      count += pollers?.length ?? 0;
    }
  }
  return count;
}

const load = (url: string, options: Partial<autocannon.Options>) => autocannon({ url, connections: CONNECTIONS, duration: LOAD_SECONDS, ...options });

/** `temporal`: the PostgreSQL-backed server (`-- load-cluster`); default the bench's dev server (environment.ts). */
export async function submissionLoad(temporal?: { address: string; namespace: string }): Promise<void> {
  const platform = await startBenchPlatform({ workers: false, temporal });
  try {
    const sellers = (await sellersOnProbation(platform, 20)).map((seller) => seller.externalId);
    const pollers = await pollerCount(platform);
    if (pollers > 0) throw new Error(`${pollers} pollers on the platform's task queues: the load would measure processing too`);
    console.log(`\n== Submission endpoints under load, no worker polling, ${temporal ? 'Temporal on PostgreSQL' : `Temporal dev server (${process.env.BENCH_TEMPORAL_STATE === 'file' ? 'SQLite' : 'in memory'})`} (${CONNECTIONS} connections, ${LOAD_SECONDS} s each, each after GET /healthz) ==`);
    const rows: string[] = [];
    for (const endpoint of endpoints(platform, sellers)) {
      const health = await load(`${platform.url}/healthz`, {});
      const result = await load(platform.url, { method: 'POST', requests: [{ setupRequest: (request) => ({ ...request, ...endpoint.request() }) }] });
      // the answers come at commit; the workflow starts follow from the outbox. Wait for them to
      // drain before the next endpoint's /healthz, and say how long they ran behind.
      const drainStarted = performance.now();
      while ((await platform.prisma.workflowStart.count()) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      const drainSeconds = (performance.now() - drainStarted) / 1000;
      const ratio = result.latency.p99 / health.latency.p99;
      const unexpected = endpoint.expected ? result.requests.total - (result.statusCodeStats[String(endpoint.expected)]?.count ?? 0) : result.non2xx;
      rows.push(
        `${endpoint.name.padEnd(52)} ${result.requests.average.toFixed(1).padStart(7)} req/s  p99 ${String(result.latency.p99).padStart(5)} ms  ` +
          `healthz p99 ${String(health.latency.p99).padStart(4)} ms  ratio ${ratio.toFixed(1)}x${ratio > 3 && !endpoint.expected ? ' (over the 3x aim)' : ''}  unexpected status ${unexpected}, errors ${result.errors}, outbox drained ${drainSeconds.toFixed(1)} s after`,
      );
      console.log(rows.at(-1));
    }
    // What a submission waits on that is not the API: starting its workflow. Bare starts at the
    // same concurrency on the same server (nothing polls their queue).
    const starts: number[] = [];
    const startsUntil = performance.now() + LOAD_SECONDS * 1000;
    await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < startsUntil) {
        const started = performance.now();
        await platform.temporal.workflow.start('benchNothing', { taskQueue: `${platform.taskQueue}-bench-idle`, workflowId: `bench-start-${randomUUID()}` });
        starts.push(performance.now() - started);
      }
    }));
    console.log(`Temporal workflow start alone (baseline): ${(starts.length / LOAD_SECONDS).toFixed(1)} starts/s, p99 ${Math.round(percentile(starts, 0.99))} ms`);
  } finally {
    await platform.close();
  }
}
