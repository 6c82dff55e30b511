import type { PrismaClient } from '../../core/database.ts';
import type { SystemProbeInput, SystemProbeResult } from '../../workflows/systemProbe.ts';

export interface SystemProbeDependencies {
  prisma: PrismaClient;
  workerIdentity: string;
  clock: () => Date;
}

export function createSystemProbeActivities({ prisma, workerIdentity, clock }: SystemProbeDependencies) {
  return {
    /** Marks the probe completed; idempotent, so a retried attempt changes nothing. */
    async completeSystemProbe({ probeId }: SystemProbeInput): Promise<SystemProbeResult> {
      await prisma.systemProbe.updateMany({
        where: { id: probeId, status: 'running' },
        data: { status: 'completed', completedAt: clock(), workerIdentity },
      });
      return { probeId, workerIdentity };
    },
  };
}

export type SystemProbeActivities = ReturnType<typeof createSystemProbeActivities>;
