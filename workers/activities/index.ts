import type { PrismaClient } from '../../core/database.ts';
import { createSystemProbeActivities } from './systemProbe.ts';

export interface ActivityDependencies {
  prisma: PrismaClient;
  workerIdentity: string;
  clock?: () => Date;
}

/** All activities of the main task queue, with their dependencies injected. */
export function createActivities({ prisma, workerIdentity, clock = () => new Date() }: ActivityDependencies) {
  return {
    ...createSystemProbeActivities({ prisma, workerIdentity, clock }),
  };
}
