/**
 * The operator's admin under /admin/v1: marketplaces, their API keys, console users and policy
 * versions, in the list/getOne/create/update/delete dialect of react-admin's ra-data-simple-rest.
 * Who may call each route is in api/auth/consoleAccess.ts (admins only); the console guard checks
 * it before any handler runs.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PrismaClient } from '../../../core/database.ts';
import { apiKeyRoutes } from './apiKeys.ts';
import { marketplaceRoutes } from './marketplaces.ts';
import { policyRoutes } from './policies.ts';
import { userRoutes } from './users.ts';

export const operatorAdminRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  await app.register(marketplaceRoutes, { prisma });
  await app.register(apiKeyRoutes, { prisma });
  await app.register(userRoutes, { prisma });
  await app.register(policyRoutes, { prisma });
};
