import { randomUUID } from 'node:crypto';
import type { TestPlatform } from './platform.ts';

/**
 * Sends a brand's unit codes as JSON lines and waits for the import batch to finish (`?wait`),
 * as a marketplace enrolling a brand would: the answer is the finished import (200) or, should it
 * still be running after the wait, 202.
 */
export async function importCodes(platform: Pick<TestPlatform, 'app'>, apiKey: string, brandKey: string, lines: readonly (string | object)[] | string) {
  const payload = typeof lines === 'string' ? lines : lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');
  return await platform.app.inject({
    method: 'POST',
    url: `/v1/brands/${brandKey}/codes?wait=30`,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/x-ndjson', 'idempotency-key': randomUUID() },
    payload,
  });
}
