/**
 * The built console served the way `npm start` serves it (`vite preview`, proxying /admin/v1, /v1,
 * /healthz and /docs to the API), on a free port, from a build made once per test file into a
 * temporary folder (so it never races a build of admin-ui/dist).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../../scripts/processes.ts';

const root = path.join(import.meta.dirname, '..', '..', '..');
const vite = path.join(root, 'node_modules', '.bin', 'vite');
const config = path.join(root, 'admin-ui', 'vite.config.ts');

export interface RunningConsole {
  url: string;
  stop(): Promise<void>;
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode}): ${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`vite preview did not serve ${url} within 30 s: ${output()}`);
}

export async function startConsole(options: { port: number; apiUrl: string }): Promise<RunningConsole> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'bonafide-console-'));
  await run(vite, ['build', '--config', config, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const child = spawn(vite, ['preview', '--config', config, '--outDir', outDir, '--port', String(options.port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, API_PUBLIC_URL: options.apiUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  await waitUntilServing(url, child, () => output);
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
