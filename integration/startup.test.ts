/**
 * The process entry points, started as a user starts them: a bad setting or an unreachable
 * dependency ends in one clear line and a non-zero exit, never a bare stack trace.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { unusedPort } from '../scripts/ports.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function runEntry(entry: string, env: Record<string, string>, untilOutput?: RegExp) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', DATA_ENCRYPTION_KEY: inject('dataEncryptionKey'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  const matched = new Promise<void>((resolve, reject) => {
    if (!untilOutput) return resolve();
    const timer = setInterval(() => {
      if (untilOutput.test(stdout + stderr)) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`exited before printing ${untilOutput}: ${stdout}${stderr}`));
    });
  });
  return { child, exited, matched };
}

describe('process start-up', () => {
  it('a bad setting stops the API with one line naming the variable', async () => {
    const { exited } = runEntry('api/server.ts', { API_PORT: 'eighty' });
    const { code, stderr } = await exited;
    expect(code).toBe(78);
    expect(stderr.trim()).toBe('Invalid configuration: API_PORT must be an integer (got "eighty")');
  });

  it('the API gives up on an unreachable PostgreSQL with a log line per attempt and a clear exit', async () => {
    const port = await unusedPort();
    const { exited } = runEntry('api/server.ts', {
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/bonafide`,
      STARTUP_RETRY_ATTEMPTS: '3',
      STARTUP_RETRY_INTERVAL_MS: '50',
    });
    const { code, stdout, stderr } = await exited;
    expect(code).toBe(1);
    expect(stdout.match(/is not reachable \(connect ECONNREFUSED/g)).toHaveLength(2);
    expect(stderr.trim()).toBe(
      `api could not start: PostgreSQL at 127.0.0.1:${port}/bonafide is not reachable after 3 attempts: connect ECONNREFUSED 127.0.0.1:${port}. ` +
        'Check DATABASE_URL and that PostgreSQL is running (npm run setup creates the database).',
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('the worker gives up on an unreachable Temporal with a clear exit', async () => {
    const port = await unusedPort();
    const { exited } = runEntry('workers/main.ts', {
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
      STARTUP_RETRY_ATTEMPTS: '1',
      STARTUP_RETRY_INTERVAL_MS: '50',
    });
    const { code, stderr } = await exited;
    expect(code).toBe(1);
    expect(stderr).toContain(`worker could not start: Temporal at 127.0.0.1:${port} is not reachable after 2 attempts`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('the API comes up while Temporal is down, says so, reports it in /healthz and stops cleanly on SIGTERM', async () => {
    const [apiPort, temporalPort] = [await unusedPort(), await unusedPort()];
    const { child, exited, matched } = runEntry(
      'api/server.ts',
      { DATABASE_URL: inject('databaseUrl'), TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`, API_PORT: String(apiPort), LOG_LEVEL: 'info' },
      /Server listening/,
    );
    await matched;
    const response = await fetch(`http://127.0.0.1:${apiPort}/healthz`);
    expect(response.status).toBe(503);
    expect((await response.json()).checks.temporal.status).toBe('down');
    expect((await fetch(`http://127.0.0.1:${apiPort}/v1/unknown`, { headers: { 'x-request-id': 'trace-me' } })).status).toBe(404);
    child.kill('SIGTERM');
    const { code, stdout } = await exited;
    expect(code).toBe(0);
    expect(stdout).toContain(`Temporal at 127.0.0.1:${temporalPort} is not reachable yet`);
    // logs are JSON lines with request ids
    const requestLines = stdout.split('\n').filter((line) => line.includes('trace-me')).map((line) => JSON.parse(line));
    expect(requestLines.length).toBeGreaterThanOrEqual(2);
    expect(requestLines.filter((line) => !(line.requestId === 'trace-me'))).toEqual([]);
  });
});
