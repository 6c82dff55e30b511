/**
 * `npm run bench -- cluster`: listing batches on the Temporal server backed by PostgreSQL (the
 * server `npm run test:cluster` builds and starts), screened by one bulk worker process and then by
 * two, as `npm start` runs them (scripts/workerProcesses.ts: the main queue in one process, bulk
 * work in processes of its own). The figure is the ratio of the two rates in the same run; the
 * aim is two processes at 1.6x one or better.
 *
 * Two shapes of work: one batch alone (its workflow keeps LISTING_BATCH_CHUNKS_IN_FLIGHT ranges
 * in flight), and BENCH_CLUSTER_BATCHES (4) batches uploaded at once, as several marketplaces
 * would. Each shape runs BENCH_CLUSTER_ROUNDS (3) times per process count and the median run
 * counts (a shared machine slows one run in several). BULK_WORKER_MAX_ACTIVITIES,
 * LISTING_BATCH_CHUNK_SIZE, LISTING_BATCH_CHUNKS_IN_FLIGHT and DATABASE_POOL_SIZE in the environment
 * size the platform as they would in production. Beside each rate: the CPU time of each
 * process over the run (worker processes, the Temporal server, every PostgreSQL backend of the
 * machine, this process with the API) and the machine's busy time, which say where the time went
 * and whether a core was left for the second process.
 */
import os from 'node:os';
import { loadListingSet } from '../eval/listingEvaluation.ts';
import { percentile } from '../percentile.ts';
import { workerProcesses } from '../workerProcesses.ts';
import { withBenchCluster } from './cluster.ts';
import { cpuSecondsOfProcessesNamed, machineBusySeconds, processCpuSeconds } from './cpuTime.ts';
import { startBenchPlatform } from './environment.ts';
import { listingBatchLines, listingBatchMixes, putBrandCatalog, runListingBatch } from './listingBatch.ts';
import { startWorkerProcess, type BenchWorkerProcess } from './workerProcess.ts';

type BenchPlatform = Awaited<ReturnType<typeof startBenchPlatform>>;

interface RunFigures {
  bulkProcesses: number;
  listings: number;
  listingsPerSecond: number;
  seconds: number;
  /** CPU seconds per second of the run, per process (or group). */
  cores: Record<string, number>;
}

const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);

export async function benchClusterScaleOut(): Promise<void> {
  await withBenchCluster('scaleout', (cluster) => scaleOut(cluster.address, cluster.namespace, cluster.serverPid));
}

async function scaleOut(address: string, namespace: string, serverPid: number): Promise<void> {
  const size = Number(process.env.BENCH_BATCH_SIZE ?? 2000);
  const concurrentBatches = Number(process.env.BENCH_CLUSTER_BATCHES ?? 4);
  const rounds = Number(process.env.BENCH_CLUSTER_ROUNDS ?? 3);
  // the sizing settings, when given, reach the API (chunking) and the worker processes alike
  const sizing = ['BULK_WORKER_MAX_ACTIVITIES', 'LISTING_BATCH_CHUNK_SIZE', 'LISTING_BATCH_CHUNKS_IN_FLIGHT', 'DATABASE_POOL_SIZE'];
  const settings = Object.fromEntries(sizing.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));
  const platform = await startBenchPlatform({ workers: false, temporal: { address, namespace }, settings });
  const started: BenchWorkerProcess[] = [];
  try {
    // The production topology: the interactive queues in one process, bulk work in others.
    const [interactive, bulk] = workerProcesses(['main', 'bulk']);
    const startWorker = async (spec: typeof interactive, name: string) => {
      const worker = await startWorkerProcess({
        name, queues: spec!.queues, env: platform.workerEnv, client: platform.temporal,
        pollQueue: spec!.queues.includes('main') ? { name: platform.config.TEMPORAL_TASK_QUEUE, workflows: true } : { name: platform.config.TEMPORAL_BULK_TASK_QUEUE, workflows: false },
      });
      started.push(worker);
      return worker;
    };
    log('starting the main worker process and one bulk worker process');
    const main = await startWorker(interactive, 'worker');
    const bulkWorkers = [await startWorker(bulk, 'bulk-1')];
    await putBrandCatalog(platform);

    const set = loadListingSet();
    const [, pick] = listingBatchMixes(set)[0]!;
    let runNumber = 0;
    const measure = async (batches: number): Promise<RunFigures> => {
      runNumber += 1;
      const uploads = Array.from({ length: batches }, (_, index) => listingBatchLines(pick, Math.round(size / batches), `r${runNumber}b${index}-`));
      const pids = { worker: [main.pid], bulk: bulkWorkers.map((worker) => worker.pid), temporal: [serverPid] };
      const cpuBefore = cpuSnapshot(pids);
      const startedAt = performance.now();
      const results = await Promise.all(uploads.map((lines) => runListingBatch(platform, lines)));
      const seconds = (performance.now() - startedAt) / 1000;
      const cpuAfter = cpuSnapshot(pids);
      const failed = results.reduce((sum, result) => sum + result.failed, 0);
      if (failed > 0) log(`${failed} listings failed in this run`);
      const listings = uploads.reduce((sum, lines) => sum + lines.length, 0);
      const cores = Object.fromEntries(Object.keys(cpuAfter).map((key) => [key, (cpuAfter[key]! - cpuBefore[key]!) / seconds]));
      return { bulkProcesses: bulkWorkers.length, listings, listingsPerSecond: listings / seconds, seconds, cores };
    };
    // All the one-process runs, then the second process and all the two-process runs: a process
    // is never stopped between runs (a stopped worker's last poll can take a range with it until
    // the range's heartbeat timeout; one such run took 140 s, ten times the others).
    const shapes = [['one batch', 1], [`${concurrentBatches} batches at once`, concurrentBatches]] as const;
    const figures = new Map<string, RunFigures[]>(shapes.map(([shape]) => [shape, []]));
    for (const count of [1, 2]) {
      if (count === 2) bulkWorkers.push(await startWorker(bulk, 'bulk-2'));
      // a freshly started process warms up (module loading, its database pool, the brand catalog) outside the figures
      await runListingBatch(platform, listingBatchLines(pick, 400, `warm-${count}-`));
      for (let round = 0; round < rounds; round++) {
        for (const [shape, batches] of shapes) {
          const run = await measure(batches);
          figures.get(shape)!.push(run);
          log(`${shape}, ${count} bulk process(es): ${run.listingsPerSecond.toFixed(0)} listings/s (${run.seconds.toFixed(1)} s)`);
        }
      }
    }
    for (const [shape, batches] of shapes) report(shape, size, batches, figures.get(shape)!, platform);
  } finally {
    for (const worker of started.reverse()) await worker.stop();
    await platform.close();
  }
}

function cpuSnapshot(pids: { worker: number[]; bulk: number[]; temporal: number[] }): Record<string, number> {
  const sum = (list: number[]) => list.reduce((total, pid) => total + processCpuSeconds(pid), 0);
  return {
    'bulk worker processes': sum(pids.bulk),
    'main worker process': sum(pids.worker),
    'Temporal server': sum(pids.temporal),
    'PostgreSQL (every backend on the machine)': cpuSecondsOfProcessesNamed('postgres'),
    'this process (API, uploads, polling)': process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
    'machine, all processes': machineBusySeconds(),
  };
}

function report(shape: string, size: number, batches: number, figures: RunFigures[], platform: BenchPlatform): void {
  // the median run (see the header)
  const mean = (count: number, pickValue: (run: RunFigures) => number) => percentile(figures.filter((run) => run.bulkProcesses === count).map(pickValue), 0.5);
  const one = mean(1, (run) => run.listingsPerSecond);
  const two = mean(2, (run) => run.listingsPerSecond);
  const { config } = platform;
  console.log(`\n== Listing batches on Temporal with PostgreSQL, ${shape} (${size} listings, ${batches} upload(s), text only, one in fifty flagged) ==`);
  console.log(`settings: BULK_WORKER_MAX_ACTIVITIES ${config.BULK_WORKER_MAX_ACTIVITIES} per process, LISTING_BATCH_CHUNK_SIZE ${config.LISTING_BATCH_CHUNK_SIZE}, LISTING_BATCH_CHUNKS_IN_FLIGHT ${config.LISTING_BATCH_CHUNKS_IN_FLIGHT}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((value) => value.toFixed(1)).join(' ')}`);
  console.log(`one bulk process:  ${one.toFixed(0)} listings/s (runs: ${figures.filter((run) => run.bulkProcesses === 1).map((run) => run.listingsPerSecond.toFixed(0)).join(', ')})`);
  console.log(`two bulk processes: ${two.toFixed(0)} listings/s (runs: ${figures.filter((run) => run.bulkProcesses === 2).map((run) => run.listingsPerSecond.toFixed(0)).join(', ')})`);
  console.log(`ratio two/one: ${(two / one).toFixed(2)}x (aim: at least 1.6x)`);
  // CPU per listing does not depend on how busy the machine is; cores busy say whether the
  // platform got the machine (a load of other work takes it, whatever the process count).
  console.log('per process: cores busy during the runs (CPU s per s) and CPU ms per listing, one bulk process / two:');
  const perListing = (key: string) => (run: RunFigures) => (1000 * run.cores[key]! * run.seconds) / run.listings;
  for (const key of Object.keys(figures[0]!.cores)) {
    const cores = `${mean(1, (run) => run.cores[key]!).toFixed(2)} / ${mean(2, (run) => run.cores[key]!).toFixed(2)}`;
    console.log(`  ${key.padEnd(44)} ${cores.padEnd(12)} ${mean(1, perListing(key)).toFixed(2)} / ${mean(2, perListing(key)).toFixed(2)} ms`);
  }
}
