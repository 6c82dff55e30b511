import type { PrismaClient } from '../../core/database.ts';
import { markVettingFailed, type VettingFailureReason } from '../../core/vettingFailures.ts';

/** Recording that a vetting's workflow is failing, before it fails (see workflows/vettingFailure.ts). */
export function createVettingFailureActivities({ prisma, clock }: { prisma: PrismaClient; clock: () => Date }) {
  return {
    /** True when the vetting was still unfinished and is now `failed`; false when it had already ended. */
    async failVetting(input: { vettingId: string; reason: VettingFailureReason; detail: string }): Promise<boolean> {
      return await markVettingFailed(prisma, { ...input, at: clock() });
    },
  };
}

export type VettingFailureActivities = ReturnType<typeof createVettingFailureActivities>;
