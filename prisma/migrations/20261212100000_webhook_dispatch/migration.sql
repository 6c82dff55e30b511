-- Events recorded outside a workflow (a subject answered in its submission's request) are
-- delivered by the dispatcher (workers/webhooks/dispatch.ts) of the task queue that recorded them,
-- as an outbox row names the queue of the workflow it starts: each endpoint's delivery carries that
-- queue, its next attempt, how many were made and a dispatcher's lease. A delivery a workflow makes
-- keeps dispatch_queue NULL and is never taken by a dispatcher.
ALTER TABLE "webhook_deliveries" ADD COLUMN "dispatch_queue" TEXT;
ALTER TABLE "webhook_deliveries" ADD COLUMN "next_attempt_at" TIMESTAMPTZ(3);
ALTER TABLE "webhook_deliveries" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "webhook_deliveries" ADD COLUMN "lease_until" TIMESTAMPTZ(3);
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries"("dispatch_queue", "next_attempt_at") WHERE "status" = 'pending' AND "dispatch_queue" IS NOT NULL;
