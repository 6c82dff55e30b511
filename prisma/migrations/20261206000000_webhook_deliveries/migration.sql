-- Delivery status per (event, endpoint): a success at one endpoint no longer marks the event
-- delivered for every endpoint of the marketplace. The status of the event becomes a summary.

-- CreateEnum
CREATE TYPE "webhook_delivery_status" AS ENUM ('pending', 'delivered', 'failed');

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "event_id" TEXT NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "status" "webhook_delivery_status" NOT NULL DEFAULT 'pending',
    "delivered_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("event_id","endpoint_id")
);

-- CreateIndex
CREATE INDEX "webhook_deliveries_endpoint_id_idx" ON "webhook_deliveries"("endpoint_id");

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "webhook_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand: events recorded before this migration get their deliveries from their
-- attempts. An endpoint that answered 2xx has the event. An endpoint of a settled event that
-- never did is taken as failed: the old status cannot tell it apart, and a workflow still
-- retrying it marks it delivered when it succeeds. A pending event's endpoints are still tried.
INSERT INTO "webhook_deliveries" ("event_id", "endpoint_id", "status", "delivered_at", "updated_at")
SELECT a."event_id",
       a."endpoint_id",
       (CASE
          WHEN bool_or(a."outcome" = 'delivered') THEN 'delivered'
          WHEN e."status" = 'pending' THEN 'pending'
          ELSE 'failed'
        END)::"webhook_delivery_status",
       min(a."created_at") FILTER (WHERE a."outcome" = 'delivered'),
       CURRENT_TIMESTAMP
FROM "webhook_attempts" a
JOIN "webhook_events" e ON e."id" = a."event_id"
GROUP BY a."event_id", a."endpoint_id", e."status";

-- A pending event's endpoints not attempted yet: those enabled when it was recorded.
INSERT INTO "webhook_deliveries" ("event_id", "endpoint_id", "updated_at")
SELECT e."id", p."id", CURRENT_TIMESTAMP
FROM "webhook_events" e
JOIN "webhook_endpoints" p ON p."tenant_id" = e."tenant_id" AND p."enabled" AND p."created_at" <= e."created_at"
WHERE e."status" = 'pending'
ON CONFLICT DO NOTHING;

-- Each event's status becomes the summary of its deliveries (workers/webhooks/eventStatus.ts).
UPDATE "webhook_events" e
SET "status" = s."status",
    "delivered_at" = CASE WHEN s."status" = 'delivered' THEN s."delivered_at" END
FROM (
  SELECT "event_id",
         (CASE
            WHEN bool_or("status" = 'pending') THEN 'pending'
            WHEN bool_and("status" = 'delivered') THEN 'delivered'
            ELSE 'failed'
          END)::"webhook_event_status" AS "status",
         max("delivered_at") AS "delivered_at"
  FROM "webhook_deliveries"
  GROUP BY "event_id"
) s
WHERE s."event_id" = e."id";
