/**
 * A deliberately incompatible version of the system probe, used only as the replay test's
 * negative control: it sleeps before calling the activity, so recorded histories (which start
 * with the activity) must not replay against it.
 */
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { SystemProbeActivities } from '../../workers/activities/systemProbe.ts';
import type { SystemProbeInput, SystemProbeResult } from '../../workflows/systemProbe.ts';

const { completeSystemProbe } = proxyActivities<SystemProbeActivities>({ startToCloseTimeout: '30 seconds' });

export async function systemProbe(input: SystemProbeInput): Promise<SystemProbeResult> {
  await sleep('1 second');
  return await completeSystemProbe(input);
}
