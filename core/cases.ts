/**
 * What a capability declares about the cases it opens: the words a moderator may decide with and
 * which of them need a note. Plain data, imported by the capability's workflow (to validate a
 * decision before it enters history) and by its API routes (to register the subject type with the
 * console's case routes). Shared code never names a capability.
 */

export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

/** How long each priority may wait, relative to the normal SLA. */
const SLA_FACTOR: Record<CasePriority, number> = { low: 3, normal: 1, high: 0.5, urgent: 0.25 };

/** The seconds a case of `priority` may wait, given the normal SLA. */
export const caseSlaSeconds = (normalSlaSeconds: number, priority: CasePriority): number => normalSlaSeconds * SLA_FACTOR[priority];

export interface DecisionOption {
  /** the word stored and sent to the workflow, e.g. `approve`, `remove_listing`, `suspend` */
  value: string;
  /** what the console's button says */
  label: string;
  /** a note is required (rejections and other actions against someone) */
  noteRequired: boolean;
  /** drawn as the destructive choice in the console */
  destructive?: boolean;
}

export interface CaseSubjectDefinition {
  /** stable identifier stored on cases, signals, verdicts and webhook events */
  subjectType: string;
  /** how people call it: "Seller vetting" */
  label: string;
  decisions: readonly DecisionOption[];
}

/** A moderator's decision as the waiting workflow receives it. */
export interface CaseDecision {
  decision: string;
  moderatorId: string;
  note?: string;
}

/** Refuses a decision the subject type does not allow, or one missing its required note. */
export function decisionProblem(definition: CaseSubjectDefinition, proposed: { decision: string; note?: string | null }): string | null {
  const option = definition.decisions.find((candidate) => candidate.value === proposed.decision);
  if (!option) return `decision must be one of: ${definition.decisions.map((candidate) => candidate.value).join(', ')}`;
  if (option.noteRequired && !proposed.note?.trim()) return `a note is required to ${option.label.toLowerCase()}`;
  return null;
}
