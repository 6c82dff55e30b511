import { spawn, type ChildProcess } from 'node:child_process';

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

const colours = [36, 35, 33, 32, 34];

/**
 * Runs the platform's processes side by side with prefixed output. Ctrl-C (or SIGTERM) stops them
 * in reverse start order, each with SIGTERM first; if one dies on its own the others are stopped
 * and the supervisor exits non-zero, so a broken start is never mistaken for a running platform.
 */
export class Supervisor {
  private readonly children: { spec: ServiceSpec; child: ChildProcess }[] = [];
  private stopping = false;

  constructor(private readonly onFailure: (name: string, code: number | null, signal: string | null) => void) {}

  start(spec: ServiceSpec): ChildProcess {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: false,
    });
    const colour = colours[this.children.length % colours.length];
    const prefix = `\u001b[${colour}m${spec.name.padEnd(8)}\u001b[0m| `;
    const forward = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) stream.write(`${prefix}${line}\n`);
    };
    child.stdout?.on('data', forward(process.stdout));
    child.stderr?.on('data', forward(process.stderr));
    child.on('exit', (code, signal) => {
      if (!this.stopping) this.onFailure(spec.name, code, signal);
    });
    this.children.push({ spec, child });
    return child;
  }

  async stopAll(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    for (const { child } of [...this.children].reverse()) await stopChild(child, graceMs);
  }
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
