/**
 * Light seller-vetting activities: database work and cheap checks. Each is safe to retry: it
 * reads its inputs by id and writes idempotently.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { PrismaClient } from '../../core/database.ts';
import type { DataProtector } from '../../core/dataProtection.ts';
import { SELLER_VETTING_POLICY_KEY, sellerVettingCapability, sellerVettingCases, sellerVettingEvent, type DeclaredSellerData } from '../../core/sellerVetting.ts';
import { prismaSql } from '../../core/sql.ts';
import { issueStatements } from '../../core/statementWrites.ts';
import { vettingCipherContext } from '../../core/cipherContexts.ts';
import type { Signal } from '../../core/signals.ts';
import { businessRegistryDetector } from '../detectors/businessRegistry/index.ts';
import { linkedAccountsDetector, type AccountLink } from '../detectors/linkedAccounts/index.ts';
import { recordVerdict, type RecordedVerdict } from '../policy/recordVerdict.ts';
import type { PolicyRules } from '../policy/policy.ts';
import shippedSellerVettingPolicy from '../policy/sellerVettingPolicy.v1.json' with { type: 'json' };
import { RegistryUnavailableError, type BusinessRegistryProvider } from '../registry/index.ts';
import { vettingNotFound } from './errors.ts';

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
    /** The signals and the policy's verdict, stored once; the case (if any) is opened by the workflow. */
    async recordVerdict({ vettingId, signals }: { vettingId: string; signals: Signal[] }): Promise<RecordedVerdict & { tenantId: string; sellerId: string }> {
      const vetting = await prisma.sellerVetting.findUnique({ where: { id: vettingId }, select: { tenantId: true, sellerId: true } });
      if (!vetting) throw vettingNotFound(vettingId);
      const verdict = await recordVerdict(prisma, {
        subjectType: sellerVettingCases.subjectType,
        subjectId: vettingId,
        tenantId: vetting.tenantId,
        policyKey: SELLER_VETTING_POLICY_KEY,
        shippedPolicy: shippedSellerVettingPolicy as PolicyRules,
        signals,
      });
      return { ...verdict, tenantId: vetting.tenantId, sellerId: vetting.sellerId };
    },


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

    /** Marks the vetting as waiting for a moderator once its case is open. */
    async markVettingAwaitingReview({ vettingId }: { vettingId: string }): Promise<void> {
      await prisma.sellerVetting.updateMany({ where: { id: vettingId, status: { in: ['received', 'screening'] } }, data: { status: 'awaiting_review' } });
    },

    /** What the webhook says once the vetting is final (ids, outcome, reason codes: no personal data). */
    async describeVettingOutcome({ vettingId }: { vettingId: string }) {
      return await sellerVettingEvent(prisma, vettingId);
    },

    /**
     * Final outcome on the vetting and the seller, with its statement of reasons when it rejects,
     * in one transaction; an approved seller is ready for probation.
     */
    async completeVetting(input: { vettingId: string; outcome: 'approve' | 'reject'; decidedBy: 'policy' | 'moderator' }): Promise<void> {
      const now = clock();
      await prisma.$transaction(async (tx) => {
        const vetting = await tx.sellerVetting.update({
          where: { id: input.vettingId },
          data: { status: 'completed', finalOutcome: input.outcome, completedAt: now },
        });
        await tx.seller.updateMany({
          where: { id: vetting.sellerId, status: { not: 'banned' } },
          data: input.outcome === 'approve' ? { status: 'approved', approvedAt: now } : { status: 'rejected' },
        });
        await issueStatements(prismaSql(tx), sellerVettingCapability, [{ id: input.vettingId, outcome: input.outcome, decidedBy: input.decidedBy }], now);
      });
    },
  };
}

export type SellerVettingActivities = ReturnType<typeof createSellerVettingActivities>;
