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

/** The client or a transaction already open (a backfill range records its verdicts with everything else it writes). */
export type VerdictClient = PrismaClient | Prisma.TransactionClient;

export async function policyInForce(prisma: VerdictClient, key: string, shipped: PolicyRules) {
  const latest = await prisma.policy.findFirst({ where: { key }, orderBy: { version: 'desc' } });
  if (latest) return latest;
  await prisma.policy.createMany({
    data: [{ key, version: 1, rules: shipped as unknown as Prisma.InputJsonObject, note: 'shipped default', createdBy: 'system' }],
    skipDuplicates: true,
  });
  return await prisma.policy.findFirstOrThrow({ where: { key }, orderBy: { version: 'desc' } });
}

export async function recordVerdict(prisma: PrismaClient, request: VerdictRequest): Promise<RecordedVerdict> {
  const { subjectType, policyKey, shippedPolicy, subjectId, tenantId, signals } = request;
  const recorded = await recordVerdicts(prisma, { subjectType, policyKey, shippedPolicy, subjects: [{ subjectId, tenantId, signals }] });
  return recorded.get(subjectId)!;
}

export interface VerdictsRequest {
  subjectType: string;
  policyKey: string;
  shippedPolicy: PolicyRules;
  subjects: { subjectId: string; tenantId: string; signals: Signal[] }[];
}

/**
 * The verdicts of many subjects of one type under one policy, in a few statements whatever their
 * number (a batch chunk's hundreds of listings): one read of those already recorded, one of the
 * policy, and one transaction writing every new subject's signals and verdict (or the caller's
 * transaction, when `prisma` is one: its writes then commit with the caller's). A subject recorded
 * earlier keeps its verdict. Two attempts racing on the same subjects cannot both write: the
 * second's transaction fails on the unique subject and its retry reads the first one's verdicts.
 */
export async function recordVerdicts(prisma: VerdictClient, request: VerdictsRequest): Promise<Map<string, RecordedVerdict>> {
  const { verdicts, writes } = await prepareVerdicts(prisma, request);
  if (writes.length > 0) {
    // in a transaction the caller already holds (a content range), the statements run in it
    if ('$transaction' in prisma) await prisma.$transaction(writes);
    else for (const write of writes) await write;
  }
  return verdicts;
}

/**
 * The verdicts as `recordVerdicts` gives them, and the statements that record the new ones, for a
 * caller to run in its own transaction with what it writes from the verdicts (a batch range
 * settles its subjects in the same one). Until those statements commit, nothing is recorded.
 */
export async function prepareVerdicts(prisma: VerdictClient, request: VerdictsRequest): Promise<{ verdicts: Map<string, RecordedVerdict>; writes: Prisma.PrismaPromise<unknown>[] }> {
  const { subjectType } = request;
  const answers = new Map<string, RecordedVerdict>();
  if (request.subjects.length === 0) return { verdicts: answers, writes: [] };
  const existing = await prisma.verdictRecord.findMany({ where: { subjectType, subjectId: { in: request.subjects.map((subject) => subject.subjectId) } } });
  if (existing.length > 0) {
    // A stored verdict stands; its priority comes from the policy version that produced it.
    const versions = [...new Set(existing.map((row) => row.policyVersion))];
    const policies = await prisma.policy.findMany({ where: { key: request.policyKey, version: { in: versions } } });
    const signalsOf = new Map(request.subjects.map((subject) => [subject.subjectId, subject.signals]));
    for (const row of existing) {
      const rules = policies.find((policy) => policy.key === row.policyKey && policy.version === row.policyVersion)?.rules;
      if (!rules) throw new Error(`policy ${row.policyKey} v${row.policyVersion} of verdict ${row.id} is missing`);
      const { priority } = evaluatePolicy(rules as unknown as PolicyRules, signalsOf.get(row.subjectId) ?? []);
      answers.set(row.subjectId, { outcome: row.outcome, score: row.score, reasons: row.reasons as unknown as PolicyReason[], priority, policyVersion: row.policyVersion });
    }
  }
  const fresh = request.subjects.filter((subject) => !answers.has(subject.subjectId));
  if (fresh.length === 0) return { verdicts: answers, writes: [] };
  const policy = await policyInForce(prisma, request.policyKey, request.shippedPolicy);
  const rules = policy.rules as unknown as PolicyRules;
  const verdicts = fresh.map((subject) => ({ subject, verdict: evaluatePolicy(rules, subject.signals) }));
  // Two set-based statements whatever the number of subjects: each row set travels as one JSON
  // parameter and is expanded by PostgreSQL (Prisma's createMany costs about a millisecond a row
  // here, most of a chunk's time).
  const signalRows = fresh.flatMap(({ subjectId, tenantId, signals }) =>
    signals.map((signal) => ({
      tenant_id: tenantId,
      subject_id: subjectId,
      code: signal.code,
      severity: signal.severity,
      score: signal.score,
      summary: signal.summary,
      evidence: signal.evidence,
      detector_id: signal.detector.id,
      detector_version: signal.detector.version,
    })),
  );
  const verdictRows = verdicts.map(({ subject, verdict }) => ({ tenant_id: subject.tenantId, subject_id: subject.subjectId, outcome: verdict.outcome, score: verdict.score, reasons: verdict.reasons }));
  const writes = [
    prisma.$executeRaw`
      INSERT INTO signals (id, tenant_id, subject_type, subject_id, code, severity, score, summary, evidence, detector_id, detector_version)
      SELECT gen_random_uuid(), row.tenant_id, ${subjectType}, row.subject_id, row.code, row.severity, row.score, row.summary, row.evidence, row.detector_id, row.detector_version
      FROM jsonb_to_recordset(${JSON.stringify(signalRows)}::jsonb)
        AS row(tenant_id uuid, subject_id uuid, code text, severity text, score double precision, summary text, evidence jsonb, detector_id text, detector_version text)`,
    prisma.$executeRaw`
      INSERT INTO verdicts (id, tenant_id, subject_type, subject_id, outcome, score, reasons, policy_key, policy_version)
      SELECT gen_random_uuid(), row.tenant_id, ${subjectType}, row.subject_id, row.outcome, row.score, row.reasons, ${policy.key}, ${policy.version}
      FROM jsonb_to_recordset(${JSON.stringify(verdictRows)}::jsonb)
        AS row(tenant_id uuid, subject_id uuid, outcome text, score double precision, reasons jsonb)`,
  ];
  for (const { subject, verdict } of verdicts) answers.set(subject.subjectId, { ...verdict, policyVersion: policy.version });
  return { verdicts: answers, writes };
}
