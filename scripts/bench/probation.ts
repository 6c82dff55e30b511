/**
 * Probation figures for `npm run bench probation`:
 *
 * 1. Events per second through the API into running probation workflows, in batches, with the
 *    endpoint's p99 beside GET /healthz measured in the same run; then how long the workflows
 *    take to fold everything accepted (events applied per second, end to end).
 * 2. History per seller after a simulated month of 20 orders a day, each order's placement and
 *    shipment sent as its own request: events in each run of the continue-as-new chain (bounded
 *    by the workflow's history limit) and in total.
 * 3. Open probations one worker holds: this process's memory before and after that many idle
 *    probations have started (each waiting on its timer), with the worker's cached workflows.
 */
import { randomUUID } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import autocannon from 'autocannon';
import { probationStartInput } from '../../api/routes/seller-probations/ingest.ts';
import { enrolProbation } from '../../workers/activities/sellerProbationStore.ts';
import { PROBATION_HISTORY_LIMIT, type sellerProbation } from '../../workflows/sellerProbation.ts';
import { startBenchPlatform } from './environment.ts';

type BenchPlatform = Awaited<ReturnType<typeof startBenchPlatform>>;

const SELLERS = 20;
const BATCH = 100;
const LOAD_SECONDS = 10;
const MONTH_DAYS = 30;
const ORDERS_PER_DAY = 20;
const HELD = 500;

export async function sellersOnProbation(platform: BenchPlatform, count: number) {
  const sellers: { externalId: string; probationId: string; workflowId: string }[] = [];
  for (let index = 0; index < count; index++) {
    const externalId = `bench-probation-${randomUUID().slice(0, 8)}`;
    const seller = await platform.prisma.seller.create({ data: { tenantId: platform.tenantId, externalId, status: 'approved', approvedAt: new Date() } });
    const probation = await enrolProbation(platform.prisma, { tenantId: platform.tenantId, sellerId: seller.id, vettingId: null, now: new Date() });
    await platform.temporal.workflow.start<typeof sellerProbation>('sellerProbation', {
      workflowId: probation.workflowId,
      taskQueue: platform.config.TEMPORAL_TASK_QUEUE,
      args: [probationStartInput(platform.config, probation.id)],
    });
    sellers.push({ externalId, probationId: probation.id, workflowId: probation.workflowId });
  }
  return sellers;
}

/** Half placements, half their shipments: every event new, orders spread over the sellers. */
function batchOfEvents(size: number) {
  const at = new Date().toISOString();
  return Array.from({ length: size }, (_, index) => {
    const orderId = `o-${randomUUID()}`;
    return index % 2 === 0
      ? { eventId: randomUUID(), type: 'order.placed', orderId, occurredAt: at, amount: 19.99, currency: 'EUR' }
      : { eventId: randomUUID(), type: 'order.shipped', orderId, occurredAt: at };
  });
}

async function waitUntilApplied(platform: BenchPlatform, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await platform.prisma.sellerProbationEvent.count({ where: { appliedAt: null } });
    if (pending === 0 || Date.now() > deadline) return pending;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function ingestion(platform: BenchPlatform): Promise<void> {
  const sellers = await sellersOnProbation(platform, SELLERS);
  let next = 0;
  const health = await autocannon({ url: `${platform.url}/healthz`, connections: 8, duration: LOAD_SECONDS });
  const started = performance.now();
  const events = await autocannon({
    url: `${platform.url}/v1/sellers/x/events`,
    connections: 8,
    duration: LOAD_SECONDS,
    method: 'POST',
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          path: `/v1/sellers/${sellers[next++ % sellers.length]!.externalId}/events`,
          headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events: batchOfEvents(BATCH) }),
        }),
      },
    ],
  });
  const accepted = await platform.prisma.sellerProbationEvent.count();
  const pending = await waitUntilApplied(platform, 300_000);
  const applySeconds = (performance.now() - started) / 1000;
  const eventsPerSecond = (events.requests.average * BATCH);
  console.log(`\n== Probation events through the API into ${SELLERS} running workflows (batches of ${BATCH}, 8 connections, ${LOAD_SECONDS} s) ==`);
  console.log(`POST /v1/sellers/:id/events: ${events.requests.average.toFixed(1)} req/s = ${eventsPerSecond.toFixed(0)} events/s accepted, p99 ${events.latency.p99} ms, non-2xx ${events.non2xx}, errors ${events.errors}`);
  console.log(`GET /healthz (baseline): ${health.requests.average.toFixed(1)} req/s, p99 ${health.latency.p99} ms`);
  console.log(`p99 ratio events/health: ${(events.latency.p99 / health.latency.p99).toFixed(1)}x`);
  console.log(`folded by the workflows: ${accepted - pending} of ${accepted} events in ${applySeconds.toFixed(1)} s from the start of the load = ${((accepted - pending) / applySeconds).toFixed(0)} events/s end to end`);
}

async function historyOverAMonth(platform: BenchPlatform): Promise<void> {
  const [seller] = await sellersOnProbation(platform, 1);
  let retried = 0;
  // as a marketplace would: a 503 (Temporal did not take the signal in time) is sent again
  const post = async (event: Record<string, unknown>) => {
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(`${platform.url}/v1/sellers/${seller!.externalId}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(event),
      });
      if (response.status === 202) return;
      if (response.status !== 503 || attempt === 5) throw new Error(`events answered ${response.status}: ${await response.text()}`);
      retried += 1;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  };
  const started = performance.now();
  for (let day = 0; day < MONTH_DAYS; day++) {
    for (let order = 0; order < ORDERS_PER_DAY; order++) {
      const orderId = `day${day}-order${order}`;
      const at = new Date().toISOString();
      await post({ eventId: `${orderId}-placed`, type: 'order.placed', orderId, occurredAt: at, amount: 25, currency: 'EUR' });
      await post({ eventId: `${orderId}-shipped`, type: 'order.shipped', orderId, occurredAt: at });
    }
  }
  await waitUntilApplied(platform, 300_000);
  const runs: number[] = [];
  for await (const execution of platform.temporal.workflow.list({ query: `WorkflowId = '${seller!.workflowId}'` })) {
    const history = await platform.temporal.workflow.getHandle(seller!.workflowId, execution.runId).fetchHistory();
    runs.push(history.events?.length ?? 0);
  }
  const total = runs.reduce((sum, length) => sum + length, 0);
  console.log(`\n== History of one probation over a simulated month (${MONTH_DAYS} days x ${ORDERS_PER_DAY} orders, placement and shipment each its own request) ==`);
  console.log(`${MONTH_DAYS * ORDERS_PER_DAY * 2} requests (${retried} retried after a 503) in ${((performance.now() - started) / 1000).toFixed(1)} s; ${runs.length} runs (continue-as-new past ${PROBATION_HISTORY_LIMIT} events)`);
  console.log(`events per run: max ${Math.max(...runs)} (runs newest first: ${runs.join(', ')}); total ${total} (${(total / MONTH_DAYS).toFixed(0)} per simulated day)`);
}

/** A full collection before each reading, so the heap figure is what the probations keep alive. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

async function openProbationsHeld(platform: BenchPlatform): Promise<void> {
  collectGarbage();
  const before = process.memoryUsage();
  const started = performance.now();
  const sellers = await sellersOnProbation(platform, HELD);
  // started means its first run applied the (empty) order book and sleeps on its term's timer
  const ids = sellers.map((seller) => seller.probationId);
  for (;;) {
    const ready = await platform.prisma.sellerProbation.count({ where: { id: { in: ids }, NOT: { metrics: { equals: {} } } } });
    if (ready === ids.length) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  collectGarbage();
  const after = process.memoryUsage();
  const perThousand = (bytes: number) => `${((bytes / HELD) * 1000 / 1024 / 1024).toFixed(1)} MiB`;
  console.log(`\n== ${HELD} open probations on one worker (API and worker in this process) ==`);
  console.log(`started and asleep in ${((performance.now() - started) / 1000).toFixed(1)} s; worker's cached workflows: ${platform.workers[0]?.getStatus().numCachedWorkflows ?? 0}`);
  console.log(`memory growth per thousand open probations: rss ${perThousand(after.rss - before.rss)}, heap ${perThousand(after.heapUsed - before.heapUsed)}`);
}

/** `part`: ingestion, history or held (all three when absent): `npm run bench -- probation:held`. */
export async function probationBench(part?: string): Promise<void> {
  const platform = await startBenchPlatform({ workers: true, documents: false });
  try {
    if (!part || part === 'ingestion') await ingestion(platform);
    if (!part || part === 'history') await historyOverAMonth(platform);
    if (!part || part === 'held') await openProbationsHeld(platform);
  } finally {
    await platform.close();
  }
}
