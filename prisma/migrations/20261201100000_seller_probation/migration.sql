-- CreateTable
CREATE TABLE "seller_probations" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "seller_id" UUID NOT NULL,
    "vetting_id" UUID,
    "workflow_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "policy_key" TEXT NOT NULL,
    "policy_version" INTEGER NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "ends_at" TIMESTAMP(3) NOT NULL,
    "extensions" INTEGER NOT NULL DEFAULT 0,
    "strikes" INTEGER NOT NULL DEFAULT 0,
    "reviewed_baseline" JSONB NOT NULL DEFAULT '{}',
    "metrics" JSONB NOT NULL DEFAULT '{}',
    "ended_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "seller_probations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "seller_probation_events" (
    "seq" BIGSERIAL NOT NULL,
    "probation_id" UUID NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "occurred_at" TIMESTAMP(3) NOT NULL,
    "facts" JSONB NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "applied_at" TIMESTAMP(3),

    CONSTRAINT "seller_probation_events_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "seller_probation_orders" (
    "probation_id" UUID NOT NULL,
    "order_id" TEXT NOT NULL,
    "placed_at" TIMESTAMP(3),
    "amount" DECIMAL(14,2),
    "currency" TEXT,
    "shipped_at" TIMESTAMP(3),
    "delivered_at" TIMESTAMP(3),
    "cancelled_at" TIMESTAMP(3),
    "refunded_amount" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "refunds" INTEGER NOT NULL DEFAULT 0,
    "rating" INTEGER,
    "reviewed_at" TIMESTAMP(3),
    "late_at" TIMESTAMP(3),
    "over_cap" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "seller_probation_orders_pkey" PRIMARY KEY ("probation_id","order_id")
);

-- CreateTable
CREATE TABLE "seller_probation_changes" (
    "id" UUID NOT NULL,
    "probation_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "from_status" TEXT NOT NULL,
    "to_status" TEXT NOT NULL,
    "reasons" TEXT[],
    "order_id" TEXT,
    "metrics" JSONB NOT NULL,
    "policy_version" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "seller_probation_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "seller_probations_seller_id_key" ON "seller_probations"("seller_id");

-- CreateIndex
CREATE INDEX "seller_probations_tenant_id_status_idx" ON "seller_probations"("tenant_id", "status");

-- CreateIndex
CREATE INDEX "seller_probation_events_probation_id_applied_at_idx" ON "seller_probation_events"("probation_id", "applied_at");

-- CreateIndex
CREATE UNIQUE INDEX "seller_probation_events_probation_id_event_id_key" ON "seller_probation_events"("probation_id", "event_id");

-- CreateIndex
CREATE UNIQUE INDEX "seller_probation_changes_probation_id_seq_key" ON "seller_probation_changes"("probation_id", "seq");

-- AddForeignKey
ALTER TABLE "seller_probations" ADD CONSTRAINT "seller_probations_seller_id_fkey" FOREIGN KEY ("seller_id") REFERENCES "sellers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "seller_probation_events" ADD CONSTRAINT "seller_probation_events_probation_id_fkey" FOREIGN KEY ("probation_id") REFERENCES "seller_probations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "seller_probation_orders" ADD CONSTRAINT "seller_probation_orders_probation_id_fkey" FOREIGN KEY ("probation_id") REFERENCES "seller_probations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "seller_probation_changes" ADD CONSTRAINT "seller_probation_changes_probation_id_fkey" FOREIGN KEY ("probation_id") REFERENCES "seller_probations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

