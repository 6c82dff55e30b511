/**
 * Authenticity checks for `npm run bench -- authenticity`, each figure beside a baseline measured
 * in the same run, on a throwaway platform (its database is dropped at the end, 10 million codes
 * with it):
 *
 * 1. Code-only checks per second through the API with the workers running: POST `?wait=30` with a
 *    code the brand's registry issued, CHECKS_IN_FLIGHT at once, to the answer (likely genuine),
 *    against system probes (a one-activity workflow's round trip) at the same concurrency.
 * 2. A registry of BENCH_REGISTRY_CODES (10 million) codes, loaded in SQL with generate_series
 *    (never through the API): lookup latency through `GET /v1/brands/:brandKey/codes/:gtin/:serial`
 *    against a primary-key read of the same table over one pg connection and against
 *    `GET /v1/brands/:brandKey` (the API's floor for an authenticated one-row read), interleaved one
 *    at a time, p50 and p99 of each.
 * 2b. A check with three photos, POST to its answer, p50 against a listing screening with the
 *    same three pictures, one at a time, alternating.
 * 3. The import rate of `POST /v1/brands/:brandKey/codes` (100,000 new codes a request, into the
 *    loaded table), in codes per second, against one set-based INSERT … SELECT of as many rows.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pLimit from 'p-limit';
import pg from 'pg';
import { percentile } from '../percentile.ts';
import { workerProcesses } from '../workerProcesses.ts';
import { startBenchPlatform, type BenchPlatform } from './environment.ts';
import { startWorkerProcess, type BenchWorkerProcess } from './workerProcess.ts';
import { cpuSecondsOfProcessesNamed, machineBusySeconds, processCpuSeconds } from './cpuTime.ts';
import { ms } from './stats.ts';


const GTIN = '09506000134352';
const BRAND = 'bench-brand';
const CHECKS = Number(process.env.BENCH_AUTHENTICITY_CHECKS ?? 600);
const CHECKS_IN_FLIGHT = Number(process.env.BENCH_AUTHENTICITY_IN_FLIGHT ?? 32);
const REGISTRY_CODES = Number(process.env.BENCH_REGISTRY_CODES ?? 10_000_000);
/** rows a statement of the load inserts: progress is printed between them */
const LOAD_STEP = 1_000_000;
const LOOKUPS = 2_000;
/** checks with three photos timed (and as many listings), after two of each to warm up */
const PHOTO_CHECKS = Number(process.env.BENCH_PHOTO_CHECKS ?? 20);
const IMPORT_LINES = 100_000;
const IMPORT_REQUESTS = 3;

const serialOf = (prefix: string, index: number) => `${prefix}${String(index).padStart(9, '0')}`;

/**
 * One code in this many the bench loads is revoked, so that share of code-only checks is a
 * counterfeit with its workflow (BENCH_AUTHENTICITY_REVOKED_EVERY=2: every other one).
 */
const REVOKED_EVERY = Number(process.env.BENCH_AUTHENTICITY_REVOKED_EVERY ?? 100);

/** `count` codes `<prefix>000000001`… of the bench brand, every REVOKED_EVERY-th revoked, inserted in SQL. */
async function loadCodes(platform: BenchPlatform, prefix: string, from: number, count: number): Promise<void> {
  await platform.prisma.$executeRaw`
    INSERT INTO brand_codes (tenant_id, gtin, serial, brand_key, status)
    SELECT ${platform.tenantId}::uuid, ${GTIN}, ${prefix} || lpad(g::text, 9, '0'), ${BRAND}, CASE WHEN g % ${REVOKED_EVERY}::int = 0 THEN 'revoked' ELSE 'issued' END
    FROM generate_series(${from}::int, ${from + count - 1}::int) AS g`;
}

async function inFlight(count: number, concurrency: number, one: (index: number) => Promise<void>): Promise<number> {
  const limit = pLimit(concurrency);
  const started = performance.now();
  await Promise.all(Array.from({ length: count }, (_, index) => limit(() => one(index))));
  return count / ((performance.now() - started) / 1000);
}

/** The marketplace's webhook receiver: counts the completed events, answers 204 at once. */
async function startReceiver(): Promise<{ url: string; completed: () => number; close: () => Promise<void> }> {
  let completed = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if ((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string }).type === 'authenticity_check.completed') completed += 1;
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    completed: () => completed,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** CPU seconds so far of the processes a check goes through (the bench's own holds the API). */
function cpuSnapshot(workers: BenchWorkerProcess[]): Record<string, number> {
  const own = process.cpuUsage();
  return {
    'this process (API, the load, the receiver)': (own.user + own.system) / 1e6,
    ...Object.fromEntries(workers.map((worker) => [`worker process ${worker.name}`, processCpuSeconds(worker.pid)])),
    'Temporal dev server': cpuSecondsOfProcessesNamed('temporal'),
    'PostgreSQL (every backend on the machine)': cpuSecondsOfProcessesNamed('postgres'),
    'machine, all processes': machineBusySeconds(),
  };
}

async function checksPerSecond(platform: BenchPlatform, workers: BenchWorkerProcess[]): Promise<void> {
  await loadCodes(platform, 'C', 1, CHECKS + 100);
  const headers = { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json' };
  // every completed check's webhook is delivered to a receiver in this process, as a marketplace's would be
  const receiver = await startReceiver();
  const endpoint = await fetch(`${platform.url}/v1/webhook-endpoints`, { method: 'POST', headers: { ...headers, 'idempotency-key': randomUUID() }, body: JSON.stringify({ url: receiver.url }) });
  if (endpoint.status !== 201) throw new Error(`webhook endpoint: HTTP ${endpoint.status} ${await endpoint.text()}`);
  let unanswered = 0;
  const check = async (index: number) => {
    const body = { orderId: `bench-${randomUUID()}`, buyerId: `buyer-${index}`, sellerId: 'shop-bench', brandKey: BRAND, claimedCode: `(01)${GTIN}(21)${serialOf('C', index + 1)}` };
    const response = await fetch(`${platform.url}/v1/authenticity-checks?wait=30`, { method: 'POST', headers: { ...headers, 'idempotency-key': randomUUID() }, body: JSON.stringify(body) });
    const answer = (await response.json()) as { status: string; verdict?: { outcome: string | null } };
    if (response.status !== 200 || answer.status !== 'completed') unanswered += 1;
  };
  // Probes have no `?wait`: their ends are watched in the database, one query every 20 ms for all
  // that run. Polling the API for each of 32 probes every 20 ms was 1,600 requests a second on the
  // process being measured, and made the baseline a measure of the polling.
  const running = new Map<string, () => void>();
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (running.size === 0) continue;
      const ended = await platform.prisma.systemProbe.findMany({ where: { id: { in: [...running.keys()] }, status: { not: 'running' } }, select: { id: true } });
      for (const { id } of ended) {
        running.get(id)?.();
        running.delete(id);
      }
    }
  })();
  const probe = async () => {
    const accepted = (await (await fetch(`${platform.url}/v1/system-probes`, { method: 'POST', headers: { authorization: headers.authorization } })).json()) as { id: string };
    await new Promise<void>((resolve) => running.set(accepted.id, resolve));
  };
  await inFlight(40, CHECKS_IN_FLIGHT, (index) => check(CHECKS + 50 + index)); // warm the worker, the workflow cache and the pools
  unanswered = 0;
  const probes = await inFlight(Math.ceil(CHECKS / 3), CHECKS_IN_FLIGHT, probe);
  watching = false;
  await watcher;
  const deliveredBefore = receiver.completed();
  const cpuBefore = cpuSnapshot(workers);
  const checksStarted = performance.now();
  const checks = await inFlight(CHECKS, CHECKS_IN_FLIGHT, check);
  const answeredAt = performance.now();
  const cpuAfter = cpuSnapshot(workers);
  // the marketplace has every check's completed webhook: the rate the dispatcher kept up with
  const deliveryDeadline = Date.now() + 120_000;
  while (receiver.completed() - deliveredBefore < CHECKS && Date.now() < deliveryDeadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const delivered = receiver.completed() - deliveredBefore;
  const deliveredAt = performance.now();
  await receiver.close();
  console.log(`\n== Code-only authenticity checks through the API (${CHECKS} checks, ${CHECKS_IN_FLIGHT} in flight, POST ?wait=30, dev Temporal server) ==`);
  console.log(`checks:        ${checks.toFixed(1)} checks/s to their answer (${unanswered} not answered within the wait) (aim: 200/s on 2 cores)`);
  console.log(`webhooks:      ${delivered} of ${CHECKS} completed events at the receiver, the last ${ms(deliveredAt - answeredAt)} after the last answer (${(delivered / ((deliveredAt - checksStarted) / 1000)).toFixed(1)} events/s from the first check)`);
  console.log(`system probes: ${probes.toFixed(1)} round trips/s (baseline: one-activity workflow, its end seen in the database within 20 ms)`);
  console.log(`ratio checks/probes: ${(checks / probes).toFixed(2)}`);
  console.log(`CPU per check, POST to the last answer (${((answeredAt - checksStarted) / 1000).toFixed(1)} s of wall time):`);
  for (const [name, before] of Object.entries(cpuBefore)) console.log(`  ${name}: ${ms(((cpuAfter[name]! - before) * 1000) / CHECKS)}`);
  // the checks the wait gave up on finish before anything else is measured: their workflows would take the same cores
  const deadline = Date.now() + 600_000;
  while ((await platform.prisma.authenticityCheck.count({ where: { status: { notIn: ['completed', 'failed'] } } })) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function registryLookups(platform: BenchPlatform, client: pg.Client): Promise<void> {
  const started = performance.now();
  for (let from = 1; from <= REGISTRY_CODES; from += LOAD_STEP) {
    await loadCodes(platform, 'S', from, Math.min(LOAD_STEP, REGISTRY_CODES - from + 1));
    process.stdout.write(`\r[bench] registry: ${Math.min(from + LOAD_STEP - 1, REGISTRY_CODES).toLocaleString('en')} codes loaded`);
  }
  await client.query('VACUUM ANALYZE brand_codes');
  const loadSeconds = (performance.now() - started) / 1000;
  const size = await client.query<{ table: string; indexes: string }>(`SELECT pg_size_pretty(pg_table_size('brand_codes')) AS table, pg_size_pretty(pg_indexes_size('brand_codes')) AS indexes`);
  console.log(`\n\n== Registry of ${REGISTRY_CODES.toLocaleString('en')} codes (generate_series in SQL: ${loadSeconds.toFixed(0)} s with VACUUM ANALYZE; table ${size.rows[0]!.table}, indexes ${size.rows[0]!.indexes}) ==`);

  const authorization = `Bearer ${platform.apiKey}`;
  const api: number[] = [];
  const brandRead: number[] = [];
  const primaryKey: number[] = [];
  const statuses = new Map<string, number>();
  // random codes, one in fifty never issued, each read both ways, in alternating order
  for (let index = 0; index < LOOKUPS; index++) {
    const n = 1 + Math.floor(Math.random() * REGISTRY_CODES);
    const serial = index % 50 === 0 ? serialOf('X', n) : serialOf('S', n);
    const throughApi = async () => {
      const at = performance.now();
      const response = await fetch(`${platform.url}/v1/brands/${BRAND}/codes/${GTIN}/${serial}`, { headers: { authorization } });
      const body = (await response.json()) as { status: string };
      api.push(performance.now() - at);
      statuses.set(body.status, (statuses.get(body.status) ?? 0) + 1);
    };
    const byPrimaryKey = async () => {
      const at = performance.now();
      await client.query({ name: 'code-by-key', text: 'SELECT status, batch, expires_on, brand_key FROM brand_codes WHERE tenant_id = $1 AND gtin = $2 AND serial = $3', values: [platform.tenantId, GTIN, serial] });
      primaryKey.push(performance.now() - at);
    };
    // the floor of any authenticated one-row read through the API: the key, its per-minute limit, one brand row
    const brandThroughApi = async () => {
      const at = performance.now();
      await (await fetch(`${platform.url}/v1/brands/${BRAND}`, { headers: { authorization } })).arrayBuffer();
      brandRead.push(performance.now() - at);
    };
    const order = [throughApi, byPrimaryKey, brandThroughApi];
    for (let step = 0; step < order.length; step++) await order[(index + step) % order.length]!();
  }
  const [api50, api99, pk50, pk99] = [percentile(api, 0.5), percentile(api, 0.99), percentile(primaryKey, 0.5), percentile(primaryKey, 0.99)];
  console.log(`lookups (${LOOKUPS} random codes one at a time; answers ${[...statuses].map(([status, count]) => `${status} ${count}`).join(', ')}):`);
  console.log(`GET /v1/brands/:brandKey/codes/:gtin/:serial: p50 ${ms(api50)}, p99 ${ms(api99)}`);
  console.log(`primary-key read over one pg connection:     p50 ${ms(pk50)}, p99 ${ms(pk99)} (baseline)`);
  console.log(`GET /v1/brands/:brandKey (an authenticated one-row read): p50 ${ms(percentile(brandRead, 0.5))}, p99 ${ms(percentile(brandRead, 0.99))} (the API's floor)`);
  console.log(`ratios API/primary key: p50 ${(api50 / pk50).toFixed(1)}x, p99 ${(api99 / pk99).toFixed(1)}x; lookup/brand read: p50 ${(api50 / percentile(brandRead, 0.5)).toFixed(2)}x, p99 ${(api99 / percentile(brandRead, 0.99)).toFixed(2)}x`);
}

async function importRate(platform: BenchPlatform, client: pg.Client): Promise<void> {
  const rates: number[] = [];
  for (let request = 0; request < IMPORT_REQUESTS; request++) {
    const lines = Array.from({ length: IMPORT_LINES }, (_, index) => JSON.stringify({ gtin: GTIN, serial: serialOf(`I${request}`, index + 1).slice(0, 20), status: index % 100 === 0 ? 'revoked' : 'issued', batch: `L${request}` }));
    const body = lines.join('\n');
    const started = performance.now();
    // an import batch: timed from the upload to the answer of its `?wait`, when every code is written
    const response = await fetch(`${platform.url}/v1/brands/${BRAND}/codes?wait=30`, { method: 'POST', headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/x-ndjson', 'idempotency-key': randomUUID() }, body });
    const answer = (await response.json()) as { inserted: number; refused: number };
    const seconds = (performance.now() - started) / 1000;
    if (response.status !== 200 || answer.inserted !== IMPORT_LINES) throw new Error(`import answered ${response.status}: ${JSON.stringify(answer).slice(0, 300)}`);
    rates.push(IMPORT_LINES / seconds);
  }
  // the same request again: every code unchanged (the idempotent path)
  const again = Array.from({ length: IMPORT_LINES }, (_, index) => JSON.stringify({ gtin: GTIN, serial: serialOf('I0', index + 1), status: index % 100 === 0 ? 'revoked' : 'issued', batch: 'L0' })).join('\n');
  let started = performance.now();
  const repeated = await fetch(`${platform.url}/v1/brands/${BRAND}/codes?wait=30`, { method: 'POST', headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/x-ndjson', 'idempotency-key': randomUUID() }, body: again });
  const unchanged = ((await repeated.json()) as { unchanged: number }).unchanged;
  const repeatRate = IMPORT_LINES / ((performance.now() - started) / 1000);
  // the floor: as many rows inserted by one set-based statement, no parsing, no checks
  started = performance.now();
  await client.query(
    `INSERT INTO brand_codes (tenant_id, gtin, serial, brand_key, status, batch) SELECT $1::uuid, $2, 'B' || lpad(g::text, 9, '0'), $3, 'issued', 'LB' FROM generate_series(1, $4::int) AS g`,
    [platform.tenantId, GTIN, BRAND, IMPORT_LINES],
  );
  const sqlRate = IMPORT_LINES / ((performance.now() - started) / 1000);
  const median = percentile(rates, 0.5);
  console.log(`\n== Import: POST /v1/brands/:brandKey/codes, ${IMPORT_LINES.toLocaleString('en')} JSON lines a request, into the ${REGISTRY_CODES.toLocaleString('en')}-code table ==`);
  console.log(`new codes:      ${rates.map((rate) => rate.toFixed(0)).join(', ')} codes/s (${IMPORT_REQUESTS} requests; median ${median.toFixed(0)})`);
  console.log(`sent again:     ${repeatRate.toFixed(0)} codes/s (${unchanged.toLocaleString('en')} unchanged)`);
  console.log(`INSERT … SELECT generate_series of as many rows: ${sqlRate.toFixed(0)} codes/s (baseline)`);
  console.log(`ratio import/INSERT (median): ${(median / sqlRate).toFixed(2)}`);
}

/**
 * A check with three photos (product, label, code: settled, fingerprinted, codes read, the label's
 * words read on the heavy queue, compared with the gallery and other checks) against a listing
 * screening with the same three pictures (fingerprints, picture text, gallery), one at a time,
 * alternating, each POST `?wait=30` to its answer. The photos are the frozen authenticity set's,
 * a different trio each time (no check copies another's photos).
 */
async function photoCheckLatency(platform: BenchPlatform): Promise<void> {
  const folder = new URL('../../fixtures/authenticity-checks/photos/', import.meta.url);
  const files = await readdir(folder);
  const ofKind = (kind: string) => files.filter((file) => file.endsWith(`-${kind}.jpg`)).sort();
  const [products, labels, codes] = [ofKind('product'), ofKind('label'), ofKind('code')];
  const trios = Math.min(PHOTO_CHECKS + 2, products.length, labels.length, codes.length);
  const photo = async (file: string) => (await readFile(new URL(file, folder))).toString('base64');
  const headers = { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json' };
  const timed = async (url: string, body: unknown): Promise<number> => {
    const started = performance.now();
    const response = await fetch(`${platform.url}${url}?wait=30`, { method: 'POST', headers: { ...headers, 'idempotency-key': randomUUID() }, body: JSON.stringify(body) });
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status} (not answered within the wait) ${(await response.text()).slice(0, 300)}`);
    return elapsed;
  };
  const checks: number[] = [];
  const listings: number[] = [];
  for (let index = 0; index < trios; index += 1) {
    const [product, label, code] = await Promise.all([photo(products[index]!), photo(labels[index]!), photo(codes[index]!)]);
    const check = await timed('/v1/authenticity-checks', {
      orderId: `bench-photos-${randomUUID()}`, buyerId: `buyer-photos-${index}`, sellerId: 'shop-bench', brandKey: BRAND,
      photos: [{ kind: 'product', imageBase64: product }, { kind: 'label', imageBase64: label }, { kind: 'code', imageBase64: code }],
    });
    const listing = await timed('/v1/listing-screenings', {
      listingId: `bench-photos-${randomUUID()}`, sellerId: 'shop-bench', title: 'Bench Brand detangling brush', description: 'Gentle on wet hair.', price: { amount: 18, currency: 'USD' },
      images: [{ imageBase64: product }, { imageBase64: label }, { imageBase64: code }],
    });
    // the first two of each warm the workers, the OCR engines and the pools
    if (index >= 2) {
      checks.push(check);
      listings.push(listing);
    }
  }
  const p50 = (values: number[]) => percentile(values, 0.5);
  console.log(`\n== A check with three photos against a listing with the same three pictures (${checks.length} each, one at a time, POST ?wait=30 to the answer) ==`);
  console.log(`authenticity check:  p50 ${ms(p50(checks))}, p90 ${ms(percentile(checks, 0.9))}`);
  console.log(`listing screening:   p50 ${ms(p50(listings))}, p90 ${ms(percentile(listings, 0.9))} (baseline)`);
  console.log(`ratio check/listing (p50): ${(p50(checks) / p50(listings)).toFixed(2)}`);
}

export async function authenticityBench(): Promise<void> {
  // The workers run as `npm start` runs them, in processes of their own beside the API's
  // (BENCH_AUTHENTICITY_WORKERS=inline: in the bench's process, as before)
  const inline = process.env.BENCH_AUTHENTICITY_WORKERS === 'inline';
  const platform = await startBenchPlatform({ workers: inline, documents: true });
  const started: BenchWorkerProcess[] = [];
  const client = new pg.Client({ connectionString: platform.workerEnv.DATABASE_URL });
  try {
    if (!inline) {
      for (const spec of workerProcesses(['main', 'documents', 'bulk'])) {
        const main = spec.queues.includes('main');
        started.push(await startWorkerProcess({
          name: spec.name, queues: spec.queues, env: platform.workerEnv, client: platform.temporal,
          pollQueue: main ? { name: platform.config.TEMPORAL_TASK_QUEUE, workflows: true } : { name: platform.config.TEMPORAL_BULK_TASK_QUEUE, workflows: false },
        }));
      }
    }
    console.log(`[bench] workers: ${inline ? 'in the bench process' : `${started.length} processes of their own (${started.map((worker) => worker.name).join(', ')})`}`);
    await client.connect();
    const brand = await fetch(`${platform.url}/v1/brands/${BRAND}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bench Brand', gtins: [GTIN], serialPattern: '[A-Z][A-Z0-9]\\d{8,9}', codeRegistry: 'bonafide' }),
    });
    if (brand.status !== 200) throw new Error(`PUT brand answered ${brand.status}: ${await brand.text()}`);
    const only = process.env.BENCH_AUTHENTICITY_ONLY;
    // BENCH_AUTHENTICITY_ONLY=checks | photos | registry: one part alone (to profile it)
    if (!only || only === 'checks') await checksPerSecond(platform, started);
    if (!only || only === 'photos') await photoCheckLatency(platform);
    if (only && only !== 'registry') return;
    await registryLookups(platform, client);
    await importRate(platform, client);
  } finally {
    for (const worker of started.reverse()) await worker.stop();
    await client.end().catch(() => undefined);
    // drops the bench database, the 10 million codes with it
    await platform.close();
  }
}
