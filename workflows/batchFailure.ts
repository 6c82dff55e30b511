/**
 * The end of a batch whose workflow closed without finishing it (core/batchReconciliation.ts
 * marked it failed and started this): its unfinished subjects are reconciled a page at a time,
 * each with its own workflow (or the batch's) described, so those the batch left unfinished fail
 * with their `.failed` webhooks (sent by `failureNotice`) while escalations still waiting for a
 * moderator keep their own running workflows. Then one `<subject type>_batch.failed` webhook.
 *
 * One activity a page and continue-as-new every few pages: the history stays bounded however
 * large the batch.
 */
import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { FailureActivities, SweepCursor } from '../workers/activities/failures.ts';
import { notifyMarketplace, type WebhookRetrySettings } from './notifyMarketplace.ts';

const { reconcileBatchSubjects, describeBatchFailure } = proxyActivities<FailureActivities>({
  // a page asks Temporal about each subject (5 s deadline each) and heartbeats between them
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute' },
});

export interface BatchFailureNoticeInput {
  subjectType: string;
  batchId: string;
  /** where the previous run stopped in the batch's unfinished subjects */
  after: SweepCursor | null;
  webhook: WebhookRetrySettings;
}

export const BATCH_FAILURE_PAGE_SIZE = 100;
const PAGES_PER_RUN = 20;

export async function batchFailureNotice(input: BatchFailureNoticeInput): Promise<void> {
  let after = input.after;
  for (let page = 0; page < PAGES_PER_RUN; page++) {
    const { next } = await reconcileBatchSubjects({
      subjectType: input.subjectType,
      batchId: input.batchId,
      after,
      take: BATCH_FAILURE_PAGE_SIZE,
      taskQueue: workflowInfo().taskQueue,
      webhook: input.webhook,
    });
    if (!next) {
      await notifyMarketplace(await describeBatchFailure({ batchId: input.batchId }), input.webhook);
      return;
    }
    after = next;
  }
  await continueAsNew<typeof batchFailureNotice>({ ...input, after });
}
