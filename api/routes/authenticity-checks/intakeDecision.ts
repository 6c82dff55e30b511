/**
 * A check sent with a code and no photos is decided while it is stored, when the policy finds it
 * likely genuine: the code's detectors and the policy need only a few reads, and such a check has
 * nothing left to do (no photos to settle or read, no refund, no seller window, no case), so a
 * workflow for it would cost many times the answer. Its verdict, its completion and its
 * `authenticity_check.completed` event are written in the transaction that stores it, and the
 * event goes out through the webhook dispatcher (core/webhookEvents.ts). Anything else (a
 * counterfeit's actions, a case) is left to the check's workflow, started from the same
 * transaction's outbox row, which screens it from the start.
 *
 * The reads and detectors are the screening activity's own (workers/activities/
 * authenticityCheckSignals.ts), so both paths answer alike; the transaction holds the unit code's
 * lock from before the check is stored, so two checks of one code never miss each other. It runs
 * on the pool, in a handful of statements: the ORM's cost per query, about ten times the driver's,
 * was most of a check's time.
 */
import { AUTHENTICITY_CHECK_COMPLETED_EVENT, AUTHENTICITY_CHECK_POLICY_KEY, authenticityCheckCases, authenticityCheckEventOf } from '../../../core/authenticityCheck.ts';
import { asOneStatement, camelCaseRow, sql, type SqlRunner } from '../../../core/sql.ts';
import { assembleVerdictViews, type VerdictView } from '../../../core/verdictView.ts';
import { recordDispatchedEvent } from '../../../core/webhookEvents.ts';
import type { AuthenticityCheck, SignalRecord, VerdictRecord } from '../../../prisma/generated/client.ts';
import { NO_PHOTOS, SHIPPED_AUTHENTICITY_POLICY, signalsOfCheck, unitLockKey } from '../../../workers/activities/authenticityCheckSignals.ts';
import { prepareVerdicts } from '../../../workers/policy/recordVerdict.ts';

/** The outcome a check may be given at intake: one that needs nothing after it. */
const ANSWERED_AT_INTAKE = 'likely_genuine';

/** A check with a code and no photos, as submitted. */
export interface CodeOnlyCheck {
  id: string;
  tenantId: string;
  orderId: string;
  buyerId: string;
  sellerId: string;
  listingId: string | null;
  brandKey: string | null;
  claimedCode: string;
  buyerNote: string | null;
  codeGtin: string | null;
  codeSerial: string | null;
  workflowId: string;
}

export type StoredCodeOnlyCheck = { row: AuthenticityCheck; verdict: VerdictView | null };

/**
 * Stores the check in the caller's transaction and decides it: with its verdict view when it is
 * answered and completed, with none when its workflow is to screen it. `taskQueue` names the
 * dispatcher of its event.
 */
export async function storeCodeOnlyCheck(runner: SqlRunner, check: CodeOnlyCheck, taskQueue: string): Promise<StoredCodeOnlyCheck> {
  const unit = check.codeGtin && check.codeSerial ? unitLockKey({ tenantId: check.tenantId, gtin: check.codeGtin, serial: check.codeSerial }) : null;
  // the unit's lock before the check is stored, so another check of the unit finds it once this
  // one commits (lockUnitCode's lock, taken in the same statement); its creation time taken after
  // the lock, later than every check of the unit stored before this one
  const [inserted] = await runner.rows<Record<string, unknown>>(
    sql(
      `WITH unit_lock AS (SELECT CASE WHEN $13::text IS NULL THEN NULL ELSE pg_advisory_xact_lock(hashtextextended($13, 0))::text END AS locked)
       INSERT INTO authenticity_checks (id, tenant_id, order_id, buyer_id, seller_id, listing_id, brand_key, claimed_code, buyer_note, code_gtin, code_serial, workflow_id, created_at, updated_at)
       SELECT $1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, clock_timestamp() AT TIME ZONE 'UTC', clock_timestamp() AT TIME ZONE 'UTC' FROM unit_lock
       RETURNING *`,
      [check.id, check.tenantId, check.orderId, check.buyerId, check.sellerId, check.listingId, check.brandKey, check.claimedCode, check.buyerNote, check.codeGtin, check.codeSerial, check.workflowId, unit],
    ),
  );
  const stored = camelCaseRow<AuthenticityCheck>(inserted!);
  const signals = await signalsOfCheck(runner, stored, NO_PHOTOS);
  const { verdicts, statements } = await prepareVerdicts(runner, {
    subjectType: authenticityCheckCases.subjectType,
    policyKey: AUTHENTICITY_CHECK_POLICY_KEY,
    shippedPolicy: SHIPPED_AUTHENTICITY_POLICY,
    subjects: [{ subjectId: check.id, tenantId: check.tenantId, signals }],
  });
  if (verdicts.get(check.id)?.outcome !== ANSWERED_AT_INTAKE) return { row: stored, verdict: null };

  // the verdict's rows (signals, then the verdict: prepareVerdicts' statements) and the check's
  // completion as one statement, reading back what it wrote for the view and the event
  const writes = [...statements.map((statement) => sql(`${statement.text} RETURNING *`, statement.values))];
  const [signalsWrite, verdictWrite] = writes.length === 2 ? ['write_0', 'write_1'] : [null, 'write_0'];
  const completion = sql(
    `UPDATE authenticity_checks SET status = 'completed', final_outcome = $2, decided_by = 'policy', completed_at = clock_timestamp() AT TIME ZONE 'UTC', updated_at = clock_timestamp() AT TIME ZONE 'UTC' WHERE id = $1::uuid RETURNING *`,
    [check.id, ANSWERED_AT_INTAKE],
  );
  const completionWrite = `write_${writes.length}`;
  const [completed] = await runner.rows<Record<string, unknown> & { verdict_json: Record<string, unknown>; signals_json: Record<string, unknown>[] | null }>(
    asOneStatement(
      [...writes, completion],
      sql(
        `SELECT ${completionWrite}.*,
                (SELECT to_jsonb(verdict) FROM ${verdictWrite} AS verdict) AS verdict_json,
                ${signalsWrite ? `(SELECT jsonb_agg(to_jsonb(signal) ORDER BY signal.created_at, signal.id) FROM ${signalsWrite} AS signal)` : 'NULL::jsonb'} AS signals_json
         FROM ${completionWrite}`,
      ),
    ),
  );
  const { verdict_json: verdictJson, signals_json: signalsJson, ...checkColumns } = completed!;
  const row = camelCaseRow<AuthenticityCheck>(checkColumns);
  // jsonb holds the timestamp without its zone: it is UTC, as every timestamp here
  const verdictRow = { ...camelCaseRow<VerdictRecord>(verdictJson), createdAt: new Date(`${String(verdictJson.created_at)}Z`) };
  const signalRows = (signalsJson ?? []).map((one) => camelCaseRow<SignalRecord>(one));
  // the view every reader gets (core/verdictView.ts), from the rows as written
  const [verdict] = assembleVerdictViews([{ id: check.id, outcome: row.finalOutcome }], [verdictRow], signalRows, []);
  const event = authenticityCheckEventOf(row, verdict!);
  await recordDispatchedEvent(runner, { subjectType: authenticityCheckCases.subjectType, subjectId: check.id, eventType: AUTHENTICITY_CHECK_COMPLETED_EVENT, tenantId: event.tenantId, data: event.data, taskQueue });
  return { row, verdict: verdict! };
}
