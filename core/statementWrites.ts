/**
 * Writes the statements of reasons of subjects given a restricting final outcome, in the
 * transaction that records the outcome: every write path of every capability (a workflow's
 * completion, a batch range's settlement, a confirmed counterfeit) calls `issueStatements` with
 * the runner of its own transaction, so an outcome never stands without its statement. One read
 * for all the subjects (their affected party, verdict, case and decision) and one insert; a
 * statement once written is never changed (a retried write finds it and leaves it). Each new
 * statement whose measure the `enforcement` policy weighs is a strike on the party it restricts,
 * written beside it (core/enforcement.ts).
 */
import type { CapabilityDeclaration } from './capability.ts';
import { ENFORCEMENT_POLICY_KEY, enforcementParametersOf, shippedEnforcementPolicy } from './enforcement.ts';
import { policyInForceSql } from './policies.ts';
import { sql, utcTimestamp, type SqlRunner } from './sql.ts';
import { composeStatement, type DecidedSubject, type DecisionRecord, type StatementRow } from './statementsOfReasons.ts';

interface RecordRow {
  id: string;
  tenant_id: string;
  party_type: string;
  party_id: string;
  content_date: Date;
  reasons: { code: string; action: string; summary: string }[] | null;
  policy_key: string | null;
  policy_version: number | null;
  case_id: string | null;
  decision: string | null;
}

/** The statements the subjects' outcomes call for, composed from their records as this transaction sees them. */
export async function composeStatements(runner: SqlRunner, capability: CapabilityDeclaration, subjects: readonly DecidedSubject[], at: Date): Promise<StatementRow[]> {
  const declaration = capability.statements;
  if (!declaration) return [];
  const restricted = subjects.filter((subject) => declaration.restrictions[subject.outcome] !== undefined);
  if (restricted.length === 0) return [];
  const { subjectType, label } = capability.cases;
  const rows = await runner.rows<RecordRow>(
    sql(
      `WITH parties AS (${declaration.affectedParties})
       SELECT p.id::text AS id, p.tenant_id::text AS tenant_id, p.party_type, p.party_id, p.content_date,
              v.reasons, v.policy_key, v.policy_version, c.id::text AS case_id, d.decision
         FROM parties p
         LEFT JOIN verdicts v ON v.subject_type = $2 AND v.subject_id = p.id
         LEFT JOIN cases c ON c.subject_type = $2 AND c.subject_id = p.id
         LEFT JOIN decisions d ON d.case_id = c.id`,
      [restricted.map((subject) => subject.id), subjectType],
    ),
  );
  const recordOf = new Map(
    rows.map((row): [string, DecisionRecord] => [
      row.id,
      {
        tenantId: row.tenant_id,
        partyType: row.party_type,
        partyId: row.party_id,
        contentDate: row.content_date,
        reasons: row.reasons ?? [],
        policy: row.policy_key !== null && row.policy_version !== null ? { key: row.policy_key, version: row.policy_version } : null,
        caseId: row.case_id,
        decision: row.decision,
      },
    ]),
  );
  return restricted.flatMap((subject) => {
    const record = recordOf.get(subject.id);
    const statement = record ? composeStatement(subjectType, label, declaration, subject, record, at) : null;
    return statement ? [statement] : [];
  });
}

interface IssuedRow {
  id: string;
  measure: string;
  applied_at: Date;
}

/** Composes and stores the statements, and the strikes of the new ones; returns how many were new. */
export async function issueStatements(runner: SqlRunner, capability: CapabilityDeclaration, subjects: readonly DecidedSubject[], at: Date): Promise<number> {
  const statements = await composeStatements(runner, capability, subjects, at);
  if (statements.length === 0) return 0;
  const rows = statements.map((statement) => ({
    ...statement,
    appliedAt: utcTimestamp(statement.appliedAt),
    endsAt: statement.endsAt ? utcTimestamp(statement.endsAt) : null,
    contentDate: utcTimestamp(statement.contentDate),
    appealUntil: utcTimestamp(statement.appealUntil),
  }));
  const issued = await runner.rows<IssuedRow>(
    sql(
      `INSERT INTO statements_of_reasons (
         id, tenant_id, subject_type, subject_id, decision_key, affected_party_type, affected_party_id, measure, measure_description,
         visibility, visibility_other, monetary, monetary_other, provision, account, applied_at, ends_at, content_date, content_type,
         content_type_other, facts, source_type, automated_detection, automated_decision, decision_ground, ground_reference,
         ground_explanation, also_illegal, category, category_specification, appeal_until, decided_by, policy_key, policy_version, case_id)
       SELECT gen_random_uuid(), s."tenantId", s."subjectType", s."subjectId", s."decisionKey", s."affectedPartyType", s."affectedPartyId",
              s.measure, s."measureDescription", ARRAY(SELECT jsonb_array_elements_text(s.visibility)), s."visibilityOther", s.monetary,
              s."monetaryOther", s.provision, s.account, s."appliedAt", s."endsAt", s."contentDate",
              ARRAY(SELECT jsonb_array_elements_text(s."contentType")), s."contentTypeOther", s.facts, s."sourceType",
              s."automatedDetection", s."automatedDecision", s."decisionGround", s."groundReference", s."groundExplanation",
              s."alsoIllegal", s.category, ARRAY(SELECT jsonb_array_elements_text(s."categorySpecification")), s."appealUntil",
              s."decidedBy", s."policyKey", s."policyVersion", s."caseId"
         FROM jsonb_to_recordset($1::jsonb) AS s(
           "tenantId" uuid, "subjectType" text, "subjectId" uuid, "decisionKey" text, "affectedPartyType" text, "affectedPartyId" text,
           measure text, "measureDescription" text, visibility jsonb, "visibilityOther" text, monetary text, "monetaryOther" text,
           provision text, account text, "appliedAt" timestamp, "endsAt" timestamp, "contentDate" timestamp, "contentType" jsonb,
           "contentTypeOther" text, facts text, "sourceType" text, "automatedDetection" boolean, "automatedDecision" text,
           "decisionGround" text, "groundReference" text, "groundExplanation" text, "alsoIllegal" boolean, category text,
           "categorySpecification" jsonb, "appealUntil" timestamp, "decidedBy" text, "policyKey" text, "policyVersion" integer, "caseId" uuid)
       ON CONFLICT (subject_type, subject_id, decision_key) DO NOTHING
       RETURNING id::text AS id, measure, applied_at`,
      [JSON.stringify(rows)],
    ),
  );
  if (issued.length === 0) return 0;
  const policy = await policyInForceSql(runner, ENFORCEMENT_POLICY_KEY, shippedEnforcementPolicy);
  const { strikeWeights, strikeExpiryDays } = enforcementParametersOf(policy.rules);
  const strikes = issued.filter((row) => (strikeWeights[row.measure] ?? 0) > 0).map((row) => ({ id: row.id, weight: strikeWeights[row.measure]! }));
  if (strikes.length > 0) {
    await runner.run(
      sql(
        `INSERT INTO strikes (id, tenant_id, party_type, party_id, statement_id, subject_type, subject_id, measure, weight, policy_version, created_at, expires_at)
         SELECT gen_random_uuid(), s.tenant_id, s.affected_party_type, s.affected_party_id, s.id, s.subject_type, s.subject_id, s.measure, w.weight, $2,
                s.applied_at, s.applied_at + make_interval(days => $3)
           FROM jsonb_to_recordset($1::jsonb) AS w(id uuid, weight double precision)
           JOIN statements_of_reasons s ON s.id = w.id
         ON CONFLICT (statement_id) DO NOTHING`,
        [JSON.stringify(strikes), policy.version, strikeExpiryDays],
      ),
    );
  }
  return issued.length;
}
