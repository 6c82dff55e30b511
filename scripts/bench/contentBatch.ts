/**
 * A content backfill through the platform (JSON-lines upload, batch workflow, range activities on
 * the bulk queue, posts screened in time order against PostgreSQL, verdicts stored, escalations
 * started as their own review-only workflows) against the content detectors alone on the same
 * posts in this process, in the same run: screenPost over the in-memory store (the evaluation's)
 * and the policy's verdict. The aim: the backfill at 25% or more of the detectors' rate.
 *
 * `npm run bench -- content-batch`; BENCH_BATCH_SIZE posts (2,000), from generated streams
 * (fixtures/content-screening/generate.ts: scripts read by many creators, an agency, honest posts),
 * each stream with its own creators and scripts.
 */
import { randomUUID } from 'node:crypto';
import type { ContentScreeningParameters } from '../../core/contentScreening.ts';
import { generateStream } from '../../fixtures/content-screening/generate.ts';
import { screenPost } from '../../workers/contentScreening/screenPost.ts';
import type { Surface } from '../../workers/detectors/contentDisclosure/index.ts';
import shippedPolicy from '../../workers/policy/contentScreeningPolicy.v1.json' with { type: 'json' };
import { evaluatePolicy, type PolicyRules } from '../../workers/policy/policy.ts';
import { createMemoryContentStore } from '../eval/contentMemoryStore.ts';
import { batchWorkflowId } from '../../workflows/names.ts';
import { batchTimeline, printTimeline } from './batchTimeline.ts';
import { startBenchPlatform } from './environment.ts';

export async function benchContentBatch(size = Number(process.env.BENCH_BATCH_SIZE ?? 2000)): Promise<void> {
  const lines: Record<string, unknown>[] = [];
  for (let seed = 1; lines.length < size; seed += 1) lines.push(...generateStream(1000 + seed, `bench-${seed}`).map((line) => ({ ...line.post, postId: `${line.post.postId}-${seed}` })));
  lines.length = size;
  const policy = shippedPolicy as PolicyRules;
  const parameters = policy.parameters as unknown as ContentScreeningParameters;
  const inTimeOrder = [...lines].sort((left, right) => String(left.postedAt).localeCompare(String(right.postedAt)));

  // The detectors alone, with the policy's verdict, over the same posts in time order (best of three passes, a fresh store each).
  const detectorPass = async () => {
    const { store } = createMemoryContentStore();
    const started = performance.now();
    for (const [index, line] of inTimeOrder.entries()) {
      const post = {
        id: `post-${index}`, externalPostId: String(line.postId), creatorId: String(line.creatorId), postedAt: new Date(String(line.postedAt)), caption: String(line.caption),
        transcript: (line.transcript as string | undefined) ?? null, onScreenText: (line.onScreenText as string | undefined) ?? null, hashtags: (line.hashtags as string[] | undefined) ?? [],
        promotedListingId: null, promotedSellerId: (line.promotedSellerId as string | undefined) ?? null, affiliateLink: Boolean(line.affiliateLink), platformPaidLabel: Boolean(line.platformPaidLabel),
        surface: line.surface as Surface,
      };
      void evaluatePolicy(policy, (await screenPost(store, post, parameters)).signals);
    }
    return size / ((performance.now() - started) / 1000);
  };
  await detectorPass();
  const detectorRate = Math.max(await detectorPass(), await detectorPass(), await detectorPass());

  const platform = await startBenchPlatform({ workers: true, documents: false });
  const auth = { authorization: `Bearer ${platform.apiKey}` };
  try {
    const upload = async (batch: Record<string, unknown>[]) => {
      const started = performance.now();
      const startedAt = Date.now();
      // answered when the backfill ends (?wait: its end is notified, not polled for), or at the wait's end
      const response = await fetch(`${platform.url}/v1/content-screenings/batches?wait=30`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/x-ndjson', 'idempotency-key': randomUUID() },
        body: batch.map((line) => JSON.stringify(line)).join('\n'),
      });
      if (response.status !== 200 && response.status !== 202) throw new Error(`backfill refused: ${response.status} ${await response.text()}`);
      const answer = (await response.json()) as { id: string; status: string; accepted: number; progress: Record<string, number>; createdAt: string };
      const { id } = answer;
      // the intake's answer was the batch's row written (same machine, same clock)
      const uploadedAt = Date.parse(answer.createdAt);
      if (answer.status === 'completed') return { seconds: (performance.now() - started) / 1000, workflowId: batchWorkflowId('content_screening', id), times: { startedAt, uploadedAt, observedAt: Date.now() }, ...answer };
      for (;;) {
        const progress = (await (await fetch(`${platform.url}/v1/content-screenings/batches/${id}`, { headers: auth })).json()) as { status: string; accepted: number; progress: Record<string, number> };
        if (progress.status === 'completed') return { seconds: (performance.now() - started) / 1000, workflowId: batchWorkflowId('content_screening', id), times: { startedAt, uploadedAt, observedAt: Date.now() }, ...progress };
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    // warm the workers and the workflow cache
    await upload(lines.slice(0, 50).map((line) => ({ ...line, postId: `warm-${String(line.postId)}` })));
    const run = await upload(lines);
    const batchRate = size / run.seconds;
    const escalated = await platform.prisma.verdictRecord.count({ where: { outcome: 'escalate', subjectType: 'content_screening' } });
    console.log(`\n== Content backfill: ${size} posts through the API, one main and one bulk worker, dev Temporal server ==`);
    console.log(`backfill:        ${batchRate.toFixed(0)} posts/s upload to completed (${run.seconds.toFixed(1)} s; ${JSON.stringify(run.progress)}; ${escalated} escalations, warm-up included)`);
    console.log(`detectors alone: ${detectorRate.toFixed(0)} posts/s (screenPost over the in-memory store and the policy, one core, this process)`);
    console.log(`ratio backfill/detectors: ${((100 * batchRate) / detectorRate).toFixed(1)}% (aim: at least 25%)`);
    printTimeline(await batchTimeline(platform.temporal, run.workflowId, run.times));
  } finally {
    await platform.close();
  }
}
