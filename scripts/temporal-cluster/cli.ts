/**
 * `npx tsx scripts/temporalCluster.ts up [--port N] [--work-dir DIR] [--postgres-url URL] [--log-level L]`:
 * the cluster in the foreground until Ctrl-C.
 */
import { join, resolve } from 'node:path';
import { startTemporalCluster } from './cluster.ts';
import { describeExit, type Log } from './process.ts';

export interface UpArgs {
  port?: number;
  workDir?: string;
  postgresUrl?: string;
  logLevel?: string;
}

/** Arguments of `temporalCluster.ts up`. */
export function parseUpArgs(argv: string[]): UpArgs {
  const args: UpArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const raw = value();
        const port = Number(raw);
        if (!Number.isInteger(port)) throw new Error(`--port must be an integer, got ${raw}`);
        args.port = port;
        break;
      }
      case '--work-dir':
        args.workDir = value();
        break;
      case '--postgres-url':
        args.postgresUrl = value();
        break;
      case '--log-level':
        args.logLevel = value();
        break;
      default:
        throw new Error(`unknown argument: ${arg}`);
    }
  }
  return args;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'up') {
    process.stderr.write(
      'usage: npx tsx scripts/temporalCluster.ts up [--port N] [--work-dir DIR] [--postgres-url URL] [--log-level LEVEL]\n' +
        '  Starts Temporal on PostgreSQL in the foreground (databases bonafide_temporal*, recreated); Ctrl-C stops it.\n',
    );
    return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
  }
  const args = parseUpArgs(rest);
  const repoRoot = resolve(import.meta.dirname, '..', '..');
  const log: Log = (line) => process.stderr.write(`[temporal-cluster] ${line}\n`);
  const cluster = await startTemporalCluster({
    workDir: args.workDir ?? join(repoRoot, '.data', 'temporal-cluster'),
    frontendPort: args.port,
    postgresUrl: args.postgresUrl ?? process.env.TEMPORAL_CLUSTER_POSTGRES_URL,
    logLevel: args.logLevel,
    log,
  });
  process.stdout.write(`TEMPORAL_ADDRESS=${cluster.address}\nTEMPORAL_NAMESPACE=${cluster.namespace}\n`);
  log(`server log: ${cluster.logFile}; press Ctrl-C to stop`);
  const outcome = await Promise.race([
    new Promise<NodeJS.Signals>((resolvePromise) => {
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(s, () => resolvePromise(s));
    }),
    cluster.exited,
  ]);
  if (typeof outcome !== 'string') {
    log(`Temporal server exited on its own (${describeExit(outcome)}); see ${cluster.logFile}`);
    return 1;
  }
  log(`${outcome}: stopping`);
  await cluster.stop();
  log('stopped');
  return 0;
}

/** Runs main() and exits with its status; an error is printed without a stack. */
export function runCli(argv: string[]): void {
  main(argv).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
