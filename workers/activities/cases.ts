/**
 * Case bookkeeping for every capability (workflows/caseReview.ts drives it). Each activity is safe
 * to retry: opening finds the case already there, deciding finds the decision already recorded.
 */
import { caseSlaSeconds, type CasePriority } from '../../core/cases.ts';
import type { PrismaClient } from '../../core/database.ts';
import { sql, utcTimestamp, type SqlRunner } from '../../core/sql.ts';
import type { PolicyReason } from '../policy/policy.ts';

export interface OpenCaseInput {
  subjectType: string;
  subjectId: string;
  tenantId: string;
  sellerId: string | null;
  workflowId: string;
  priority: CasePriority;
  slaSeconds: number;
}

/** A case a batch range opens with the verdict it just recorded (what `openCase` reads back from the verdict and signal rows). */
export interface RangeCase {
  subjectId: string;
  tenantId: string;
  sellerId: string | null;
  /** the subject's review workflow, which waits for the moderator's decision */
  workflowId: string;
  priority: CasePriority;
  reasons: PolicyReason[];
  signalCodes: string[];
}

/**
 * Opens a range's cases with one statement, in the transaction that records their verdicts (and
 * marks their subjects awaiting review), so their review workflows only wait: no `openCase`
 * round trip per escalation. A case already open for a subject (a retried range) is kept. Gives
 * every subject's case id, new or kept.
 */
export async function openRangeCases(runner: SqlRunner, { subjectType, normalSlaSeconds, now, cases }: { subjectType: string; normalSlaSeconds: number; now: Date; cases: RangeCase[] }): Promise<Map<string, string>> {
  if (cases.length === 0) return new Map();
  const rows = cases.map((entry) => ({
    subject_id: entry.subjectId,
    tenant_id: entry.tenantId,
    seller_id: entry.sellerId,
    workflow_id: entry.workflowId,
    priority: entry.priority,
    reasons: entry.reasons,
    signal_codes: [...new Set(entry.signalCodes)],
    sla_due_at: utcTimestamp(new Date(now.getTime() + caseSlaSeconds(normalSlaSeconds, entry.priority) * 1000)),
  }));
  const opened = await runner.rows<{ id: string; subject_id: string }>(
    sql(
      `WITH added AS (
         INSERT INTO cases (id, tenant_id, subject_type, subject_id, seller_id, workflow_id, priority, reasons, signal_codes, sla_due_at, created_at)
         SELECT gen_random_uuid(), row.tenant_id, $1, row.subject_id, row.seller_id, row.workflow_id, row.priority::case_priority, row.reasons,
                ARRAY(SELECT jsonb_array_elements_text(row.signal_codes)), row.sla_due_at, $2::timestamp
         FROM jsonb_to_recordset($3::jsonb) AS row(subject_id uuid, tenant_id uuid, seller_id uuid, workflow_id text, priority text, reasons jsonb, signal_codes jsonb, sla_due_at timestamp)
         ON CONFLICT (subject_type, subject_id) DO NOTHING
         RETURNING id::text, subject_id::text)
       SELECT id, subject_id FROM added
       UNION ALL
       SELECT id::text, subject_id::text FROM cases WHERE subject_type = $1 AND subject_id = ANY($4::uuid[])`,
      [subjectType, utcTimestamp(now), JSON.stringify(rows), cases.map((entry) => entry.subjectId)],
    ),
  );
  return new Map(opened.map((row) => [row.subject_id, row.id]));
}

export function createCaseActivities({ prisma, clock }: { prisma: PrismaClient; clock: () => Date }) {
  const deadline = (seconds: number) => new Date(clock().getTime() + seconds * 1000);
  return {
    /** Opens the case with the verdict's reasons and the subject's signal codes (for queue filters). */
    async openCase(input: OpenCaseInput): Promise<{ caseId: string }> {
      const subject = { subjectType: input.subjectType, subjectId: input.subjectId };
      const [verdict, signals] = await Promise.all([
        prisma.verdictRecord.findUnique({ where: { subjectType_subjectId: subject }, select: { reasons: true } }),
        prisma.signalRecord.findMany({ where: subject, select: { code: true }, distinct: ['code'] }),
      ]);
      const opened = await prisma.case.upsert({
        where: { subjectType_subjectId: subject },
        create: {
          ...subject,
          tenantId: input.tenantId,
          sellerId: input.sellerId,
          workflowId: input.workflowId,
          priority: input.priority,
          reasons: verdict?.reasons ?? [],
          signalCodes: signals.map((signal) => signal.code),
          slaDueAt: deadline(input.slaSeconds),
        },
        update: {},
      });
      return { caseId: opened.id };
    },

    /** The SLA passed without a decision: the case moves up the queue with a new deadline. */
    async raiseCasePriority(input: { caseId: string; priority: CasePriority; slaSeconds: number }): Promise<void> {
      await prisma.case.update({
        where: { id: input.caseId },
        data: { priority: input.priority, slaDueAt: deadline(input.slaSeconds), slaBreaches: { increment: 1 } },
      });
    },

    /** The workflow took the decision: it is recorded and the case leaves the queues. */
    async recordDecision(input: { caseId: string; decision: string; moderatorId: string; note?: string }): Promise<void> {
      await prisma.$transaction([
        prisma.decision.upsert({
          where: { caseId: input.caseId },
          create: { caseId: input.caseId, moderatorId: input.moderatorId, decision: input.decision, note: input.note },
          update: {},
        }),
        prisma.case.updateMany({
          where: { id: input.caseId, status: 'open' },
          data: { status: 'decided', decidedAt: clock(), claimedById: null, claimExpiresAt: null },
        }),
      ]);
    },
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;
