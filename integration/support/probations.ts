/** Putting sellers on probation under a policy of seconds, and following them through the real API. */
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { expect } from 'vitest';
import { probationStartInput } from '../../api/routes/seller-probations/ingest.ts';
import { SELLER_PROBATION_POLICY_KEY, type ProbationParameters } from '../../core/sellerProbation.ts';
import type { Prisma } from '../../prisma/generated/client.ts';
import { enrolProbation } from '../../workers/activities/sellerProbationStore.ts';
import shippedPolicy from '../../workers/policy/sellerProbationPolicy.v1.json' with { type: 'json' };
import type { sellerProbation } from '../../workflows/sellerProbation.ts';
import type { ReceivedWebhook } from './webhookReceiver.ts';
import { uniqueSuffix, type TestPlatform } from './platform.ts';

/** A probation of seconds: ship within 3 s, a term of 10 s, small samples. */
export const SECONDS_POLICY: ProbationParameters = {
  ...shippedPolicy.parameters,
  shipWindowSeconds: 3,
  probationSeconds: 10,
  probationOrders: 3,
  extensionSeconds: 5,
  maxExtensions: 1,
  minimumSampleOrders: 4,
  dayLengthSeconds: 3600,
};

/**
 * The version in force for new probations (the highest) stays the shipped defaults in tests: a
 * copy pinned at this number, above every test version, so the probations other test files'
 * vettings start never run on a policy of seconds (their webhooks and cases would appear there).
 */
const PINNED_DEFAULTS_VERSION = 1_000_000;

/**
 * Stores a version of the probation policy with these numbers, below the pinned defaults, and
 * returns it; probations under test name it. Versions are global, so a concurrent creation is
 * retried with the next number.
 */
export async function probationPolicyVersion(platform: TestPlatform, parameters: Partial<ProbationParameters> = {}): Promise<number> {
  const { prisma } = platform.database;
  const defaults = shippedPolicy as unknown as Prisma.InputJsonObject;
  await prisma.policy.createMany({
    data: [
      { key: SELLER_PROBATION_POLICY_KEY, version: 1, rules: defaults, note: 'shipped default', createdBy: 'system' },
      { key: SELLER_PROBATION_POLICY_KEY, version: PINNED_DEFAULTS_VERSION, rules: defaults, note: 'test: the shipped defaults stay in force', createdBy: 'test' },
    ],
    skipDuplicates: true,
  });
  const rules = { ...shippedPolicy, parameters: { ...SECONDS_POLICY, ...parameters } } as unknown as Prisma.InputJsonObject;
  for (let attempt = 0; ; attempt++) {
    const latest = await prisma.policy.findFirst({ where: { key: SELLER_PROBATION_POLICY_KEY, version: { lt: PINNED_DEFAULTS_VERSION } }, orderBy: { version: 'desc' } });
    const version = (latest?.version ?? 1) + 1;
    try {
      await prisma.policy.create({ data: { key: SELLER_PROBATION_POLICY_KEY, version, rules, note: 'test policy of seconds', createdBy: 'test' } });
      return version;
    } catch (error) {
      if (attempt > 5) throw error;
    }
  }
}

/** An approved seller on probation under `policyVersion`, its workflow started as a vetting would. */
export async function sellerOnProbation(platform: TestPlatform, tenantId: string, options: { policyVersion: number; historyLimit?: number }) {
  const externalId = `seller-${uniqueSuffix()}`;
  const { prisma } = platform.database;
  const seller = await prisma.seller.create({ data: { tenantId, externalId, status: 'approved', approvedAt: new Date() } });
  const probation = await enrolProbation(prisma, { tenantId, sellerId: seller.id, vettingId: null, now: new Date(), policyVersion: options.policyVersion });
  await platform.temporal.workflow.start<typeof sellerProbation>('sellerProbation', {
    workflowId: probation.workflowId,
    taskQueue: platform.config.TEMPORAL_TASK_QUEUE,
    args: [{ ...probationStartInput(platform.config, probation.id), historyLimit: options.historyLimit }],
  });
  return { sellerId: externalId, probationId: probation.id, workflowId: probation.workflowId, startedAt: probation.startedAt };
}

export async function postEvents(platform: TestPlatform, apiKey: string, sellerId: string, events: unknown) {
  return await platform.app.inject({ method: 'POST', url: `/v1/sellers/${sellerId}/events`, headers: { authorization: `Bearer ${apiKey}` }, payload: events as Record<string, unknown> });
}

export async function readProbation(platform: TestPlatform, apiKey: string, sellerId: string) {
  const response = await platform.app.inject({ method: 'GET', url: `/v1/sellers/${sellerId}/probation`, headers: { authorization: `Bearer ${apiKey}` } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

export async function readPayout(platform: TestPlatform, apiKey: string, sellerId: string, orderId: string) {
  const response = await platform.app.inject({ method: 'GET', url: `/v1/sellers/${sellerId}/payouts/${orderId}`, headers: { authorization: `Bearer ${apiKey}` } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

export async function waitForProbation(platform: TestPlatform, apiKey: string, sellerId: string, until: (probation: { status: string }) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const probation = await readProbation(platform, apiKey, sellerId);
    if (until(probation)) return probation;
    if (Date.now() > deadline) throw new Error(`probation of ${sellerId} stuck in ${probation.status}: ${JSON.stringify(probation.changes)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const at = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();
export const placed = (orderId: string, amount = 20, offsetMs = 0) => ({ eventId: randomUUID(), type: 'order.placed', orderId, occurredAt: at(offsetMs), amount, currency: 'EUR' });
export const shipped = (orderId: string, offsetMs = 0) => ({ eventId: randomUUID(), type: 'order.shipped', orderId, occurredAt: at(offsetMs) });
export const refunded = (orderId: string, amount: number) => ({ eventId: randomUUID(), type: 'refund.issued', orderId, occurredAt: at(), amount, reason: 'not as described' });
export const reviewed = (orderId: string, rating: number) => ({ eventId: randomUUID(), type: 'review.posted', orderId, occurredAt: at(), rating });

/** The verified `seller_probation.changed` events of one probation, in the order they were sent. */
export function probationWebhooks(received: ReceivedWebhook[], secret: string, probationId: string) {
  const verifier = new Webhook(secret);
  return received
    .filter((request) => (JSON.parse(request.body) as { data?: { probationId?: string } }).data?.probationId === probationId)
    .map((request) => verifier.verify(request.body, request.headers as Record<string, string>) as { type: string; data: { sequence: number; change: string; from: string; to: string; reasons: string[]; orderId: string | null; metrics: Record<string, unknown>; verdict: unknown } })
    .sort((a, b) => a.data.sequence - b.data.sequence);
}
