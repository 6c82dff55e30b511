import type { PrismaClient } from '../../../core/database.ts';
import { listingScreeningCases } from '../../../core/listingScreening.ts';
import type { Prisma } from '../../../prisma/generated/client.ts';
import { presentSignal } from '../../signalView.ts';

type Reason = { code: string; action: string; severity: string; score: number; summary: string };

/** The API's view of screenings (verdict, reasons, signals with evidence, review), in five queries for any number. */
export async function presentScreenings(prisma: PrismaClient, publicUrl: string, where: Prisma.ListingScreeningWhereInput, options: { take: number; orderBy?: Prisma.ListingScreeningOrderByWithRelationInput[] }) {
  const screenings = await prisma.listingScreening.findMany({
    where,
    orderBy: options.orderBy ?? [{ createdAt: 'desc' }, { id: 'desc' }],
    take: options.take,
    include: { images: { select: { position: true, status: true, failure: true, sourceUrl: true }, orderBy: { position: 'asc' } } },
  });
  const ids = screenings.map((screening) => screening.id);
  const bySubject = { subjectType: listingScreeningCases.subjectType, subjectId: { in: ids } };
  const [verdicts, signals, reviews] = await Promise.all([
    prisma.verdictRecord.findMany({ where: bySubject }),
    prisma.signalRecord.findMany({ where: bySubject, orderBy: { createdAt: 'asc' } }),
    prisma.case.findMany({ where: bySubject, include: { decision: true } }),
  ]);
  return screenings.map((screening) => {
    const verdict = verdicts.find((row) => row.subjectId === screening.id);
    const review = reviews.find((row) => row.subjectId === screening.id);
    return {
      id: screening.id,
      listingId: screening.listingId,
      sellerId: screening.sellerExternalId,
      status: screening.status,
      trigger: screening.trigger,
      verdict: screening.finalVerdict ?? (verdict?.outcome === 'escalate' ? 'escalate' : null),
      decidedBy: screening.decidedBy,
      score: verdict?.score ?? null,
      reasons: (verdict?.reasons as Reason[] | undefined) ?? [],
      automatedVerdict: verdict
        ? { outcome: verdict.outcome, score: verdict.score, policy: { key: verdict.policyKey, version: verdict.policyVersion }, decidedAt: verdict.createdAt.toISOString() }
        : null,
      review: review ? { caseId: review.id, status: review.status, decision: review.decision?.decision ?? null, note: review.decision?.note ?? null } : null,
      signals: signals.filter((signal) => signal.subjectId === screening.id).map(presentSignal),
      images: screening.images,
      previousScreeningId: screening.previousScreeningId,
      batchId: screening.batchId,
      createdAt: screening.createdAt.toISOString(),
      completedAt: screening.completedAt?.toISOString() ?? null,
      url: `${publicUrl}/v1/listing-screenings/${screening.id}`,
    };
  });
}

export async function presentScreening(prisma: PrismaClient, publicUrl: string, id: string, tenantId: string) {
  const [view] = await presentScreenings(prisma, publicUrl, { id, tenantId }, { take: 1 });
  return view ?? null;
}
