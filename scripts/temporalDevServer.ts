import { spawn } from 'node:child_process';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { unusedPort } from './ports.ts';
import { restrictDatabaseFiles, withPrivateUmask } from './privateDatabaseFile.ts';

export interface RunningTemporal {
  address: string;
  databaseFile: string;
  stop(): Promise<void>;
}

/**
 * A headless dev server on free ports with its SQLite file (mode 0600) in workDir. A port that
 * another process takes between our check and the server's bind is a race no check can close, so a
 * start that fails on a taken port is tried again on fresh ports.
 */
export async function startTemporalDevServer(binary: string, workDir: string): Promise<RunningTemporal> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(binary, workDir);
    } catch (error) {
      if (attempt >= 3 || !/address already in use/.test(String(error))) throw error;
    }
  }
}

async function startOnce(binary: string, workDir: string): Promise<RunningTemporal> {
  const [port, httpPort, metricsPort] = [await unusedPort(), await unusedPort(), await unusedPort()];
  const databaseFile = path.join(workDir, 'temporal.sqlite');
  await restrictDatabaseFiles(databaseFile);
  const child = withPrivateUmask(() =>
    spawn(
      binary,
      ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--http-port', String(httpPort),
        '--metrics-port', String(metricsPort), '--db-filename', databaseFile, '--log-level', 'error'],
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
  await restrictDatabaseFiles(databaseFile);
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
