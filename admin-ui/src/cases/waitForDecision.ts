import type { CaseRecord } from './types.ts';

export interface WaitOptions {
  intervalMs: number;
  attempts: number;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * After the API accepted a decision, the workflow records it: reads the case until its status
 * is `decided` (then returns it), or gives up after `attempts` reads (returns undefined) so a
 * slow worker leaves the page usable. Read errors end the wait early, as does an abort.
 */
export async function waitForDecision<R extends Pick<CaseRecord, 'status'>>(
  load: () => Promise<R>,
  { intervalMs, attempts, sleep = defaultSleep, signal }: WaitOptions,
): Promise<R | undefined> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (signal?.aborted) return undefined;
    const record = await load();
    if (record.status === 'decided') return record;
    if (attempt < attempts - 1) await sleep(intervalMs);
  }
  return undefined;
}
