import { spawn } from 'node:child_process';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { unusedPort } from './ports.ts';
import { restrictDatabaseFiles, withPrivateUmask } from './privateDatabaseFile.ts';

export interface RunningTemporal {
  address: string;
  /** its SQLite file; null when it keeps its state in memory */
  databaseFile: string | null;
  stop(): Promise<void>;
}

/**
 * A headless dev server on free ports with its SQLite file (mode 0600) in workDir, or its state in
 * memory (`state: 'memory'`: a server thrown away after one run, whose disk writes would only
 * measure the machine's disk). A port that another process takes between our check and the
 * server's bind is a race no check can close, so a start that fails on a taken port is tried again
 * on fresh ports.
 */
export async function startTemporalDevServer(binary: string, workDir: string, { state = 'file' }: { state?: 'file' | 'memory' } = {}): Promise<RunningTemporal> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(binary, state === 'file' ? path.join(workDir, 'temporal.sqlite') : null);
    } catch (error) {
      if (attempt >= 3 || !/address already in use/.test(String(error))) throw error;
    }
  }
}

async function startOnce(binary: string, databaseFile: string | null): Promise<RunningTemporal> {
  const [port, httpPort, metricsPort] = [await unusedPort(), await unusedPort(), await unusedPort()];
  if (databaseFile) await restrictDatabaseFiles(databaseFile);
  const child = withPrivateUmask(() =>
    spawn(
      binary,
      ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--http-port', String(httpPort),
        '--metrics-port', String(metricsPort), ...(databaseFile ? ['--db-filename', databaseFile] : []), '--log-level', 'error'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    ),
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Temporal dev server exited (${child.exitCode}): ${stderr}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.workflowService.describeNamespace({ namespace: 'default' });
      await connection.close();
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`Temporal dev server did not come up on ${address}: ${String(error)} ${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  if (databaseFile) await restrictDatabaseFiles(databaseFile);
  return {
    address,
    databaseFile,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
