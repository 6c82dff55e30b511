/**
 * Stores a subject's signals and the policy's verdict on them, once, for any capability: a retried
 * activity finds the verdict and gets it back unchanged (the unique index on the subject makes a
 * second row impossible). The policy in force is the highest version of its key; version 1 is
 * installed from the capability's shipped defaults the first time the key is used.
 */
import type { PrismaClient } from '../../core/database.ts';
import type { Signal } from '../../core/signals.ts';
import type { Prisma } from '../../prisma/generated/client.ts';
import { evaluatePolicy, type CasePriorityName, type PolicyReason, type PolicyRules } from './policy.ts';

export interface RecordedVerdict {
  /** one of the policy's verdicts */
  outcome: string;
  score: number;
  reasons: PolicyReason[];
  priority: CasePriorityName;
  policyVersion: number;
}

export interface VerdictRequest {
  subjectType: string;
  subjectId: string;
  tenantId: string;
  policyKey: string;
  shippedPolicy: PolicyRules;
  signals: Signal[];
}

export async function policyInForce(prisma: PrismaClient, key: string, shipped: PolicyRules) {
  const latest = await prisma.policy.findFirst({ where: { key }, orderBy: { version: 'desc' } });
  if (latest) return latest;
  await prisma.policy.createMany({
    data: [{ key, version: 1, rules: shipped as unknown as Prisma.InputJsonObject, note: 'shipped default', createdBy: 'system' }],
    skipDuplicates: true,
  });
  return await prisma.policy.findFirstOrThrow({ where: { key }, orderBy: { version: 'desc' } });
}

export async function recordVerdict(prisma: PrismaClient, request: VerdictRequest): Promise<RecordedVerdict> {
  const subject = { subjectType: request.subjectType, subjectId: request.subjectId };
  const existing = await prisma.verdictRecord.findUnique({ where: { subjectType_subjectId: subject } });
  if (existing) {
    // The stored verdict stands; its priority comes from the policy version that produced it.
    const recorded = await prisma.policy.findUniqueOrThrow({ where: { key_version: { key: existing.policyKey, version: existing.policyVersion } } });
    const { priority } = evaluatePolicy(recorded.rules as unknown as PolicyRules, request.signals);
    const reasons = existing.reasons as unknown as PolicyReason[];
    return { outcome: existing.outcome, score: existing.score, reasons, priority, policyVersion: existing.policyVersion };
  }
  const policy = await policyInForce(prisma, request.policyKey, request.shippedPolicy);
  const verdict = evaluatePolicy(policy.rules as unknown as PolicyRules, request.signals);
  await prisma.$transaction([
    prisma.signalRecord.createMany({
      data: request.signals.map((signal) => ({
        tenantId: request.tenantId,
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
        tenantId: request.tenantId,
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
}
