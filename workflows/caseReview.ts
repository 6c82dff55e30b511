/**
 * The part of every capability's workflow that asks a person: open a case, wait for a moderator's
 * decision (a validated update, so a wrong or late decision never enters history), raise the
 * case's priority each time its SLA passes, and record the decision. A capability calls
 * `reviewCase` with its own subject and allowed decisions; nothing here knows which one it is.
 */
import { condition, defineUpdate, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { CASE_PRIORITIES, caseSlaSeconds, decisionProblem, type CaseDecision, type CasePriority, type CaseSubjectDefinition } from '../core/cases.ts';
import type { CaseActivities } from '../workers/activities/cases.ts';

export type { CaseDecision } from '../core/cases.ts';

/** A moderator settles the case; refused (before it enters history) unless the case is waiting. */
export const decideCaseUpdate = defineUpdate<{ accepted: true }, [CaseDecision]>('decideCase');

const cases = proxyActivities<CaseActivities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export interface CaseReviewRequest {
  definition: CaseSubjectDefinition;
  subjectId: string;
  tenantId: string;
  /** the seller the subject concerns (our id), shown with the seller's history */
  sellerId: string | null;
  priority: CasePriority;
  /** SLA of a normal-priority case, in seconds; scaled by priority */
  slaSeconds: number;
  /** runs once the case is open (e.g. the capability marks its subject as awaiting review) */
  onOpened?: () => Promise<void>;
  /**
   * The case a batch range opened already, in the transaction that recorded the subject's verdict
   * and marked it awaiting review: the review only waits for the moderator (no `openCase`, no
   * `onOpened`).
   */
  openedCaseId?: string;
}

export interface CaseReviewOutcome {
  caseId: string;
  decision: CaseDecision;
}

export async function reviewCase(request: CaseReviewRequest): Promise<CaseReviewOutcome> {
  let waiting = false;
  let decision: CaseDecision | undefined;
  // The handler is in place before the case exists, so no decision can arrive unhandled.
  setHandler(
    decideCaseUpdate,
    (proposed) => {
      decision = proposed;
      return { accepted: true };
    },
    {
      validator: (proposed) => {
        if (!waiting) throw new Error('the case is not waiting for a decision');
        if (decision) throw new Error('the case has already been decided');
        if (!proposed.moderatorId) throw new Error('moderatorId is required');
        const problem = decisionProblem(request.definition, proposed);
        if (problem) throw new Error(problem);
      },
    },
  );

  let priority = request.priority;
  const slaFor = (level: CasePriority) => caseSlaSeconds(request.slaSeconds, level);
  let caseId = request.openedCaseId;
  if (caseId === undefined) {
    ({ caseId } = await cases.openCase({
      subjectType: request.definition.subjectType,
      subjectId: request.subjectId,
      tenantId: request.tenantId,
      sellerId: request.sellerId,
      workflowId: workflowInfo().workflowId,
      priority,
      slaSeconds: slaFor(priority),
    }));
    await request.onOpened?.();
  }
  waiting = true;
  while (!(await condition(() => decision !== undefined, slaFor(priority) * 1000))) {
    priority = CASE_PRIORITIES[Math.min(CASE_PRIORITIES.indexOf(priority) + 1, CASE_PRIORITIES.length - 1)]!;
    await cases.raiseCasePriority({ caseId, priority, slaSeconds: slaFor(priority) });
  }
  waiting = false;
  const settled = decision!;
  await cases.recordDecision({ caseId, ...settled });
  return { caseId, decision: settled };
}
