/**
 * The skeleton every capability's workflow shares: screen the subject (the capability's own
 * activities), let the policy's verdict stand or open a case and wait for a moderator
 * (`reviewCase`), record the final outcome, and send the capability's completed webhook; all of
 * it inside the shared failure path, with the one `stage` query the API and the console read.
 *
 * A capability's workflow is then its input type and a `SubjectWorkflow` filled with its own
 * activities: how it screens, how it marks a subject awaiting review, how a moderator's decision
 * maps to its outcome, and how it completes. Nothing here names a capability.
 *
 * The commands this issues are exactly those the capabilities issued when each wrote the skeleton
 * itself (screen, openCase…, complete, describe, notify), so their recorded histories replay.
 */
import { defineQuery, setHandler } from '@temporalio/workflow';
import type { CasePriority, CaseSubjectDefinition } from '../core/cases.ts';
import { reviewCase } from './caseReview.ts';
import { withFailurePath } from './failurePath.ts';
import { notifyMarketplace, startNotification, type WebhookRetrySettings } from './notifyMarketplace.ts';

export type SubjectStage = 'screening' | 'deciding' | 'awaiting_review' | 'completing' | 'completed';

/** Where a subject's workflow is: one query name and one set of stages for every capability. */
export const subjectStageQuery = defineQuery<SubjectStage>('stage');

/** The policy's verdict as the skeleton needs it: an outcome that stands, or an escalation. */
export type Screened<Outcome extends string> =
  | { escalate: false; outcome: Outcome }
  | { escalate: true; priority: CasePriority; sellerId: string | null; tenantId?: string };

/**
 * What a batch's range recorded already for an escalated subject: only the case is left to do,
 * or, when the range opened the case too (`caseId`), only the moderator's wait.
 */
export interface AlreadyEscalated {
  priority: CasePriority;
  sellerId: string | null;
  caseId?: string;
}

export interface SubjectResult<Outcome extends string> {
  outcome: Outcome;
  decidedBy: 'policy' | 'moderator';
}

export interface SubjectWorkflow<Outcome extends string> {
  /** the capability's case definition (subject type, decisions) */
  cases: CaseSubjectDefinition;
  subjectId: string;
  tenantId: string;
  /** base SLA of a normal-priority case; scaled by priority */
  caseSlaSeconds: number;
  webhook: WebhookRetrySettings;
  /** the capability's `<name>.completed` event type */
  completedEvent: string;
  /** set when a batch screened the subject and recorded its escalation already */
  escalated?: AlreadyEscalated;
  /** detection and the policy's verdict, recorded; `setStage('deciding')` once detection is done */
  screen(setStage: (stage: SubjectStage) => void): Promise<Screened<Outcome>>;
  /** marks the subject as waiting for a moderator (runs once the case is open) */
  markAwaitingReview(): Promise<void>;
  /** a moderator's decision in the capability's outcome words */
  outcomeOf(decision: string): Outcome;
  /**
   * records the final outcome and returns the completed webhook's tenant and data;
   * `setStage('completed')` once the outcome is stored
   */
  complete(result: SubjectResult<Outcome>, setStage: (stage: SubjectStage) => void): Promise<{ tenantId: string; data: Record<string, unknown> }>;
  /**
   * Takes the completed webhook's delivery instead of waiting here for it, once the event is
   * recorded: the workflow goes on at once (a buyer's next round of photos does not wait on a
   * marketplace endpoint that fails) and must await the delivery before it ends. Absent: the
   * delivery is awaited here.
   */
  deliverLater?: (delivered: Promise<void>) => void;
  /** what this workflow type did on failure before the shared failure path (replayed histories only) */
  previouslyOnFailure?: (error: unknown) => Promise<void>;
}

export async function runSubjectWorkflow<Outcome extends string>(subject: SubjectWorkflow<Outcome>): Promise<SubjectResult<Outcome>> {
  return await withFailurePath(
    { subjectType: subject.cases.subjectType, subjectId: subject.subjectId, webhook: subject.webhook },
    () => screenDecideComplete(subject),
    subject.previouslyOnFailure,
  );
}

async function screenDecideComplete<Outcome extends string>(subject: SubjectWorkflow<Outcome>): Promise<SubjectResult<Outcome>> {
  let stage: SubjectStage = 'screening';
  setHandler(subjectStageQuery, () => stage);
  const setStage = (next: SubjectStage) => (stage = next);

  const screened: Screened<Outcome> = subject.escalated ? { escalate: true, ...subject.escalated } : await subject.screen(setStage);
  let result: SubjectResult<Outcome>;
  if (screened.escalate) {
    const openedCaseId = subject.escalated?.caseId;
    if (openedCaseId !== undefined) stage = 'awaiting_review';
    const review = await reviewCase({
      ...(openedCaseId === undefined ? {} : { openedCaseId }),
      definition: subject.cases,
      subjectId: subject.subjectId,
      tenantId: screened.tenantId ?? subject.tenantId,
      sellerId: screened.sellerId,
      priority: screened.priority,
      slaSeconds: subject.caseSlaSeconds,
      onOpened: async () => {
        await subject.markAwaitingReview();
        stage = 'awaiting_review';
      },
    });
    result = { outcome: subject.outcomeOf(review.decision.decision), decidedBy: 'moderator' };
  } else {
    result = { outcome: screened.outcome, decidedBy: 'policy' };
  }

  stage = 'completing';
  const event = await subject.complete(result, setStage);
  stage = 'completed';
  const notification = { subjectType: subject.cases.subjectType, subjectId: subject.subjectId, eventType: subject.completedEvent, ...event };
  if (subject.deliverLater) subject.deliverLater((await startNotification(notification, subject.webhook)).delivered);
  else await notifyMarketplace(notification, subject.webhook);
  return result;
}
