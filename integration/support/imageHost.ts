/**
 * A local HTTP host for the pictures a test's listings, gallery uploads or checks point at by URL:
 * `/<name>` answers the file put under that name (a picture as image/jpeg, or `{ body, type }`),
 * anything else 404. Files may be added while it runs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HostedFile = Buffer | { body: Buffer | string; type: string };

export interface ImageHost {
  /** `http://127.0.0.1:<port>`, to which a file's name is appended */
  base: string;
  files: Map<string, HostedFile>;
  close(): Promise<void>;
}

export async function startImageHost(files: Record<string, HostedFile> = {}): Promise<ImageHost> {
  const hosted = new Map(Object.entries(files));
  const server = createServer((request, response) => {
    const file = hosted.get((request.url ?? '').slice(1));
    if (!file) response.writeHead(404).end('not found');
    else if (Buffer.isBuffer(file)) response.writeHead(200, { 'content-type': 'image/jpeg' }).end(file);
    else response.writeHead(200, { 'content-type': file.type }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    files: hosted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
