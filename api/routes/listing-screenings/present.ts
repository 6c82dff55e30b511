import { failureView } from '../../../core/capability.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { listingScreeningCases } from '../../../core/listingScreening.ts';
import type { Prisma } from '../../../prisma/generated/client.ts';
import { presentVerdicts } from '../../../core/verdictView.ts';

/** The API's view of screenings (the verdict of core/verdictView.ts, the images), in four queries for any number. */
export async function presentScreenings(prisma: PrismaClient, publicUrl: string, where: Prisma.ListingScreeningWhereInput, options: { take: number; orderBy?: Prisma.ListingScreeningOrderByWithRelationInput[] }) {
  const screenings = await prisma.listingScreening.findMany({
    where,
    orderBy: options.orderBy ?? [{ createdAt: 'desc' }, { id: 'desc' }],
    take: options.take,
    include: { images: { select: { position: true, status: true, failure: true, sourceUrl: true }, orderBy: { position: 'asc' } } },
  });
  const verdicts = await presentVerdicts(prisma, listingScreeningCases.subjectType, screenings.map((screening) => ({ id: screening.id, outcome: screening.finalVerdict })));
  return screenings.map((screening, index) => ({
    id: screening.id,
    listingId: screening.listingId,
    sellerId: screening.sellerExternalId,
    status: screening.status,
    trigger: screening.trigger,
    verdict: verdicts[index]!,
    images: screening.images,
    previousScreeningId: screening.previousScreeningId,
    batchId: screening.batchId,
    createdAt: screening.createdAt.toISOString(),
    completedAt: screening.completedAt?.toISOString() ?? null,
    failure: failureView(screening),
    url: `${publicUrl}/v1/listing-screenings/${screening.id}`,
  }));
}

export async function presentScreening(prisma: PrismaClient, publicUrl: string, id: string, tenantId: string) {
  const [view] = await presentScreenings(prisma, publicUrl, { id, tenantId }, { take: 1 });
  return view ?? null;
}
