/**
 * System probe: the smallest workflow that exercises every part of the platform. The API starts
 * it, one activity on the worker writes the result to PostgreSQL, the API reads it back.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { SystemProbeActivities } from '../workers/activities/systemProbe.ts';

const { completeSystemProbe } = proxyActivities<SystemProbeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 20 },
});

export interface SystemProbeInput {
  probeId: string;
}

export interface SystemProbeResult {
  probeId: string;
  workerIdentity: string;
}

export async function systemProbe(input: SystemProbeInput): Promise<SystemProbeResult> {
  return await completeSystemProbe(input);
}
