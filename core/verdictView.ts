/**
 * The verdict as every capability shows it, in its API view and in its webhook: the final outcome
 * and who gave it, the policy's automated verdict, the moderator's review, the reasons and the
 * signals. Built from the shared decision records (verdicts, signals, cases with their decisions)
 * of any number of subjects of one type in three queries; it knows no capability by name: the
 * outcome's words are the capability's own, read from its row by the caller.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { PrismaClient } from './database.ts';
import type { SignalRecord, VerdictRecord } from '../prisma/generated/client.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const SignalView = Type.Object({
  code: Type.String(),
  severity: Type.String(),
  score: Type.Number(),
  summary: Type.String(),
  evidence: Type.Record(Type.String(), Type.Unknown()),
  detector: Type.Object({ id: Type.String(), version: Type.String() }),
});
export type SignalView = Static<typeof SignalView>;

export const presentSignal = (signal: SignalRecord): SignalView => ({
  code: signal.code,
  severity: signal.severity,
  score: signal.score,
  summary: signal.summary,
  evidence: signal.evidence as Record<string, unknown>,
  detector: { id: signal.detectorId, version: signal.detectorVersion },
});

export const ReasonView = Type.Object({
  code: Type.String({ description: 'the signal code the policy rule matched' }),
  action: Type.String({ description: 'what the rule asked for, in the policy’s verdict words' }),
  severity: Type.String(),
  score: Type.Number(),
  summary: Type.String(),
});
export type ReasonView = Static<typeof ReasonView>;

export const AutomatedVerdictView = Type.Object(
  {
    outcome: Type.String({ description: 'the policy’s verdict, escalate included' }),
    score: Type.Number(),
    policy: Type.Object({ key: Type.String(), version: Type.Integer() }),
    decidedAt: Type.String({ format: 'date-time' }),
  },
  { description: 'the policy’s automated verdict; null until it is given' },
);
export type AutomatedVerdictView = Static<typeof AutomatedVerdictView>;

/** The policy's verdict on a subject (the console's case page shows it too). */
export const presentAutomatedVerdict = (verdict: VerdictRecord): AutomatedVerdictView => ({
  outcome: verdict.outcome,
  score: verdict.score,
  policy: { key: verdict.policyKey, version: verdict.policyVersion },
  decidedAt: verdict.createdAt.toISOString(),
});

export const VerdictView = Type.Object(
  {
    outcome: Nullable(Type.String({ description: 'the final outcome in the capability’s own words; null until the subject is completed' })),
    decidedBy: Nullable(Type.Union([Type.Literal('policy'), Type.Literal('moderator')], { description: 'who gave the final outcome; null until then' })),
    automated: Nullable(AutomatedVerdictView),
    review: Nullable(
      Type.Object(
        {
          caseId: Type.String({ format: 'uuid' }),
          status: Type.String({ description: 'open or decided' }),
          priority: Type.String({ description: 'low, normal, high or urgent' }),
          slaDueAt: Type.String({ format: 'date-time' }),
          decision: Nullable(Type.String({ description: 'the moderator’s decision, once given' })),
          note: Nullable(Type.String()),
          decidedAt: Nullable(Type.String({ format: 'date-time' })),
        },
        { description: 'the case a moderator reviews; null when the policy did not escalate' },
      ),
    ),
    reasons: Type.Array(ReasonView, { description: 'the automated verdict’s reasons' }),
    signals: Type.Array(SignalView, { description: 'what the checks found, with evidence' }),
  },
  { $id: 'Verdict', description: 'One shape for every capability and webhook (docs/api.md, "The verdict")' },
);
export type VerdictView = Static<typeof VerdictView>;

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
export async function presentVerdicts(prisma: PrismaClient, subjectType: string, subjects: readonly VerdictSubject[]): Promise<VerdictView[]> {
  if (subjects.length === 0) return [];
  const bySubject = { subjectType, subjectId: { in: subjects.map((subject) => subject.id) } };
  const [verdicts, signals, reviews] = await Promise.all([
    prisma.verdictRecord.findMany({ where: bySubject }),
    // the id breaks ties between signals stored by one statement, so every reader sees one order
    prisma.signalRecord.findMany({ where: bySubject, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    prisma.case.findMany({ where: bySubject, include: { decision: true } }),
  ]);
  const verdictOf = new Map(verdicts.map((row) => [row.subjectId, row]));
  const reviewOf = new Map(reviews.map((row) => [row.subjectId, row]));
  const signalsOf = new Map<string, SignalRecord[]>();
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
    };
  });
}

/** One subject's verdict (a webhook's, or a single view's). */
export async function presentVerdict(prisma: PrismaClient, subjectType: string, subject: VerdictSubject): Promise<VerdictView> {
  const [view] = await presentVerdicts(prisma, subjectType, [subject]);
  return view!;
}
