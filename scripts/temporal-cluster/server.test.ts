import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { waitUntilReady } from './server.ts';

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('waitUntilReady', () => {
  // A first run spends minutes building the server before it starts it: the wait's deadline must
  // start with the wait, not with the run, or it expires before the first attempt.
  it('gives the server its whole timeout from the moment the wait starts, and says what it saw', { timeout: 20_000 }, async () => {
    const lines: string[] = [];
    const started = Date.now();
    const error = await waitUntilReady({
      address: `127.0.0.1:${await closedPort()}`,
      namespace: 'default',
      timeoutMs: 2_500,
      progressEveryMs: 1_000,
      hasExited: () => undefined,
      log: (line) => lines.push(line),
    }).then(
      () => new Error('resolved'),
      (caught: unknown) => caught as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_400);
    expect(error.message).toMatch(/timed out after 2\.5 s waiting for the frontend at .*attempts: [1-9]\d*; last error: \S/);
    expect(lines.some((line) => line.includes('still waiting for the frontend'))).toBe(true);
  });

  it('stops waiting when the server process exits', async () => {
    const error = await waitUntilReady({
      address: `127.0.0.1:${await closedPort()}`,
      namespace: 'default',
      timeoutMs: 10_000,
      hasExited: () => ({ code: 1, signal: null }),
      log: () => undefined,
    }).then(
      () => new Error('resolved'),
      (caught: unknown) => caught as Error,
    );
    expect(error.message).toContain('the server exited');
  });
});
