import type { FailureReason } from '../../core/capability.ts';
import type { PrismaClient } from '../../core/database.ts';
import { sellerVettingCapability } from '../../core/sellerVetting.ts';

/**
 * What a vetting workflow called on failure before the shared failure path existed
 * (workers/activities/failures.ts). Kept so a vetting history that already took that path replays.
 */
export function createVettingFailureActivities({ prisma, clock }: { prisma: PrismaClient; clock: () => Date }) {
  return {
    /** True when the vetting was still unfinished and is now `failed`; false when it had already ended. */
    async failVetting(input: { vettingId: string; reason: FailureReason; detail: string }): Promise<boolean> {
      return await sellerVettingCapability.rows.markFailed(prisma, input.vettingId, { reason: input.reason, detail: input.detail, at: clock() });
    },
  };
}

export type VettingFailureActivities = ReturnType<typeof createVettingFailureActivities>;
