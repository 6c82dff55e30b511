/** An appeal's case subject as the API presents it (api/routes/appeals/caseSubject.ts), read defensively. */
export interface AppealSubject {
  appealId: string;
  appellant: { type: string; id: string };
  appellantStatement: string;
  appealedAt: string;
  decision: {
    id: string;
    subject: { type: string; id: string };
    measure: { code: string; description: string };
    facts: string;
    decidedBy: string;
    appliedAt: string;
    automatedDecision: string;
    category: { category: string };
  };
  originalCase: { id: string; decision: string | null; note: string | null; decidedBy: string | null } | null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export function readAppealSubject(subject: unknown): AppealSubject | null {
  if (!isObject(subject) || typeof subject.appealId !== 'string' || typeof subject.appellantStatement !== 'string') return null;
  const decision = subject.decision;
  if (!isObject(decision) || typeof decision.facts !== 'string' || !isObject(decision.measure) || !isObject(subject.appellant)) return null;
  return subject as unknown as AppealSubject;
}
