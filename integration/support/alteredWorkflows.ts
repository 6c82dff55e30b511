/**
 * Deliberately incompatible versions of the workflows, used only as the replay test's negative
 * control: each sleeps before doing what the real one does, so recorded histories (which start
 * with an activity) must not replay against them.
 */
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { SystemProbeActivities } from '../../workers/activities/systemProbe.ts';
import type { SystemProbeInput, SystemProbeResult } from '../../workflows/systemProbe.ts';
import { sellerVetting as currentSellerVetting, type SellerVettingInput, type SellerVettingResult } from '../../workflows/sellerVetting.ts';

const { completeSystemProbe } = proxyActivities<SystemProbeActivities>({ startToCloseTimeout: '30 seconds' });

export async function systemProbe(input: SystemProbeInput): Promise<SystemProbeResult> {
  await sleep('1 second');
  return await completeSystemProbe(input);
}

export async function sellerVetting(input: SellerVettingInput): Promise<SellerVettingResult> {
  await sleep('1 second');
  return await currentSellerVetting(input);
}
