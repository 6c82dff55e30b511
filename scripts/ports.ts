import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * The first port the kernel hands out for outgoing connections. A port taken from below it cannot
 * be grabbed between our check and the server's bind by some process's outgoing connection (the
 * Temporal server opens many of those while it starts, before it binds its HTTP port).
 */
function ephemeralRangeStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low !== undefined && Number.isInteger(low) && low > 2048) return low;
  } catch {
    // not Linux: IANA's dynamic range starts at 49152
  }
  return 32768;
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A port nothing listens on right now (bound, read, released), chosen at random below the
 * ephemeral range so that outgoing connections never land on it before its server binds it.
 */
export async function unusedPort(): Promise<number> {
  const high = ephemeralRangeStart() - 1;
  const low = Math.max(1024, high - 12_000);
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port found between ${low} and ${high}`);
}
