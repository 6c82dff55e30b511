/**
 * The verdict as every capability shows it, in its API view and in its webhook: the final outcome
 * and who gave it, the policy's automated verdict, the moderator's review, the reasons and the
 * signals. Built from the shared decision records (verdicts, signals, cases with their decisions)
 * of any number of subjects of one type in three queries; it knows no capability by name: the
 * outcome's words are the capability's own, read from its row by the caller.
 */
import type { PrismaClient } from './database.ts';
import type { Prisma, SignalRecord, StatementOfReasons, VerdictRecord } from '../prisma/generated/client.ts';
import { presentStatement, type StatementView } from './statementsOfReasons.ts';

export interface SignalView {
  code: string;
  severity: string;
  score: number;
  summary: string;
  evidence: Record<string, unknown>;
  detector: { id: string; version: string };
}

export interface ReasonView {
  /** the signal code the policy rule matched */
  code: string;
  /** what the rule asked for, in the policy's verdict words */
  action: string;
  severity: string;
  score: number;
  summary: string;
}

/** the policy's automated verdict; null until it is given */
export interface AutomatedVerdictView {
  /** the policy's verdict, escalate included */
  outcome: string;
  score: number;
  policy: { key: string; version: number };
  decidedAt: string;
}

/** One shape for every capability and webhook (docs/api.md, "The verdict"); its schema is api/verdictSchemas.ts. */
export interface VerdictView {
  /** the final outcome in the capability's own words; null until the subject is completed */
  outcome: string | null;
  /** who gave the final outcome; null until then */
  decidedBy: 'policy' | 'moderator' | null;
  automated: AutomatedVerdictView | null;
  /** the case a moderator reviews; null when the policy did not escalate */
  review: {
    caseId: string;
    /** open or decided */
    status: string;
    /** low, normal, high or urgent */
    priority: string;
    slaDueAt: string;
    /** the moderator's decision, once given */
    decision: string | null;
    note: string | null;
    decidedAt: string | null;
  } | null;
  /** the automated verdict's reasons */
  reasons: ReasonView[];
  /** what the checks found, with evidence */
  signals: SignalView[];
  /** the statement of reasons of the restriction the final outcome applies (DSA Art. 17); null when it restricts nothing */
  statementOfReasons: StatementView | null;
}

export const presentSignal = (signal: Pick<SignalRecord, 'code' | 'severity' | 'score' | 'summary' | 'evidence' | 'detectorId' | 'detectorVersion'>): SignalView => ({
  code: signal.code,
  severity: signal.severity,
  score: signal.score,
  summary: signal.summary,
  evidence: signal.evidence as Record<string, unknown>,
  detector: { id: signal.detectorId, version: signal.detectorVersion },
});

/** The policy's verdict on a subject (the console's case page shows it too). */
export const presentAutomatedVerdict = (verdict: Pick<VerdictRecord, 'outcome' | 'score' | 'policyKey' | 'policyVersion' | 'createdAt'>): AutomatedVerdictView => ({
  outcome: verdict.outcome,
  score: verdict.score,
  policy: { key: verdict.policyKey, version: verdict.policyVersion },
  decidedAt: verdict.createdAt.toISOString(),
});

/**
 * A subject to present: its id and, once final, its outcome as the capability stored it; without
 * an outcome of its own, the final outcome is its review's decision (a subject only a moderator
 * settles).
 */
export interface VerdictSubject {
  id: string;
  outcome?: string | null;
}

/** The verdicts of subjects of one type, in the order given, in three queries however many there are. */
export async function presentVerdicts(prisma: PrismaClient | Prisma.TransactionClient, subjectType: string, subjects: readonly VerdictSubject[]): Promise<VerdictView[]> {
  if (subjects.length === 0) return [];
  const bySubject = { subjectType, subjectId: { in: subjects.map((subject) => subject.id) } };
  const [verdicts, signals, reviews, statements] = await Promise.all([
    prisma.verdictRecord.findMany({ where: bySubject }),
    // the id breaks ties between signals stored by one statement, so every reader sees one order
    prisma.signalRecord.findMany({ where: bySubject, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    prisma.case.findMany({ where: bySubject, include: { decision: true } }),
    prisma.statementOfReasons.findMany({ where: bySubject, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
  ]);
  return assembleVerdictViews(subjects, verdicts, signals, reviews, statements);
}

/** A subject's case as the verdict view reads it (the case row and its decision). */
export type ReviewRecord = Prisma.CaseGetPayload<{ include: { decision: true } }>;

/**
 * The views of `subjects` from their records as read (signals in their stored order): what
 * `presentVerdicts` answers, for a caller that holds the records already (a subject answered in
 * the statement that stored it).
 */
export function assembleVerdictViews(
  subjects: readonly VerdictSubject[],
  verdicts: readonly Pick<VerdictRecord, 'subjectId' | 'outcome' | 'score' | 'reasons' | 'policyKey' | 'policyVersion' | 'createdAt'>[],
  signals: readonly Pick<SignalRecord, 'subjectId' | 'code' | 'severity' | 'score' | 'summary' | 'evidence' | 'detectorId' | 'detectorVersion'>[],
  reviews: readonly ReviewRecord[],
  statements: readonly StatementOfReasons[] = [],
): VerdictView[] {
  const verdictOf = new Map(verdicts.map((row) => [row.subjectId, row]));
  // a subject's outcome has one statement; were there more, the latest stands
  const statementOf = new Map(statements.map((row) => [row.subjectId, row]));
  const reviewOf = new Map(reviews.map((row) => [row.subjectId, row]));
  const signalsOf = new Map<string, (typeof signals)[number][]>();
  for (const row of signals) {
    const list = signalsOf.get(row.subjectId);
    if (list) list.push(row);
    else signalsOf.set(row.subjectId, [row]);
  }
  return subjects.map((subject) => {
    const verdict = verdictOf.get(subject.id);
    const review = reviewOf.get(subject.id);
    const decision = review?.decision ?? null;
    const outcome = subject.outcome === undefined ? (decision?.decision ?? null) : subject.outcome;
    return {
      outcome,
      decidedBy: outcome === null ? null : decision ? 'moderator' : 'policy',
      automated: verdict ? presentAutomatedVerdict(verdict) : null,
      review: review
        ? {
            caseId: review.id,
            status: review.status,
            priority: review.priority,
            slaDueAt: review.slaDueAt.toISOString(),
            decision: decision?.decision ?? null,
            note: decision?.note ?? null,
            decidedAt: decision?.createdAt.toISOString() ?? null,
          }
        : null,
      reasons: (verdict?.reasons as ReasonView[] | undefined) ?? [],
      signals: (signalsOf.get(subject.id) ?? []).map(presentSignal),
      statementOfReasons: statementView(statementOf.get(subject.id)),
    };
  });
}

const statementView = (row: StatementOfReasons | undefined): StatementView | null => (row ? presentStatement(row) : null);

/** One subject's verdict (a webhook's, or a single view's). */
export async function presentVerdict(prisma: PrismaClient | Prisma.TransactionClient, subjectType: string, subject: VerdictSubject): Promise<VerdictView> {
  const [view] = await presentVerdicts(prisma, subjectType, [subject]);
  return view!;
}
