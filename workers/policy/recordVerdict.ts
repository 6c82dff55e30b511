/**
 * Stores a subject's signals and the policy's verdict on them, once, for any capability: a retried
 * activity finds the verdict and gets it back unchanged (the unique index on the subject makes a
 * second row impossible). The policy in force is the highest version of its key; version 1 is
 * installed from the capability's shipped defaults the first time the key is used.
 */
import type { PrismaClient } from '../../core/database.ts';
import type { Signal } from '../../core/signals.ts';
import type { Prisma } from '../../prisma/generated/client.ts';
import { policyInForceSql, type StoredPolicy as CoreStoredPolicy } from '../../core/policies.ts';
import { prismaSql, sql, type SqlRunner, type SqlStatement } from '../../core/sql.ts';
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

/** The policy in force for `key` (its highest version), version 1 installed from the shipped rules the first time it is asked for. */
export async function policyInForce(prisma: VerdictClient, key: string, shipped: PolicyRules): Promise<StoredPolicy> {
  return await policyInForceSql(prismaSql(prisma), key, shipped);
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
  const runner = prismaSql(prisma);
  const { verdicts, statements } = await prepareVerdicts(runner, request);
  if (statements.length > 0) {
    // in a transaction the caller already holds (a content range), the statements run in it
    if ('$transaction' in prisma) await prisma.$transaction(statements.map(({ text, values }) => prisma.$executeRawUnsafe(text, ...values)));
    else for (const statement of statements) await runner.run(statement);
  }
  return verdicts;
}

interface StoredVerdict {
  subject_id: string;
  outcome: string;
  score: number;
  reasons: PolicyReason[];
  policy_key: string;
  policy_version: number;
}

type StoredPolicy = CoreStoredPolicy<PolicyRules>;

/**
 * The verdicts as `recordVerdicts` gives them, and the statements that record the new ones, for a
 * caller to run in its own transaction with what it writes from the verdicts (a batch range
 * settles its subjects in the same one). Until those statements commit, nothing is recorded.
 * Reads go through `runner`: the pg pool for a range, the ORM's client or transaction otherwise.
 */
export async function prepareVerdicts(runner: SqlRunner, request: VerdictsRequest): Promise<{ verdicts: Map<string, RecordedVerdict>; statements: SqlStatement[] }> {
  const { subjectType } = request;
  const answers = new Map<string, RecordedVerdict>();
  if (request.subjects.length === 0) return { verdicts: answers, statements: [] };
  const existing = await runner.rows<StoredVerdict>(
    sql('SELECT subject_id::text, outcome, score, reasons, policy_key, policy_version FROM verdicts WHERE subject_type = $1 AND subject_id = ANY($2::uuid[])', [subjectType, request.subjects.map((subject) => subject.subjectId)]),
  );
  if (existing.length > 0) {
    // A stored verdict stands; its priority comes from the policy version that produced it.
    const versions = [...new Set(existing.map((row) => row.policy_version))];
    const policies = await runner.rows<StoredPolicy>(sql('SELECT key, version, rules FROM policies WHERE key = $1 AND version = ANY($2::int[])', [request.policyKey, versions]));
    const signalsOf = new Map(request.subjects.map((subject) => [subject.subjectId, subject.signals]));
    for (const row of existing) {
      const rules = policies.find((policy) => policy.key === row.policy_key && policy.version === row.policy_version)?.rules;
      if (!rules) throw new Error(`policy ${row.policy_key} v${row.policy_version} of the verdict on ${row.subject_id} is missing`);
      const { priority } = evaluatePolicy(rules, signalsOf.get(row.subject_id) ?? []);
      answers.set(row.subject_id, { outcome: row.outcome, score: row.score, reasons: row.reasons, priority, policyVersion: row.policy_version });
    }
  }
  const fresh = request.subjects.filter((subject) => !answers.has(subject.subjectId));
  if (fresh.length === 0) return { verdicts: answers, statements: [] };
  const policy = await policyInForceSql(runner, request.policyKey, request.shippedPolicy);
  const verdicts = fresh.map((subject) => ({ subject, verdict: evaluatePolicy(policy.rules, subject.signals) }));
  // Two set-based statements whatever the number of subjects: each row set travels as one JSON
  // parameter and is expanded by PostgreSQL (the ORM's createMany costs about a millisecond a row
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
  const statements = [
    ...(signalRows.length > 0
      ? [
          sql(
            `INSERT INTO signals (id, tenant_id, subject_type, subject_id, code, severity, score, summary, evidence, detector_id, detector_version)
             SELECT gen_random_uuid(), row.tenant_id, $1, row.subject_id, row.code, row.severity, row.score, row.summary, row.evidence, row.detector_id, row.detector_version
             FROM jsonb_to_recordset($2::jsonb)
               AS row(tenant_id uuid, subject_id uuid, code text, severity text, score double precision, summary text, evidence jsonb, detector_id text, detector_version text)`,
            [subjectType, JSON.stringify(signalRows)],
          ),
        ]
      : []),
    sql(
      `INSERT INTO verdicts (id, tenant_id, subject_type, subject_id, outcome, score, reasons, policy_key, policy_version)
       SELECT gen_random_uuid(), row.tenant_id, $1, row.subject_id, row.outcome, row.score, row.reasons, $2, $3::int
       FROM jsonb_to_recordset($4::jsonb)
         AS row(tenant_id uuid, subject_id uuid, outcome text, score double precision, reasons jsonb)`,
      [subjectType, policy.key, policy.version, JSON.stringify(verdictRows)],
    ),
  ];
  for (const { subject, verdict } of verdicts) answers.set(subject.subjectId, { ...verdict, policyVersion: policy.version });
  return { verdicts: answers, statements };
}
