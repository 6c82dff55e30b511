/** Talking HTTP/1.1 over a real socket, for what app.inject cannot show: connection handling. */
import net from 'node:net';

export interface RawExchange {
  /** everything the server sent before closing, or before `waitMs` passed */
  received: string;
  /** true when the server closed the connection */
  closed: boolean;
}

/** Writes `chunks` (pausing between them) and collects what comes back until close or `waitMs`. */
export async function rawExchange(port: number, chunks: (string | Buffer)[], waitMs = 3_000, localAddress?: string): Promise<RawExchange> {
  const socket = net.connect({ host: '127.0.0.1', port, ...(localAddress ? { localAddress } : {}) });
  let received = '';
  let closed = false;
  socket.on('data', (data) => (received += data.toString('latin1')));
  socket.on('error', () => undefined); // a reset after the answer is what we are checking for
  const ended = new Promise<void>((resolve) => socket.once('close', () => ((closed = true), resolve())));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  for (const chunk of chunks) {
    if (socket.destroyed) break;
    socket.write(chunk);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, waitMs))]);
  socket.destroy();
  return { received, closed };
}

/** The status and headers of the first response in `raw`. */
export function firstResponse(raw: string): { status: number; headers: Record<string, string>; body: string } {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}
