import { OutboundResponseTooLargeError } from './errors.ts';

/**
 * Reads a response body up to `limit` bytes. Past the limit it stops reading and cancels the
 * stream (dropping the connection rather than draining a hostile or endless body), then either
 * throws or returns what fits, flagged as truncated.
 */
export async function readLimitedBody(
  response: Response,
  limit: number,
  oversized: 'throw' | 'truncate',
): Promise<{ body: Uint8Array; truncated: boolean }> {
  const declaredLength = Number(response.headers.get('content-length') ?? 0);
  if (oversized === 'throw' && declaredLength > limit) {
    await response.body?.cancel();
    throw new OutboundResponseTooLargeError(limit, response.status);
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const chunk = reader ? await reader.read() : { done: true as const };
    if (chunk.done) return { body: Buffer.concat(chunks, received), truncated: false };
    if (received + chunk.value.byteLength > limit) {
      await reader?.cancel();
      if (oversized === 'throw') throw new OutboundResponseTooLargeError(limit, response.status);
      chunks.push(chunk.value.subarray(0, limit - received));
      return { body: Buffer.concat(chunks, limit), truncated: true };
    }
    chunks.push(chunk.value);
    received += chunk.value.byteLength;
  }
}
