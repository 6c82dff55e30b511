/**
 * Seller vetting: read the identity document (heavy queue), check the business registry,
 * watchlists and linked accounts, let the versioned policy decide, and when it escalates wait
 * for a moderator (raising the case's priority each time its SLA passes). Then record the final
 * outcome and notify the marketplace by signed webhook.
 *
 * The workflow only ever holds ids and signals (which carry no personal data): documents, names
 * and numbers stay encrypted in PostgreSQL, out of Temporal's stored history.
 */
import { condition, defineQuery, defineUpdate, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Signal } from '../core/signals.ts';
import type { DocumentActivities } from '../workers/activities/documents.ts';
import type { SellerVettingActivities } from '../workers/activities/sellerVetting.ts';
import type { WebhookRetrySettings } from './notifyMarketplace.ts';
import { notifyMarketplace } from './notifyMarketplace.ts';
import { recordVettingFailure } from './vettingFailure.ts';

export interface SellerVettingInput {
  vettingId: string;
  tenantId: string;
  documentsTaskQueue: string;
  /** base SLA of a normal-priority case; scaled by priority */
  caseSlaSeconds: number;
  webhook: WebhookRetrySettings;
}

export interface SellerVettingResult {
  outcome: 'approve' | 'reject';
  decidedBy: 'policy' | 'moderator';
}

export interface ModeratorDecision {
  outcome: 'approve' | 'reject';
  moderatorId: string;
  note?: string;
}

export type VettingStage = 'screening' | 'deciding' | 'awaiting_review' | 'completing' | 'completed';

/** A moderator settles the escalation; refused (before it enters history) unless the case is waiting. */
export const decideVettingUpdate = defineUpdate<{ accepted: true }, [ModeratorDecision]>('decide');
export const vettingStageQuery = defineQuery<VettingStage>('stage');

// Short timeouts: these are database calls and one registry request, and a worker that dies
// mid-activity holds the task until its timeout passes.
const activities = proxyActivities<SellerVettingActivities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['VettingNotFound'] },
});

/** Priority order and how long each level may wait, relative to the normal SLA. */
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const SLA_FACTOR: Record<(typeof PRIORITIES)[number], number> = { low: 3, normal: 1, high: 0.5, urgent: 0.25 };

/** No dead ends: a failing vetting is recorded as `failed` (and the marketplace told) before the workflow fails. */
export async function sellerVetting(input: SellerVettingInput): Promise<SellerVettingResult> {
  try {
    return await vetSeller(input);
  } catch (error) {
    await recordVettingFailure(input, error);
    throw error;
  }
}

async function vetSeller(input: SellerVettingInput): Promise<SellerVettingResult> {
  const { vettingId } = input;
  let stage: VettingStage = 'screening';
  let decision: ModeratorDecision | undefined;
  setHandler(vettingStageQuery, () => stage);
  setHandler(
    decideVettingUpdate,
    (proposed) => {
      decision = proposed;
      return { accepted: true };
    },
    {
      validator: (proposed) => {
        if (stage !== 'awaiting_review') throw new Error(`the vetting is not awaiting review (stage: ${stage})`);
        if (decision) throw new Error('the case has already been decided');
        if (proposed.outcome !== 'approve' && proposed.outcome !== 'reject') throw new Error('outcome must be approve or reject');
        if (!proposed.moderatorId) throw new Error('moderatorId is required');
      },
    },
  );

  const documents = proxyActivities<DocumentActivities>({
    taskQueue: input.documentsTaskQueue,
    // OCR of one document takes about a second; the limit only bounds a worker that died.
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumAttempts: 5, nonRetryableErrorTypes: ['VettingNotFound'] },
  });

  await activities.markVettingScreening({ vettingId });
  const documentSignals = await documents.readIdentityDocument({ vettingId });
  // Linked accounts need the document number the document step stored.
  const otherSignals = await Promise.all([
    activities.checkBusinessRegistry({ vettingId }),
    activities.screenWatchlists({ vettingId }),
    activities.findLinkedAccounts({ vettingId }),
  ]);
  const signals: Signal[] = [...documentSignals, ...otherSignals.flat()];

  stage = 'deciding';
  const verdict = await activities.recordVerdict({ vettingId, signals });
  let result: SellerVettingResult;
  if (verdict.outcome === 'escalate') {
    let priority = verdict.priority;
    const opened = await activities.openCase({ vettingId, workflowId: workflowInfo().workflowId, priority, slaSeconds: input.caseSlaSeconds * SLA_FACTOR[priority] });
    stage = 'awaiting_review';
    while (!(await condition(() => decision !== undefined, input.caseSlaSeconds * SLA_FACTOR[priority] * 1000))) {
      priority = PRIORITIES[Math.min(PRIORITIES.indexOf(priority) + 1, PRIORITIES.length - 1)]!;
      await activities.raiseCasePriority({ caseId: opened.caseId, priority, slaSeconds: input.caseSlaSeconds * SLA_FACTOR[priority] });
    }
    const settled = decision!;
    stage = 'completing';
    await activities.recordDecision({ caseId: opened.caseId, ...settled });
    result = { outcome: settled.outcome, decidedBy: 'moderator' };
  } else {
    result = { outcome: verdict.outcome, decidedBy: 'policy' };
  }

  stage = 'completing';
  await activities.completeVetting({ vettingId, outcome: result.outcome, decidedBy: result.decidedBy });
  stage = 'completed';
  await notifyMarketplace({ subjectType: 'seller_vetting', subjectId: vettingId, eventType: 'seller_vetting.completed' }, input.webhook);
  return result;
}
