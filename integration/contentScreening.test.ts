/**
 * Content screening end to end on the real API, worker, PostgreSQL and Temporal: one script read
 * by three creators (sent at once, so clustering must be race-free), a creator posting 15 promos
 * in a day, an affiliate post with "#sp" lost at the end of a hashtag block, an escalation settled
 * by a moderator through the console API (resuming the workflow and sending the signed webhook),
 * size limits, and a JSON-lines batch with progress.
 */
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleUser } from './support/console.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';
import { registerWebhook } from './support/vettings.ts';
import { startWebhookReceiver } from './support/webhookReceiver.ts';

let platform: TestPlatform;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  platform = await startTestPlatform();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await platform?.close();
  await receiver?.close();
});

type Screening = {
  id: string;
  status: string;
  verdict: {
    outcome: string | null;
    decidedBy: string | null;
    automated: { outcome: string; policy: { key: string; version: number } } | null;
    review: { caseId: string } | null;
    reasons: { code: string; summary: string }[];
    signals: { code: string; summary: string; evidence: Record<string, unknown>; detector: { id: string; version: string } }[];
  };
  scriptClusterId: string | null;
  disclosure: string | null;
};

const auth = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });

async function submit(apiKey: string, post: Record<string, unknown>, wait = 0) {
  return await platform.app.inject({ method: 'POST', url: `/v1/content-screenings${wait ? `?wait=${wait}` : ''}`, headers: { ...auth(apiKey), 'idempotency-key': randomUUID() }, payload: post });
}

async function read(apiKey: string, id: string): Promise<Screening> {
  const response = await platform.app.inject({ method: 'GET', url: `/v1/content-screenings/${id}`, headers: auth(apiKey) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function settled(apiKey: string, id: string, until: (screening: Screening) => boolean = (screening) => screening.status === 'completed'): Promise<Screening> {
  let latest: Screening | undefined;
  await expect.poll(async () => until((latest = await read(apiKey, id))), { timeout: 30_000, interval: 100 }).toBe(true);
  return latest!;
}

const post = (overrides: Record<string, unknown>) => ({
  postId: `post-${uniqueSuffix()}`,
  creatorId: `creator-${uniqueSuffix()}`,
  postedAt: '2026-11-30T10:00:00Z',
  caption: '#ad my honest pick this week',
  surface: 'image',
  ...overrides,
});

const script =
  'This smart watch changed my mornings. The battery lasts a whole week and the strap never itches. ' +
  'I check my heart rate while I run and it syncs with my phone in seconds. Grab yours from the link below before the sale ends.';
const readings = [
  script,
  'Okay so this smart watch changed my mornings! The battery lasts a full week and the strap never itches. I check my heart rate while I run and it syncs with my phone in seconds. Grab yours from the link in my bio before the sale ends.',
  'I check my heart rate while I run and it syncs with my phone in 2 seconds. This smart watch changed my mornings. The battery lasts a whole week and honestly the strap never itches. Grab yours from the link below before the sale ends!',
];

describe('content screening end to end', () => {
  it('clusters three creators reading one script with small edits, sent at once, with the excerpts side by side', async () => {
    const { apiKey } = await platform.createTenant();
    const creators = ['ana', 'ben', 'chloe'].map((name) => `${name}-${uniqueSuffix()}`);
    const responses = await Promise.all(readings.map((text, index) => submit(apiKey, post({ creatorId: creators[index], caption: `#ad ${text}`, promotedSellerId: 'watch-seller', surface: 'image' }))));
    for (const response of responses) expect(response.statusCode, response.body).toBe(202);
    const screenings = await Promise.all(responses.map((response) => settled(apiKey, response.json().id)));

    const clusterIds = new Set(screenings.map((screening) => screening.scriptClusterId));
    expect(clusterIds.size).toBe(1);
    const shared = screenings.flatMap((screening) => screening.verdict.signals.filter((signal) => signal.code === 'content.shared_script'));
    expect(shared.length).toBeGreaterThanOrEqual(2);
    const last = shared.find((signal) => signal.evidence.clusterSize === 3)!;
    expect(last.evidence).toMatchObject({ clusterId: [...clusterIds][0], creatorCount: 3 });
    const excerpts = last.evidence.excerpts as { post: string; match: string; similarity: number }[];
    expect(excerpts.length).toBeGreaterThan(0);
    expect(excerpts.filter((pair) => !(pair.similarity >= 0.5 && pair.post.length > 0 && pair.match.length > 0))).toEqual([]);
    // Disclosed clearly, but one script read by many is still labelled as paid promotion.
    expect(screenings.find((screening) => screening.verdict.signals.some((signal) => signal.code === 'content.shared_script'))?.verdict.outcome).toBe('label');

    const cluster = await platform.app.inject({ method: 'GET', url: `/v1/script-clusters/${[...clusterIds][0]}`, headers: auth(apiKey) });
    expect(cluster.statusCode, cluster.body).toBe(200);
    expect(cluster.json()).toMatchObject({ postCount: 3, creatorCount: 3, sellers: ['watch-seller'] });
    expect(cluster.json().posts.map((item: { creatorId: string }) => item.creatorId).sort()).toEqual([...creators].sort());

    // Another marketplace cannot see the cluster.
    const other = await platform.createTenant();
    expect((await platform.app.inject({ method: 'GET', url: `/v1/script-clusters/${[...clusterIds][0]}`, headers: auth(other.apiKey) })).statusCode).toBe(404);
  });

  it('flags a creator posting 15 promos in a day with the rate, and reports it on the creator', async () => {
    const { apiKey } = await platform.createTenant();
    const creatorId = `agency-${uniqueSuffix()}`;
    const products = ['smart watch', 'bunion corrector', 'vitamin gummies', 'air fryer', 'face serum'];
    let last: Screening | undefined;
    const outcomes: string[] = [];
    for (let index = 0; index < 15; index += 1) {
      const product = products[index % products.length]!;
      const response = await submit(apiKey, post({ creatorId, postedAt: `2026-11-30T${String(6 + index).padStart(2, '0')}:00:00Z`, caption: `#ad Day ${index}: my ${product} review, number ${index} of the day` }), 10);
      expect(response.statusCode, response.body).toBe(200);
      last = response.json();
      outcomes.push(last!.verdict.automated!.outcome);
    }
    expect(outcomes.slice(0, 10).filter((outcome) => outcome !== 'clean')).toEqual([]);
    expect(outcomes.slice(10).filter((outcome) => outcome !== 'escalate')).toEqual([]);
    const cadence = last!.verdict.signals.find((signal) => signal.code === 'content.cadence_excessive')!;
    expect(cadence.summary).toContain('15 promo posts on 2026-11-30');
    expect(cadence.evidence).toMatchObject({ postsOnDay: 15, maxPerDay: 10 });

    const creator = await platform.app.inject({ method: 'GET', url: `/v1/creators/${creatorId}/content`, headers: auth(apiKey) });
    expect(creator.statusCode, creator.body).toBe(200);
    expect(creator.json()).toMatchObject({ creatorId, postCount: 15, clearDisclosureRate: 1, cadence: { latestDay: '2026-11-30', postsOnLatestDay: 15 } });
  });

  it('labels an affiliate post whose only disclosure is "#sp" at the end of a long hashtag block, with the reason', async () => {
    const { apiKey } = await platform.createTenant();
    const response = await submit(
      apiKey,
      post({
        caption: 'Obsessed with this serum, my skin has never looked better and it sells out every week so grab it fast',
        hashtags: ['skincare', 'glowup', 'beauty', 'serum', 'morningroutine', 'selfcare', 'sp'],
        affiliateLink: true,
        promotedSellerId: 'seller-not-known-here',
      }),
      10,
    );
    expect(response.statusCode, response.body).toBe(200);
    const screening: Screening = response.json();
    expect(screening.verdict).toMatchObject({ outcome: 'label', decidedBy: 'policy', automated: { outcome: 'label', policy: { key: 'content-screening', version: 1 } }, review: null });
    expect(screening.disclosure).toBe('buried');
    const affiliate = screening.verdict.reasons.find((reason) => reason.code === 'content.affiliate_undisclosed')!;
    expect(affiliate.summary).toContain('"#sp"');
    expect(affiliate.summary).toMatch(/after the caption is cut at 125, lost in a block of 7 hashtags/);
    // An unknown seller is accepted and noted.
    expect(screening.verdict.signals.find((signal) => signal.code === 'content.promotion_target_unknown')?.evidence).toMatchObject({ promotedSellerId: 'seller-not-known-here', sellerKnown: false });
    expect(screening.verdict.signals.find((signal) => signal.code === 'content.disclosure_buried')?.detector).toEqual({ id: 'content-disclosure', version: '2' });
  });

  it('opens a case on escalation, in a content queue with the cluster posts side by side; a moderator requests a takedown through the console API, the workflow resumes and the webhook is signed', async () => {
    const { tenantId, apiKey } = await platform.createTenant();
    const secret = await registerWebhook(platform, apiKey, receiver.url);
    const creatorId = `burst-${uniqueSuffix()}`;
    // Another creator reads the script first; the burst's 11th post reads it again.
    const other = await submit(apiKey, post({ creatorId: `reader-${uniqueSuffix()}`, postedAt: '2026-11-29T07:00:00Z', caption: `#ad ${readings[0]}` }), 10);
    expect(other.statusCode, other.body).toBe(200);
    let escalated: Screening | undefined;
    for (let index = 0; index < 11; index += 1) {
      const caption = index === 10 ? `#ad ${readings[1]}` : `#ad Product ${index} is ${'great '.repeat(index + 1)}`;
      const response = await submit(apiKey, post({ creatorId, postedAt: `2026-11-29T${String(8 + index).padStart(2, '0')}:30:00Z`, caption }), 10);
      escalated = response.json();
    }
    const waiting = await settled(apiKey, escalated!.id, (screening) => screening.status === 'awaiting_review');
    expect(waiting.verdict.signals.map((signal) => signal.code)).toEqual(expect.arrayContaining(['content.cadence_excessive', 'content.shared_script']));
    const caseId = waiting.verdict.review!.caseId;

    // In a queue for content screening, with the cluster's posts side by side on the case page.
    const queue = await platform.database.prisma.caseQueue.create({ data: { name: `Scripted content ${uniqueSuffix()}`, subjectTypes: ['content_screening'], tenantIds: [tenantId], roles: ['moderator'] } });
    const moderator = await consoleUser(platform, 'moderator', { marketplaces: [tenantId] });
    const queued = await platform.app.inject({ method: 'GET', url: `/admin/v1/cases?filter=${encodeURIComponent(JSON.stringify({ queueId: queue.id }))}`, headers: moderator.headers });
    expect(queued.statusCode, queued.body).toBe(200);
    expect(queued.json().map((row: { id: string }) => row.id)).toEqual([caseId]);
    const shown = await platform.app.inject({ method: 'GET', url: `/admin/v1/cases/${caseId}`, headers: moderator.headers });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({ subjectType: 'content_screening', subject: { creatorId, disclosure: 'clear', cluster: { postCount: 2, creatorCount: 2 }, creatorCadence: { postsOnLatestDay: 11 } } });
    const [side] = shown.json().subject.sideBySide as { creatorId: string; text: string; excerpts: { post: string; match: string; similarity: number }[] }[];
    expect(side!.text).toBe(`#ad ${readings[0]}`);
    expect(side!.excerpts.some((pair) => pair.post === 'The battery lasts a full week and the strap never itches.' && pair.match === 'The battery lasts a whole week and the strap never itches.')).toBe(true);
    expect((await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${caseId}/claim`, headers: moderator.headers })).statusCode).toBe(200);
    const noNote = await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${caseId}/decision`, headers: moderator.headers, payload: { decision: 'takedown_request' } });
    expect(noNote.statusCode).toBe(400);
    const decided = await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${caseId}/decision`, headers: moderator.headers, payload: { decision: 'takedown_request', note: 'agency account, scripted all day' } });
    expect(decided.statusCode, decided.body).toBe(200);

    const final = await settled(apiKey, escalated!.id);
    expect(final.verdict).toMatchObject({ outcome: 'takedown_request', decidedBy: 'moderator', review: { caseId, decision: 'takedown_request' } });
    const verifier = new Webhook(secret);
    const events = () =>
      receiver.received
        .map((request) => ({ request, body: JSON.parse(request.body) as { type: string; data: { screeningId: string } } }))
        .filter(({ body }) => body.data.screeningId === escalated!.id);
    await expect.poll(() => events().length, { timeout: 15_000 }).toBe(1);
    const [{ request }] = events() as [ReturnType<typeof events>[number]];
    expect(verifier.verify(request.body, request.headers as Record<string, string>)).toMatchObject({
      type: 'content_screening.completed',
      data: { screeningId: escalated!.id, creatorId, status: 'completed', verdict: { outcome: 'takedown_request', decidedBy: 'moderator', automated: { outcome: 'escalate' }, reasons: expect.arrayContaining([expect.objectContaining({ code: 'content.cadence_excessive' })]) } },
    });
  });

  it('refuses oversize text with 413, unknown fields with 400, and a second submission of a post with 409', async () => {
    const { apiKey } = await platform.createTenant();
    const big = await submit(apiKey, post({ caption: 'x'.repeat(5_001) }));
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'text-too-large', errors: [{ field: 'body/caption' }] });
    const unknown = await submit(apiKey, post({ verdict: 'clean' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('validation-failed');
    const first = post({});
    expect((await submit(apiKey, first)).statusCode).toBe(202);
    const again = await submit(apiKey, first);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('post-already-screened');
    // Text is stored as given: markup stays text.
    const markup = await submit(apiKey, post({ caption: '<script>alert(1)</script> #ad love it' }), 10);
    expect(markup.json().post.caption).toBe('<script>alert(1)</script> #ad love it');
  });

  it('screens a JSON-lines batch, refusing bad lines by number, and reports progress', async () => {
    const { apiKey } = await platform.createTenant();
    const lines = [JSON.stringify(post({})), '{not json', JSON.stringify(post({ surface: 'radio' })), JSON.stringify(post({ caption: 'no disclosure at all here', affiliateLink: true }))];
    const response = await platform.app.inject({
      method: 'POST',
      url: '/v1/content-screenings/batches',
      headers: { ...auth(apiKey), 'idempotency-key': randomUUID(), 'content-type': 'application/x-ndjson' },
      payload: lines.join('\n'),
    });
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toMatchObject({ lines: 4, accepted: 2, refused: [{ line: 2, code: 'malformed-json' }, { line: 3, code: 'validation-failed' }] });
    const url = `/v1/content-screenings/batches/${response.json().id}`;
    await expect.poll(async () => (await platform.app.inject({ method: 'GET', url, headers: auth(apiKey) })).json().done, { timeout: 30_000 }).toBe(true);
    expect((await platform.app.inject({ method: 'GET', url, headers: auth(apiKey) })).json()).toMatchObject({ progress: { completed: 2 }, outcomes: { clean: 1, label: 1 } });
  });
});
