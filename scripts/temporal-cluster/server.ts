/**
 * The Temporal server process: stopping one that a previous run left behind, starting it with its
 * output in a log file, stopping it, and waiting until its frontend serves the namespace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import { processExists } from '../processes.ts';
import { describeExit, lastLines, type Log } from './process.ts';

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const SERVER_PID_FILE = 'temporal-server.pid';
const SERVER_LOG_FILE = 'temporal-server.log';

/**
 * If a previous run in this work directory left its server running (its pid file is there and the
 * process with that id is our server binary), stop it so it releases its ports and databases.
 */
export async function stopLeftoverServer(workDir: string, serverBinary: string, log: Log): Promise<void> {
  const pidFile = join(workDir, SERVER_PID_FILE);
  let pid: number;
  try {
    pid = Number((await readFile(pidFile, 'utf8')).trim());
  } catch {
    return;
  }
  await rm(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 1) return;
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return; // not running (or no /proc: leave it alone)
  }
  if (!cmdline.split('\0').includes(serverBinary) || !cmdline.includes(workDir)) return;
  log(`stopping Temporal server ${pid} left over from a previous run in ${workDir}`);
  const alive = () => processExists(pid);
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let waited = 0; waited < 20_000 && alive(); waited += 200) await sleep(200);
  if (alive()) process.kill(pid, 'SIGKILL');
}

/** The last `count` lines of the server log, for an error message. */
export function readTail(path: string, count: number): string {
  try {
    return lastLines(readFileSync(path, 'utf8'), count).join('\n');
  } catch {
    return '(no server log)';
  }
}

function grpcCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

const GRPC_ALREADY_EXISTS = 6;

export interface ServerProcess {
  pid: number | undefined;
  /** The server's combined stdout/stderr. */
  logFile: string;
  /** How the process ended, once it has. */
  exit(): ServerExit | undefined;
  /** Resolves when the process has ended (after stop(), or if it dies on its own). */
  exited: Promise<ServerExit>;
  /** SIGTERM, then SIGKILL if it is still running 30 s later; removes the pid file. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts `serverBinary` on the config in `workDir/config`, with its output in
 * `workDir/temporal-server.log` and its pid in `workDir/temporal-server.pid`. A normal exit of this
 * process stops it too.
 */
export async function launchServer(serverBinary: string, workDir: string, log: Log): Promise<ServerProcess> {
  const logFile = join(workDir, SERVER_LOG_FILE);
  const logFd = openSync(logFile, 'w');
  let child: ChildProcess;
  try {
    child = spawn(serverBinary, ['--root', workDir, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'], {
      cwd: workDir, // the dynamic config path in the config is relative to the working directory
      stdio: ['ignore', logFd, logFd],
    });
  } finally {
    closeSync(logFd);
  }
  let exited: ServerExit | undefined;
  const exitPromise = new Promise<void>((resolvePromise) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolvePromise();
    });
    child.once('error', (error) => {
      exited ??= { code: null, signal: null };
      log(`Temporal server process error: ${String(error)}`);
      resolvePromise();
    });
  });
  if (child.pid !== undefined) await writeFile(join(workDir, SERVER_PID_FILE), `${child.pid}\n`);
  // A normal exit of this process must not leave the server behind.
  const onProcessExit = () => {
    if (!exited) child.kill('SIGTERM');
  };
  process.once('exit', onProcessExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', onProcessExit);
      if (!exited) {
        child.kill('SIGTERM');
        // A cancelled timer: a pending one would keep the caller's event loop alive.
        const graceTimer = new AbortController();
        const killed = await Promise.race([
          exitPromise.then(() => false),
          sleep(30_000, true, { signal: graceTimer.signal }).catch(() => false),
        ]);
        graceTimer.abort();
        if (killed && !exited) {
          log('Temporal server did not stop within 30 s of SIGTERM; sending SIGKILL');
          child.kill('SIGKILL');
          await exitPromise;
        }
      }
      await rm(join(workDir, SERVER_PID_FILE), { force: true });
    })();
    return stopping;
  };

  return { pid: child.pid, logFile, exit: () => exited, exited: exitPromise.then(() => exited ?? { code: null, signal: null }), stop };
}

/**
 * Registers the namespace (if need be) and resolves once clients can use it; rejects after
 * `timeoutMs` or if the server exits. The deadline starts here, with the wait: a first run spends
 * minutes building the server and creating its schema first, and a deadline counted from the
 * start of the run had passed before the first attempt (the server log was still empty).
 * Every `progressEveryMs` it logs what it is waiting for and the last error, so a slow start on
 * a busy machine can be told from a hung one.
 */
export async function waitUntilReady(input: {
  address: string;
  namespace: string;
  timeoutMs: number;
  hasExited: () => ServerExit | undefined;
  log: Log;
  progressEveryMs?: number;
}): Promise<void> {
  const { address, namespace } = input;
  const started = Date.now();
  const deadline = started + input.timeoutMs;
  const progressEveryMs = input.progressEveryMs ?? 15_000;
  let nextProgress = started + progressEveryMs;
  let lastError: unknown;
  let attempts = 0;
  let connection: Connection | undefined;
  let registered = false;
  let phase = 'waiting for the frontend';
  const describeLast = () => (lastError === undefined ? 'none' : lastError instanceof Error ? lastError.message : String(lastError));
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  try {
    // At least one attempt, whatever the clock says.
    do {
      const exit = input.hasExited();
      if (exit) throw new Error(`the server exited (${describeExit(exit)}) after ${elapsed()} while ${phase}`);
      attempts += 1;
      try {
        connection ??= await Connection.connect({ address, connectTimeout: Math.max(500, Math.min(2_000, deadline - Date.now())) });
        const callDeadline = Math.max(Date.now() + 1_000, Math.min(deadline, Date.now() + 10_000));
        if (!registered) {
          phase = `registering namespace ${namespace}`;
          try {
            await connection.withDeadline(callDeadline, () =>
              connection!.workflowService.registerNamespace({
                namespace,
                workflowExecutionRetentionPeriod: msToTs('1 day'),
              }),
            );
          } catch (error) {
            if (grpcCode(error) !== GRPC_ALREADY_EXISTS) throw error;
          }
          registered = true;
          input.log(`namespace ${namespace} registered after ${elapsed()}`);
        }
        // describeNamespace reads the database; listing goes through the services' namespace
        // caches, so success there means workers and clients can use the namespace.
        phase = `waiting for namespace ${namespace} to propagate`;
        await connection.withDeadline(callDeadline, () => connection!.workflowService.describeNamespace({ namespace }));
        await connection.withDeadline(callDeadline, () =>
          connection!.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 }),
        );
        return;
      } catch (error) {
        lastError = error;
        if (Date.now() >= nextProgress) {
          input.log(`still ${phase} at ${address} after ${elapsed()} (attempts: ${attempts}; last error: ${describeLast()})`);
          nextProgress = Date.now() + progressEveryMs;
        }
        await sleep(Math.max(0, Math.min(500, deadline - Date.now())));
      }
    } while (Date.now() < deadline);
    throw new Error(
      `timed out after ${(input.timeoutMs / 1000).toFixed(1)} s ${phase} at ${address} (attempts: ${attempts}; last error: ${describeLast()})`,
    );
  } finally {
    await connection?.close().catch(() => undefined);
  }
}
