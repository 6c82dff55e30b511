/** Child processes of the Temporal cluster's set-up (go, the sql tool): run, collect, describe. */
import { spawn } from 'node:child_process';

export type Log = (line: string) => void;
export type Env = Record<string, string | undefined>;

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  output: string[];
}

/** Runs a command to completion; stdout is collected, and the last 200 lines of stdout and stderr are kept. */
export async function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Env } = {},
): Promise<RunResult> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env as NodeJS.ProcessEnv | undefined,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  const output: string[] = [];
  const lineSplitter = () => {
    let pending = '';
    return {
      push(chunk: string) {
        pending += chunk;
        const parts = pending.split('\n');
        pending = parts.pop() ?? '';
        for (const part of parts) emit(part);
      },
      flush() {
        if (pending !== '') emit(pending);
        pending = '';
      },
    };
  };
  const emit = (line: string) => {
    output.push(line);
    if (output.length > 200) output.shift();
  };
  const outLines = lineSplitter();
  const errLines = lineSplitter();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    outLines.push(chunk);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => errLines.push(chunk));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('close', (c, s) => resolvePromise([c, s]));
  });
  outLines.flush();
  errLines.flush();
  return { code, signal, stdout, output };
}

export function describeExit(result: { code: number | null; signal: NodeJS.Signals | null }): string {
  return result.signal ? `signal ${result.signal}` : `exit code ${result.code}`;
}

/** The last `count` non-empty lines of `text`. */
export function lastLines(text: string, count: number): string[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.slice(Math.max(0, lines.length - count));
}
