/**
 * Seller probation's rows: reading an order row, the policy version's numbers, and enrolling a
 * seller. Shared by the probation activities, the API's reads and the test and bench tooling.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { PrismaClient } from '../../core/database.ts';
import { SELLER_PROBATION_POLICY_KEY, type ProbationOrder, type ProbationParameters } from '../../core/sellerProbation.ts';
import type { Prisma } from '../../prisma/generated/client.ts';
import { type PolicyRules } from '../policy/policy.ts';
import { policyInForce } from '../policy/recordVerdict.ts';
import shippedSellerProbationPolicy from '../policy/sellerProbationPolicy.v1.json' with { type: 'json' };
import { sellerProbationWorkflowId } from '../../workflows/names.ts';

type Transaction = Prisma.TransactionClient;

const toCents = (amount: Prisma.Decimal | null): number | null => (amount === null ? null : Math.round(Number(amount) * 100));
const ms = (at: Date | null): number | null => (at === null ? null : at.getTime());
export const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());

export function orderFromRow(row: Prisma.SellerProbationOrderGetPayload<object>): ProbationOrder {
  return {
    orderId: row.orderId,
    placedAt: ms(row.placedAt),
    amountCents: toCents(row.amount),
    currency: row.currency,
    shippedAt: ms(row.shippedAt),
    deliveredAt: ms(row.deliveredAt),
    cancelledAt: ms(row.cancelledAt),
    refundedCents: toCents(row.refundedAmount) ?? 0,
    refunds: row.refunds,
    rating: row.rating,
    reviewedAt: ms(row.reviewedAt),
    lateAt: ms(row.lateAt),
    overCap: row.overCap,
  };
}

/** The parameters of one version of the probation policy (version 1 installed from the shipped defaults). */
export async function probationPolicy(prisma: PrismaClient | Transaction, version?: number): Promise<{ version: number; parameters: ProbationParameters }> {
  const row = version === undefined
    ? await policyInForce(prisma as PrismaClient, SELLER_PROBATION_POLICY_KEY, shippedSellerProbationPolicy as PolicyRules)
    : await prisma.policy.findUnique({ where: { key_version: { key: SELLER_PROBATION_POLICY_KEY, version } } });
  if (!row) throw ApplicationFailure.nonRetryable(`no ${SELLER_PROBATION_POLICY_KEY} policy version ${version}`, 'PolicyVersionNotFound');
  return { version: row.version, parameters: (row.rules as unknown as PolicyRules).parameters as unknown as ProbationParameters };
}

/**
 * Puts an approved seller on probation (once: a second call finds the row), under the policy
 * version in force unless one is named. Returns whether the probation is still open.
 */
export async function enrolProbation(prisma: PrismaClient, input: { tenantId: string; sellerId: string; vettingId: string | null; now: Date; policyVersion?: number }) {
  const existing = await prisma.sellerProbation.findUnique({ where: { sellerId: input.sellerId } });
  if (existing) return existing;
  const policy = await probationPolicy(prisma, input.policyVersion);
  await prisma.sellerProbation.createMany({
    data: [{
      tenantId: input.tenantId,
      sellerId: input.sellerId,
      vettingId: input.vettingId,
      workflowId: sellerProbationWorkflowId(input.sellerId),
      status: 'active',
      policyKey: SELLER_PROBATION_POLICY_KEY,
      policyVersion: policy.version,
      startedAt: input.now,
      endsAt: new Date(input.now.getTime() + policy.parameters.probationSeconds * 1000),
    }],
    skipDuplicates: true,
  });
  return await prisma.sellerProbation.findUniqueOrThrow({ where: { sellerId: input.sellerId } });
}
