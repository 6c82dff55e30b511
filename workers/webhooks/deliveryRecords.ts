/**
 * Where one webhook event stands at each endpoint of its marketplace. Each change to a delivery
 * and the event's summary (eventStatus.ts) are written in one transaction that first locks the
 * event's row: two endpoints settling at the same moment cannot leave a summary that missed the
 * other's change.
 */
import type { PrismaClient } from '../../core/database.ts';
import type { Prisma } from '../../prisma/generated/client.ts';
import { webhookEventStatus } from './eventStatus.ts';

type Transaction = Prisma.TransactionClient;
export interface DeliveryKey {
  eventId: string;
  endpointId: string;
}

async function lockEvent(tx: Transaction, eventId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM webhook_events WHERE id = ${eventId} FOR UPDATE`;
}

async function summarise(tx: Transaction, eventId: string): Promise<void> {
  const deliveries = await tx.webhookDelivery.findMany({ where: { eventId }, select: { status: true, deliveredAt: true } });
  const status = webhookEventStatus(deliveries.map((delivery) => delivery.status));
  // delivered when the last endpoint got it
  const lastDelivered = deliveries.reduce<Date | null>((latest, { deliveredAt }) => (deliveredAt && (!latest || deliveredAt > latest) ? deliveredAt : latest), null);
  await tx.webhookEvent.update({ where: { id: eventId }, data: { status, deliveredAt: status === 'delivered' ? lastDelivered : null } });
}

/**
 * The endpoints this event goes to: those enabled when it was first recorded. A retry (of the
 * activity, or a workflow run again) finds the same ones, so no delivery is left pending that no
 * workflow tries.
 */
export async function openDeliveries(prisma: PrismaClient, { eventId, tenantId }: { eventId: string; tenantId: string }): Promise<string[]> {
  return await prisma.$transaction(async (tx) => {
    await lockEvent(tx, eventId);
    const recorded = await tx.webhookDelivery.findMany({ where: { eventId }, select: { endpointId: true }, orderBy: { createdAt: 'asc' } });
    if (recorded.length > 0) return recorded.map((delivery) => delivery.endpointId);
    const endpoints = await tx.webhookEndpoint.findMany({ where: { tenantId, enabled: true }, select: { id: true }, orderBy: { createdAt: 'asc' } });
    await tx.webhookDelivery.createMany({ data: endpoints.map((endpoint) => ({ eventId, endpointId: endpoint.id })), skipDuplicates: true });
    await summarise(tx, eventId);
    return endpoints.map((endpoint) => endpoint.id);
  });
}

export async function isDelivered(prisma: PrismaClient, key: DeliveryKey): Promise<boolean> {
  const delivery = await prisma.webhookDelivery.findUnique({ where: { eventId_endpointId: key }, select: { status: true } });
  return delivery?.status === 'delivered';
}

export async function recordDelivered(prisma: PrismaClient, key: DeliveryKey, at: Date): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await lockEvent(tx, key.eventId);
    // upsert: an event recorded before deliveries were kept per endpoint may lack the row
    await tx.webhookDelivery.upsert({ where: { eventId_endpointId: key }, create: { ...key, status: 'delivered', deliveredAt: at }, update: { status: 'delivered', deliveredAt: at } });
    await summarise(tx, key.eventId);
  });
}

/** This endpoint will not get the event; one it already has stays delivered. */
export async function recordFailed(prisma: PrismaClient, key: DeliveryKey): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await lockEvent(tx, key.eventId);
    await tx.webhookDelivery.upsert({ where: { eventId_endpointId: key }, create: { ...key, status: 'failed' }, update: {} });
    await tx.webhookDelivery.updateMany({ where: { ...key, status: 'pending' }, data: { status: 'failed' } });
    await summarise(tx, key.eventId);
  });
}
