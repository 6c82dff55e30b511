import type { PrismaClient } from '../../core/database.ts';
import type { Prisma } from '../../prisma/generated/client.ts';
import { SELLER_VETTING_POLICY_KEY } from '../../core/sellerVetting.ts';
import type { Signal } from '../../core/signals.ts';
import { evaluatePolicy, type PolicyReason, type PolicyRules, type CasePriorityName } from '../policy/policy.ts';
import defaultSellerVettingPolicy from '../policy/sellerVettingPolicy.v1.json' with { type: 'json' };
import { vettingNotFound } from './errors.ts';

export interface RecordedVerdict {
  outcome: 'approve' | 'reject' | 'escalate';
  score: number;
  reasons: PolicyReason[];
  priority: CasePriorityName;
  policyVersion: number;
}

/** The policy in force: its highest version; version 1 is installed from the shipped defaults. */
async function currentPolicy(prisma: PrismaClient, key: string) {
  const latest = await prisma.policy.findFirst({ where: { key }, orderBy: { version: 'desc' } });
  if (latest) return latest;
  await prisma.policy.createMany({
    data: [{ key, version: 1, rules: defaultSellerVettingPolicy, note: 'shipped default', createdBy: 'system' }],
    skipDuplicates: true,
  });
  return await prisma.policy.findFirstOrThrow({ where: { key }, orderBy: { version: 'desc' } });
}

export function createVerdictActivities({ prisma }: { prisma: PrismaClient }) {
  return {
    /**
     * Stores the signals and the policy's verdict, once: a retried attempt finds the verdict and
     * returns it unchanged (the unique index on the subject makes a second row impossible).
     */
    async recordVerdict({ vettingId, signals }: { vettingId: string; signals: Signal[] }): Promise<RecordedVerdict> {
      const subject = { subjectType: 'seller_vetting' as const, subjectId: vettingId };
      const vetting = await prisma.sellerVetting.findUnique({ where: { id: vettingId }, select: { tenantId: true } });
      if (!vetting) throw vettingNotFound(vettingId);
      const existing = await prisma.verdictRecord.findUnique({ where: { subjectType_subjectId: subject } });
      if (existing) {
        // The stored verdict stands; its priority comes from the policy version that produced it.
        const recorded = await prisma.policy.findUniqueOrThrow({ where: { key_version: { key: existing.policyKey, version: existing.policyVersion } } });
        const { priority } = evaluatePolicy(recorded.rules as unknown as PolicyRules, signals);
        const reasons = existing.reasons as unknown as PolicyReason[];
        return { outcome: existing.outcome, score: existing.score, reasons, priority, policyVersion: existing.policyVersion };
      }
      const policy = await currentPolicy(prisma, SELLER_VETTING_POLICY_KEY);
      const verdict = evaluatePolicy(policy.rules as unknown as PolicyRules, signals);
      await prisma.$transaction([
        prisma.signalRecord.createMany({
          data: signals.map((signal) => ({
            tenantId: vetting.tenantId,
            ...subject,
            code: signal.code,
            severity: signal.severity,
            score: signal.score,
            summary: signal.summary,
            evidence: signal.evidence as Prisma.InputJsonObject,
            detectorId: signal.detector.id,
            detectorVersion: signal.detector.version,
          })),
        }),
        prisma.verdictRecord.create({
          data: {
            tenantId: vetting.tenantId,
            ...subject,
            outcome: verdict.outcome,
            score: verdict.score,
            reasons: verdict.reasons as unknown as Prisma.InputJsonArray,
            policyKey: policy.key,
            policyVersion: policy.version,
          },
        }),
      ]);
      return { ...verdict, policyVersion: policy.version };
    },
  };
}
