/**
 * Waiting for a dependency at process start: each failed attempt is logged on one line, and
 * after the last one the process gets an error whose message says what to check.
 */
export class DependencyUnavailableError extends Error {
  constructor(
    readonly dependency: string,
    message: string,
  ) {
    super(message);
    this.name = 'DependencyUnavailableError';
  }
}

export interface WaitOptions {
  /** what is being waited for, e.g. "PostgreSQL at 127.0.0.1:5432/bonafide" */
  name: string;
  attempts: number;
  intervalMs: number;
  /** what to tell the operator after the last attempt */
  hint: string;
  log: (line: string) => void;
}

export async function waitForDependency<T>(check: () => Promise<T>, options: WaitOptions): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
      if (attempt < options.attempts) {
        options.log(
          `${options.name} is not reachable (${describeError(error)}); retrying in ${options.intervalMs / 1000}s (attempt ${attempt}/${options.attempts})`,
        );
        await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
      }
    }
  }
  throw new DependencyUnavailableError(
    options.name,
    `${options.name} is not reachable after ${options.attempts} attempts: ${describeError(lastError)}. ${options.hint}`,
  );
}

export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const message = error.message.split('\n')[0] ?? error.name;
    return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
  }
  return String(error);
}

/** Ends a process that cannot start: one clear line on stderr, exit status 1, no stack trace. */
export function exitWithStartupError(processName: string, error: unknown): never {
  const message = error instanceof DependencyUnavailableError ? error.message : describeError(error);
  process.stderr.write(`${processName} could not start: ${message}\n`);
  process.exit(1);
}
