/**
 * Light seller-vetting activities: database work and cheap checks. Each is safe to retry: it
 * reads its inputs by id and writes idempotently.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { PrismaClient } from '../../core/database.ts';
import type { DataProtector } from '../../core/dataProtection.ts';
import type { DeclaredSellerData } from '../../core/sellerVetting.ts';
import { vettingCipherContext } from '../../core/cipherContexts.ts';
import type { Signal } from '../../core/signals.ts';
import { businessRegistryDetector } from '../detectors/businessRegistry/index.ts';
import { linkedAccountsDetector, type AccountLink } from '../detectors/linkedAccounts/index.ts';
import type { CasePriorityName } from '../policy/policy.ts';
import { RegistryUnavailableError, type BusinessRegistryProvider } from '../registry/index.ts';
import { vettingNotFound } from './errors.ts';
import { createVerdictActivities } from './verdicts.ts';

export interface WatchlistScreener {
  screen(input: { personName: string; businessName?: string; dateOfBirth?: string }): Signal[] | Promise<Signal[]>;
}

export interface SellerVettingDependencies {
  prisma: PrismaClient;
  protector: DataProtector;
  registry: BusinessRegistryProvider;
  watchlist: WatchlistScreener;
  clock: () => Date;
  /** registry calls tried before the vetting records the provider as unavailable */
  registryAttempts?: number;
}

export function createSellerVettingActivities(deps: SellerVettingDependencies) {
  const { prisma, protector, clock } = deps;
  const registryAttempts = deps.registryAttempts ?? 4;

  async function loadDeclared(vettingId: string) {
    const vetting = await prisma.sellerVetting.findUnique({ where: { id: vettingId } });
    if (!vetting) throw vettingNotFound(vettingId);
    return { vetting, declared: protector.decryptJson<DeclaredSellerData>(vetting.declaredData, vettingCipherContext.declared(vettingId)) };
  }

  return {
    ...createVerdictActivities({ prisma }),

    async markVettingScreening({ vettingId }: { vettingId: string }): Promise<void> {
      await prisma.sellerVetting.updateMany({ where: { id: vettingId, status: 'received' }, data: { status: 'screening' } });
    },

    /** For business sellers: the registry must know the company, active, under the declared name. */
    async checkBusinessRegistry({ vettingId }: { vettingId: string }): Promise<Signal[]> {
      const { vetting, declared } = await loadDeclared(vettingId);
      if (vetting.applicantType !== 'business' || !declared.business) return [];
      const query = { country: declared.country, registrationNumber: declared.business.registrationNumber, businessName: declared.business.name };
      try {
        const lookup = await deps.registry.lookup(query);
        return businessRegistryDetector.detect({ declared: { businessName: query.businessName, registrationNumber: query.registrationNumber, country: query.country }, lookup });
      } catch (error) {
        if (!(error instanceof RegistryUnavailableError)) throw error;
        // Retried by Temporal; after the last attempt the vetting goes on and escalates.
        if (Context.current().info.attempt < registryAttempts) {
          throw ApplicationFailure.retryable(`registry unavailable: ${error.reason}`, 'RegistryUnavailable');
        }
        return businessRegistryDetector.detect({
          declared: { businessName: query.businessName, registrationNumber: query.registrationNumber, country: query.country },
          lookup: { status: 'unavailable', reason: error.reason },
        });
      }
    },

    async screenWatchlists({ vettingId }: { vettingId: string }): Promise<Signal[]> {
      const { declared } = await loadDeclared(vettingId);
      return deps.watchlist.screen({ personName: declared.legalName, businessName: declared.business?.name, dateOfBirth: declared.dateOfBirth });
    },

    async findLinkedAccounts({ vettingId }: { vettingId: string }): Promise<Signal[]> {
      const vetting = await prisma.sellerVetting.findUnique({ where: { id: vettingId }, select: { sellerId: true, tenantId: true } });
      if (!vetting) throw vettingNotFound(vettingId);
      const own = await prisma.sellerIdentifier.findMany({ where: { sellerId: vetting.sellerId }, select: { kind: true, valueHash: true } });
      if (own.length === 0) return [];
      const matches = await prisma.sellerIdentifier.findMany({
        where: { tenantId: vetting.tenantId, sellerId: { not: vetting.sellerId }, OR: own.map(({ kind, valueHash }) => ({ kind, valueHash })) },
        select: { kind: true, sellerId: true, seller: { select: { status: true } } },
      });
      const links: AccountLink[] = matches.map((match) => ({ kind: match.kind, sellerId: match.sellerId, sellerStatus: match.seller.status }));
      return linkedAccountsDetector.detect({ links });
    },

    async openCase(input: { vettingId: string; workflowId: string; priority: CasePriorityName; slaSeconds: number }): Promise<{ caseId: string }> {
      const verdict = await prisma.verdictRecord.findUnique({ where: { subjectType_subjectId: { subjectType: 'seller_vetting', subjectId: input.vettingId } } });
      const vetting = await prisma.sellerVetting.findUnique({ where: { id: input.vettingId }, select: { tenantId: true } });
      if (!vetting) throw vettingNotFound(input.vettingId);
      const opened = await prisma.case.upsert({
        where: { subjectType_subjectId: { subjectType: 'seller_vetting', subjectId: input.vettingId } },
        create: {
          tenantId: vetting.tenantId,
          subjectType: 'seller_vetting',
          subjectId: input.vettingId,
          workflowId: input.workflowId,
          priority: input.priority,
          reasons: verdict?.reasons ?? [],
          slaDueAt: new Date(clock().getTime() + input.slaSeconds * 1000),
        },
        update: {},
      });
      await prisma.sellerVetting.update({ where: { id: input.vettingId }, data: { status: 'awaiting_review' } });
      return { caseId: opened.id };
    },

    /** The SLA passed without a decision: the case moves up the queue with a new deadline. */
    async raiseCasePriority(input: { caseId: string; priority: CasePriorityName; slaSeconds: number }): Promise<void> {
      await prisma.case.update({
        where: { id: input.caseId },
        data: { priority: input.priority, slaDueAt: new Date(clock().getTime() + input.slaSeconds * 1000), slaBreaches: { increment: 1 } },
      });
    },

    async recordDecision(input: { caseId: string; outcome: 'approve' | 'reject'; moderatorId: string; note?: string }): Promise<void> {
      const now = clock();
      await prisma.$transaction([
        prisma.decision.upsert({
          where: { caseId: input.caseId },
          create: { caseId: input.caseId, moderatorId: input.moderatorId, outcome: input.outcome, note: input.note },
          update: {},
        }),
        prisma.case.update({ where: { id: input.caseId }, data: { status: 'decided', decidedAt: now } }),
      ]);
    },

    /** Final outcome on the vetting and the seller; an approved seller is ready for probation. */
    async completeVetting(input: { vettingId: string; outcome: 'approve' | 'reject'; decidedBy: 'policy' | 'moderator' }): Promise<void> {
      const now = clock();
      const vetting = await prisma.sellerVetting.update({
        where: { id: input.vettingId },
        data: { status: 'completed', finalOutcome: input.outcome, completedAt: now },
      });
      await prisma.seller.updateMany({
        where: { id: vetting.sellerId, status: { not: 'banned' } },
        data: input.outcome === 'approve' ? { status: 'approved', approvedAt: now } : { status: 'rejected' },
      });
    },
  };
}

export type SellerVettingActivities = ReturnType<typeof createSellerVettingActivities>;
