/**
 * Verdicts recorded in bulk (a batch chunk's hundreds of subjects in two statements) against the
 * real PostgreSQL: each subject gets its signals and one verdict under the policy in force, a
 * second call returns the stored verdicts and writes nothing, and two racing calls cannot both
 * write.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signal } from '../core/signals.ts';
import type { PolicyRules } from '../workers/policy/policy.ts';
import shippedListingScreeningPolicy from '../workers/policy/listingScreeningPolicy.v1.json' with { type: 'json' };
import { recordVerdicts } from '../workers/policy/recordVerdict.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ worker: false });
});
afterAll(async () => platform?.close());

const replica: Signal = { code: 'listing.counterfeit_cue', severity: 'high', score: 0.95, summary: 'says "1:1 replica"', evidence: { field: 'title', start: 0, end: 11, quote: "it's \u201creal\u201d" }, detector: { id: 'listing-text', version: 'test' } };

function subjects(tenantId: string, count: number) {
  return Array.from({ length: count }, (_, index) => ({ subjectId: randomUUID(), tenantId, signals: index % 3 === 0 ? [replica, { ...replica, code: 'listing.brand_mentioned', severity: 'info' as const, score: 0.1 }] : [] }));
}
const request = (items: ReturnType<typeof subjects>) => ({ subjectType: 'listing_screening', policyKey: 'listing-screening', shippedPolicy: shippedListingScreeningPolicy as PolicyRules, subjects: items });

describe('recordVerdicts', () => {
  it('records every subject’s signals and verdict in bulk, and returns the stored ones on a second call', async () => {
    const { tenantId } = await platform.createTenant();
    const items = subjects(tenantId, 250);
    const first = await recordVerdicts(platform.database.prisma, request(items));
    expect(first.size).toBe(250);
    expect(first.get(items[0]!.subjectId)?.outcome).toBe('block');
    expect(first.get(items[1]!.subjectId)?.outcome).toBe('allow');
    const ids = items.map((item) => item.subjectId);
    const stored = await platform.database.prisma.signalRecord.findMany({ where: { subjectId: { in: ids } } });
    expect(stored).toHaveLength(2 * Math.ceil(250 / 3));
    expect(stored.find((row) => row.code === 'listing.counterfeit_cue')?.evidence).toEqual(replica.evidence);

    const again = await recordVerdicts(platform.database.prisma, request(items));
    const summary = (verdicts: typeof first) => [...verdicts.entries()].map(([id, verdict]) => `${id} ${verdict.outcome} ${verdict.score} v${verdict.policyVersion} ${verdict.priority}`).sort();
    expect(summary(again)).toEqual(summary(first));
    expect(await platform.database.prisma.signalRecord.count({ where: { subjectId: { in: ids } } })).toBe(stored.length);
    expect(await platform.database.prisma.verdictRecord.count({ where: { subjectId: { in: ids } } })).toBe(250);
  });

  it('lets only one of two racing calls write: the other fails and nothing is doubled', async () => {
    const { tenantId } = await platform.createTenant();
    const items = subjects(tenantId, 60);
    const outcomes = await Promise.allSettled([recordVerdicts(platform.database.prisma, request(items)), recordVerdicts(platform.database.prisma, request(items))]);
    expect(outcomes.some((outcome) => outcome.status === 'fulfilled')).toBe(true);
    const ids = items.map((item) => item.subjectId);
    expect(await platform.database.prisma.verdictRecord.count({ where: { subjectId: { in: ids } } })).toBe(60);
    expect(await platform.database.prisma.signalRecord.count({ where: { subjectId: { in: ids } } })).toBe(2 * 20);
  });
});
