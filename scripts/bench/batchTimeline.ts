/**
 * Where a batch's wall time went, from its workflow's histories (every run of the continue-as-new
 * chain): every moment is charged to the first of what the workflow was waiting on then (ranges
 * running, ranges queued, another activity, review workflow starts, the next run); a moment
 * nothing was outstanding is workflow task latency (the worker deciding the next commands and
 * the server's round trips). Event times are the server's clock, as Date.now() is here.
 */
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';

const EventType = proto.temporal.api.enums.v1.EventType;
const RANGE_ACTIVITIES = new Set(['screenBatchRange', 'screenBatchChunk']);

const millis = (time: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(time?.seconds ?? 0) * 1000 + (time?.nanos ?? 0) / 1e6;

interface Stretch {
  what: string;
  from: number;
  to: number;
}

export interface BatchTimeline {
  charged: Map<string, number>;
  runs: number;
  ranges: number;
  /** the sum of the ranges' own running times */
  rangeSeconds: number;
  reviewStarts: number;
  total: number;
}

/** The batch's stretches, from the upload's first byte (`startedAt`) to its completion seen by the client (`observedAt`). */
export async function batchTimeline(client: Client, workflowId: string, { startedAt, uploadedAt, observedAt }: { startedAt: number; uploadedAt: number; observedAt: number }): Promise<BatchTimeline> {
  const stretches: Stretch[] = [{ what: 'intake (upload to answer)', from: startedAt, to: uploadedAt }];
  const runs: { first: number; last: number }[] = [];
  let ranges = 0;
  let rangeSeconds = 0;
  let reviewStarts = 0;
  for await (const execution of client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) {
    const events = (await client.workflow.getHandle(workflowId, execution.runId).fetchHistory()).events ?? [];
    const times = events.map((event) => millis(event.eventTime));
    runs.push({ first: Math.min(...times), last: Math.max(...times) });
    const byId = new Map(events.map((event, index) => [Number(event.eventId), { event, at: times[index]! }]));
    for (const [index, event] of events.entries()) {
      const at = times[index]!;
      const ended = (scheduledId: unknown) => {
        const scheduled = byId.get(Number(scheduledId))!;
        const name = scheduled.event.activityTaskScheduledEventAttributes?.activityType?.name ?? '?';
        const started = events.find((other) => other.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED && Number(other.activityTaskStartedEventAttributes?.scheduledEventId) === Number(scheduledId));
        const startedAt = started ? millis(started.eventTime) : at;
        const isRange = RANGE_ACTIVITIES.has(name);
        stretches.push({ what: isRange ? 'ranges queued (schedule to start)' : `activity ${name} queued`, from: scheduled.at, to: startedAt });
        stretches.push({ what: isRange ? 'ranges running' : `activity ${name}`, from: startedAt, to: at });
        if (isRange) {
          ranges += 1;
          rangeSeconds += (at - startedAt) / 1000;
        }
      };
      if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) ended(event.activityTaskCompletedEventAttributes?.scheduledEventId);
      if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED) ended(event.activityTaskFailedEventAttributes?.scheduledEventId);
      if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT) ended(event.activityTaskTimedOutEventAttributes?.scheduledEventId);
      const childStarted = event.childWorkflowExecutionStartedEventAttributes ?? event.startChildWorkflowExecutionFailedEventAttributes;
      if (childStarted) {
        reviewStarts += 1;
        stretches.push({ what: 'review workflow starts', from: byId.get(Number(childStarted.initiatedEventId))!.at, to: at });
      }
    }
  }
  runs.sort((left, right) => left.first - right.first);
  for (let index = 1; index < runs.length; index += 1) stretches.push({ what: 'continue-as-new (run to run)', from: runs[index - 1]!.last, to: runs[index]!.first });
  stretches.push({ what: 'completion seen by polling', from: runs.at(-1)!.last, to: observedAt });

  // Sweep the moments in order; a moment goes to the first stretch kind covering it, in this order.
  const order = ['intake (upload to answer)', 'ranges running', 'ranges queued (schedule to start)', 'review workflow starts', 'continue-as-new (run to run)', 'completion seen by polling'];
  const rank = (what: string) => (order.includes(what) ? order.indexOf(what) : order.length - 1 - 0.5);
  const bounds = [...new Set(stretches.flatMap(({ from, to }) => [from, to]).filter((at) => at >= startedAt && at <= observedAt))].sort((left, right) => left - right);
  const charged = new Map<string, number>();
  for (let index = 0; index < bounds.length - 1; index += 1) {
    const [from, to] = [bounds[index]!, bounds[index + 1]!];
    const covering = stretches.filter((stretch) => stretch.from <= from && stretch.to >= to && stretch.to > stretch.from);
    const what = covering.length === 0 ? 'workflow tasks (nothing outstanding)' : covering.sort((left, right) => rank(left.what) - rank(right.what))[0]!.what;
    charged.set(what, (charged.get(what) ?? 0) + (to - from));
  }
  return { charged, runs: runs.length, ranges, rangeSeconds, reviewStarts, total: observedAt - startedAt };
}

export function printTimeline(timeline: BatchTimeline): void {
  const { charged, total } = timeline;
  console.log(`where the time went (${timeline.runs} run(s); ${timeline.ranges} ranges, ${timeline.rangeSeconds.toFixed(1)} s of range activity in all; ${timeline.reviewStarts} review workflow starts):`);
  for (const [what, spent] of [...charged].sort((left, right) => right[1] - left[1])) console.log(`  ${what.padEnd(40)} ${(spent / 1000).toFixed(2).padStart(6)} s ${((100 * spent) / total).toFixed(0).padStart(4)}%`);
}
