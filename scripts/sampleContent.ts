/**
 * Development sample content: the agency of the tune stream (fixtures/content-screening/tune.jsonl)
 * and the readers of one script, posted through the API with the development key, so the console
 * has content-screening escalations (a coordinated group, a creator posting 15 promos in a day)
 * with clusters to show side by side. A post already screened answers 409 and is skipped, so
 * restarting `npm start` adds nothing.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FixtureLine } from '../fixtures/content-screening/generate.ts';

const stream = path.join(import.meta.dirname, '..', 'fixtures', 'content-screening', 'tune.jsonl');

export async function submitSampleContent(apiUrl: string, apiKey: string, log: (line: string) => void): Promise<void> {
  const lines = (await readFile(stream, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as FixtureLine);
  const firstReaderScript = lines.find((line) => line.truth.role === 'script_reader')?.truth.scriptId;
  const samples = lines.filter((line) => line.truth.role === 'agency' || (line.truth.role === 'script_reader' && line.truth.scriptId === firstReaderScript));
  let submitted = 0;
  for (const { post } of samples) {
    const response = await fetch(`${apiUrl}/v1/content-screenings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
      body: JSON.stringify({ ...post, postId: `sample-${post.postId}` }),
    });
    if (response.status === 409) continue;
    if (response.status !== 202) throw new Error(`content screening answered ${response.status}: ${await response.text()}`);
    submitted += 1;
  }
  if (submitted > 0) log(`submitted ${submitted} sample promotional posts (content screening escalations will appear in the console)`);
}
