import type { FastifyPluginAsync } from 'fastify';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../../../core/database.ts';
import { caseActionRoutes } from './actions.ts';
import { caseAttachmentRoutes } from './attachments.ts';
import { caseListRoutes } from './list.ts';
import { caseShowRoutes } from './show.ts';

/** The console's case routes, shared by every capability that opens cases. */
export const caseRoutes: FastifyPluginAsync<{ prisma: PrismaClient; temporal: Client; claimSeconds: number }> = async (app, options) => {
  await app.register(caseListRoutes, { prisma: options.prisma });
  await app.register(caseShowRoutes, { prisma: options.prisma });
  await app.register(caseActionRoutes, options);
  await app.register(caseAttachmentRoutes, { prisma: options.prisma });
};
