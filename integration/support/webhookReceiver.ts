/**
 * A marketplace's webhook receiver for tests: a real HTTP server on 127.0.0.1 that records every
 * request byte for byte and answers from a script (e.g. 503 with Retry-After, then 200).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface ReceivedWebhook {
  body: string;
  headers: IncomingHttpHeaders;
  at: number;
}

export interface ScriptedReply {
  status: number;
  headers?: Record<string, string>;
}

export async function startWebhookReceiver(script: ScriptedReply[] = []) {
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: request.headers, at: Date.now() });
      const reply = script[received.length - 1] ?? { status: 204 };
      response.writeHead(reply.status, reply.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/bonafide-webhooks`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
