-- What an authenticity check does once it is settled, and the seller's side of it: the seller's
-- answer within the policy's window, the counterfeits confirmed against a seller (hard evidence
-- or a moderator), and the listing screening a confirmed counterfeit started.
ALTER TABLE "authenticity_checks" ADD COLUMN "seller_window_closes_at" TIMESTAMP(3);
ALTER TABLE "authenticity_checks" ADD COLUMN "listing_rescreening_id" UUID;

-- One answer per check: a second one (another Idempotency-Key) is refused with 409.
CREATE TABLE "authenticity_seller_responses" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "check_id" UUID NOT NULL,
  "note" TEXT,
  "photos" JSONB NOT NULL DEFAULT '[]',
  "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "authenticity_seller_responses_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "authenticity_seller_responses_check_id_fkey" FOREIGN KEY ("check_id") REFERENCES "authenticity_checks"("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "authenticity_seller_responses_check_id_key" ON "authenticity_seller_responses"("check_id");

-- A seller's confirmed counterfeits, one per check (a retried activity finds its row).
CREATE TABLE "seller_counterfeits" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "seller_id" TEXT NOT NULL,
  "check_id" UUID NOT NULL,
  "order_id" TEXT NOT NULL,
  "listing_id" TEXT,
  "decided_by" TEXT NOT NULL,
  "confirmed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "seller_counterfeits_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "seller_counterfeits_check_id_fkey" FOREIGN KEY ("check_id") REFERENCES "authenticity_checks"("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "seller_counterfeits_check_id_key" ON "seller_counterfeits"("check_id");
CREATE INDEX "seller_counterfeits_tenant_id_seller_id_confirmed_at_idx" ON "seller_counterfeits"("tenant_id", "seller_id", "confirmed_at");
