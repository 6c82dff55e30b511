import type { ActivityOptions } from '@temporalio/workflow';

/**
 * Reading the words on pictures (OCR) on the heavy queue, for any capability: a few pictures of at
 * most 1200 px, a second or two each.
 */
export const pictureTextActivityOptions = (taskQueue: string): ActivityOptions => ({
  taskQueue,
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumAttempts: 5 },
});
