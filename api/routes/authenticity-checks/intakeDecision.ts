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
import { camelCaseRow, sql, utcTimestamp, type SqlRunner } from '../../../core/sql.ts';
import { assembleVerdictViews, type VerdictView } from '../../../core/verdictView.ts';
import { recordDispatchedEvent } from '../../../core/webhookEvents.ts';
import type { AuthenticityCheck, SignalRecord, VerdictRecord } from '../../../prisma/generated/client.ts';
import { lockUnitCode, NO_PHOTOS, SHIPPED_AUTHENTICITY_POLICY, signalsOfCheck } from '../../../workers/activities/authenticityCheckSignals.ts';
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
  // before the check is stored: another check of the same unit finds it once this one commits
  if (check.codeGtin && check.codeSerial) await lockUnitCode(runner, { tenantId: check.tenantId, gtin: check.codeGtin, serial: check.codeSerial });
  // taken after the unit's lock: later than every check of the unit stored before this one
  const createdAt = utcTimestamp(new Date());
  const [inserted] = await runner.rows<Record<string, unknown>>(
    sql(
      `INSERT INTO authenticity_checks (id, tenant_id, order_id, buyer_id, seller_id, listing_id, brand_key, claimed_code, buyer_note, code_gtin, code_serial, workflow_id, created_at, updated_at)
       VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::timestamp, $13::timestamp)
       RETURNING *`,
      [check.id, check.tenantId, check.orderId, check.buyerId, check.sellerId, check.listingId, check.brandKey, check.claimedCode, check.buyerNote, check.codeGtin, check.codeSerial, check.workflowId, createdAt],
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

  for (const statement of statements) await runner.run(statement);
  const [completed] = await runner.rows<Record<string, unknown>>(
    sql(`UPDATE authenticity_checks SET status = 'completed', final_outcome = $2, decided_by = 'policy', completed_at = $3::timestamp, updated_at = $3::timestamp WHERE id = $1::uuid RETURNING *`, [
      check.id,
      ANSWERED_AT_INTAKE,
      utcTimestamp(new Date()),
    ]),
  );
  const row = camelCaseRow<AuthenticityCheck>(completed!);
  // the verdict and signals as stored, in the order every reader sees them (core/verdictView.ts)
  const bySubject = [authenticityCheckCases.subjectType, check.id];
  const verdictRows = (await runner.rows<Record<string, unknown>>(sql('SELECT * FROM verdicts WHERE subject_type = $1 AND subject_id = $2::uuid', bySubject))).map((one) => camelCaseRow<VerdictRecord>(one));
  const signalRows = (await runner.rows<Record<string, unknown>>(sql('SELECT * FROM signals WHERE subject_type = $1 AND subject_id = $2::uuid ORDER BY created_at, id', bySubject))).map((one) => camelCaseRow<SignalRecord>(one));
  const [verdict] = assembleVerdictViews([{ id: check.id, outcome: row.finalOutcome }], verdictRows, signalRows, []);
  const event = authenticityCheckEventOf(row, verdict!);
  await recordDispatchedEvent(runner, { subjectType: authenticityCheckCases.subjectType, subjectId: check.id, eventType: AUTHENTICITY_CHECK_COMPLETED_EVENT, tenantId: event.tenantId, data: event.data, taskQueue });
  return { row, verdict: verdict! };
}
