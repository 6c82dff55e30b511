/**
 * Part 3 of `npm run bench` (`-- load`): every submission endpoint under concurrent load with no
 * worker polling any queue, so what is measured is intake alone (schema and semantic checks, image
 * checks, encryption, the transaction with the workflow's start in the outbox, or a signal), not the
 * processing behind it. The outbox's starts run in the same API process after the answers; each
 * endpoint's line says how long they took to drain after its load ended. The load comes from a
 * process of its own (loadGenerator.ts), as a marketplace's would.
 *
 * Each endpoint runs twice, each time right after GET /healthz under the same load (the database
 * ping and a Temporal call: the floor of any request that touches both), and its p99 is reported
 * as a ratio of that p99 (aim: at most 3x):
 * - saturated: CONNECTIONS connections sending as fast as answers come, LOAD_SECONDS. The p99
 *   there is mostly queueing: eight requests wait on one process's CPU, however cheap each is.
 * - at half that rate: requests arriving as a Poisson stream at half the saturated run's rate,
 *   whatever the answers (open loop), each timed from its arrival: a busy but not overloaded
 *   API, where the p99 is the request's own cost and the variance of its neighbours.
 * A bare workflow start at the same concurrency on the same server says how much of a submission
 * is Temporal's part.
 */
import { randomUUID } from 'node:crypto';
import protos from '@temporalio/proto';
import { percentile } from '../percentile.ts';
import { startBenchPlatform } from './environment.ts';
import { endpointNames, startLoadGenerator, type LoadGenerator, type LoadResult } from './loadGenerator.ts';
import { sellersOnProbation } from './probation.ts';

type BenchPlatform = Awaited<ReturnType<typeof startBenchPlatform>>;

const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 8);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 8);
/** only the endpoints whose name contains this (`BENCH_LOAD_ONLY=listing-screenings`), for profiling one */
const ONLY = process.env.BENCH_LOAD_ONLY ?? '';

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

/** `temporal`: the PostgreSQL-backed server (`-- load-cluster`); default the bench's dev server (environment.ts). */
export async function submissionLoad(temporal?: { address: string; namespace: string }): Promise<void> {
  const platform = await startBenchPlatform({ workers: false, temporal });
  let generator: LoadGenerator | undefined;
  try {
    const probationSellers = (await sellersOnProbation(platform, 20)).map((seller) => seller.externalId);
    const load = startLoadGenerator({ url: platform.url, apiKey: platform.apiKey, probationSellers });
    generator = load;
    const pollers = await pollerCount(platform);
    if (pollers > 0) throw new Error(`${pollers} pollers on the platform's task queues: the load would measure processing too`);
    console.log(`\n== Submission endpoints under load, no worker polling, ${temporal ? 'Temporal on PostgreSQL' : `Temporal dev server (${process.env.BENCH_TEMPORAL_STATE === 'file' ? 'SQLite' : 'in memory'})`} (${CONNECTIONS} connections, ${LOAD_SECONDS} s each, each after GET /healthz at the same load; load from a process of its own) ==`);
    for (const endpoint of endpointNames().filter(({ name }) => name.includes(ONLY))) {
      const line = async (label: string, rate?: number): Promise<LoadResult> => {
        const health = await load.run({ endpoint: 'healthz', connections: CONNECTIONS, seconds: LOAD_SECONDS, rate });
        const result = await load.run({ endpoint: endpoint.name, connections: CONNECTIONS, seconds: LOAD_SECONDS, rate });
        // the answers come at commit; the workflow starts follow from the outbox. Wait for them to
        // drain before the next /healthz, and say how long they ran behind.
        const drainStarted = performance.now();
        while ((await platform.prisma.workflowStart.count()) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        const drainSeconds = (performance.now() - drainStarted) / 1000;
        const ratio = result.p99 / health.p99;
        console.log(
          `${endpoint.name.padEnd(52)} ${label.padEnd(22)} ${result.requestsPerSecond.toFixed(1).padStart(7)} req/s  p50 ${String(result.p50).padStart(4)} ms  p99 ${String(result.p99).padStart(5)} ms  ` +
            `healthz p99 ${String(health.p99).padStart(4)} ms  ratio ${ratio.toFixed(1)}x${ratio > 3 && !endpoint.profile ? ' (over the 3x aim)' : ''}  unexpected status ${result.unexpected}, errors ${result.errors + health.errors}, outbox drained ${drainSeconds.toFixed(1)} s after`,
        );
        return result;
      };
      const saturated = await line('saturated');
      const half = Math.max(1, Math.round(saturated.requestsPerSecond / 2));
      await line(`at ${half} req/s (half)`, half);
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
    generator?.close();
    await platform.close();
  }
}
