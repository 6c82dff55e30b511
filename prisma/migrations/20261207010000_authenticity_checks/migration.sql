-- A buyer's authenticity check: what they received (the order, the seller, the listing, the code
-- they typed or scanned) and what the check found. The code's parts are kept apart so a code
-- used in another order's check (a clone) is found by index.
CREATE TABLE "authenticity_checks" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "order_id" TEXT NOT NULL,
  "buyer_id" TEXT NOT NULL,
  "seller_id" TEXT NOT NULL,
  "listing_id" TEXT,
  "brand_key" TEXT,
  "claimed_code" TEXT,
  "buyer_note" TEXT,
  "code_gtin" TEXT,
  "code_serial" TEXT,
  "status" TEXT NOT NULL DEFAULT 'received',
  "final_outcome" TEXT,
  "decided_by" TEXT,
  "workflow_id" TEXT NOT NULL,
  "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "completed_at" TIMESTAMP(3),
  "failure_reason" TEXT,
  "failure_detail" TEXT,
  "failed_at" TIMESTAMP(3),
  CONSTRAINT "authenticity_checks_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "authenticity_checks_tenant_id_order_id_idx" ON "authenticity_checks"("tenant_id", "order_id");
CREATE INDEX "authenticity_checks_tenant_id_code_gtin_code_serial_idx" ON "authenticity_checks"("tenant_id", "code_gtin", "code_serial");
CREATE INDEX "authenticity_checks_status_created_at_idx" ON "authenticity_checks"("status", "created_at");

CREATE TRIGGER authenticity_checks_answered AFTER UPDATE OF status ON authenticity_checks FOR EACH ROW
  WHEN (NEW.status IS DISTINCT FROM OLD.status AND NEW.status::text IN ('awaiting_review', 'completed', 'failed'))
  EXECUTE FUNCTION notify_subject_answered();
