-- CreateEnum
CREATE TYPE "seller_status" AS ENUM ('pending', 'approved', 'rejected', 'banned');

-- CreateEnum
CREATE TYPE "identifier_kind" AS ENUM ('document_number', 'email', 'phone', 'payout_account', 'device');

-- CreateEnum
CREATE TYPE "vetting_status" AS ENUM ('received', 'screening', 'awaiting_review', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "outcome" AS ENUM ('approve', 'reject', 'escalate');

-- CreateEnum
CREATE TYPE "subject_type" AS ENUM ('seller_vetting', 'listing', 'content', 'authenticity_check');

-- CreateEnum
CREATE TYPE "case_status" AS ENUM ('open', 'decided');

-- CreateEnum
CREATE TYPE "case_priority" AS ENUM ('low', 'normal', 'high', 'urgent');

-- CreateEnum
CREATE TYPE "webhook_event_status" AS ENUM ('pending', 'delivered', 'failed', 'undeliverable');

-- CreateTable
CREATE TABLE "sellers" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "status" "seller_status" NOT NULL DEFAULT 'pending',
    "approved_at" TIMESTAMP(3),
    "banned_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sellers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "seller_identifiers" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "seller_id" UUID NOT NULL,
    "kind" "identifier_kind" NOT NULL,
    "value_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "seller_identifiers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "seller_vettings" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "seller_id" UUID NOT NULL,
    "status" "vetting_status" NOT NULL DEFAULT 'received',
    "applicant_type" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "declared_data" BYTEA NOT NULL,
    "document_number_ciphertext" BYTEA,
    "document_number_hash" TEXT,
    "workflow_id" TEXT NOT NULL,
    "final_outcome" "outcome",
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "completed_at" TIMESTAMP(3),

    CONSTRAINT "seller_vettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vetting_documents" (
    "id" UUID NOT NULL,
    "vetting_id" UUID NOT NULL,
    "mime_type" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "vetting_documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signals" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "subject_type" "subject_type" NOT NULL,
    "subject_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "summary" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "detector_id" TEXT NOT NULL,
    "detector_version" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "signals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verdicts" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "subject_type" "subject_type" NOT NULL,
    "subject_id" UUID NOT NULL,
    "outcome" "outcome" NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reasons" JSONB NOT NULL,
    "policy_key" TEXT NOT NULL,
    "policy_version" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "verdicts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policies" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "rules" JSONB NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT,

    CONSTRAINT "policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cases" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "subject_type" "subject_type" NOT NULL,
    "subject_id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "status" "case_status" NOT NULL DEFAULT 'open',
    "priority" "case_priority" NOT NULL,
    "reasons" JSONB NOT NULL,
    "sla_due_at" TIMESTAMP(3) NOT NULL,
    "sla_breaches" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMP(3),

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decisions" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "moderator_id" UUID NOT NULL,
    "outcome" "outcome" NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "secret_ciphertext" BYTEA NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabled_at" TIMESTAMP(3),
    "disabled_reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_events" (
    "id" TEXT NOT NULL,
    "tenant_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "subject_type" "subject_type" NOT NULL,
    "subject_id" UUID NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "webhook_event_status" NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMP(3),

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_attempts" (
    "id" UUID NOT NULL,
    "event_id" TEXT NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "http_status" INTEGER,
    "duration_ms" INTEGER NOT NULL,
    "error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "completed_at" TIMESTAMP(3),
    "response_status" INTEGER,
    "response_type" TEXT,
    "response_headers" JSONB,
    "response_body" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sellers_tenant_id_external_id_key" ON "sellers"("tenant_id", "external_id");

-- CreateIndex
CREATE INDEX "seller_identifiers_tenant_id_kind_value_hash_idx" ON "seller_identifiers"("tenant_id", "kind", "value_hash");

-- CreateIndex
CREATE UNIQUE INDEX "seller_identifiers_seller_id_kind_value_hash_key" ON "seller_identifiers"("seller_id", "kind", "value_hash");

-- CreateIndex
CREATE UNIQUE INDEX "seller_vettings_workflow_id_key" ON "seller_vettings"("workflow_id");

-- CreateIndex
CREATE INDEX "seller_vettings_tenant_id_seller_id_idx" ON "seller_vettings"("tenant_id", "seller_id");

-- CreateIndex
CREATE INDEX "seller_vettings_document_number_hash_idx" ON "seller_vettings"("document_number_hash");

-- CreateIndex
CREATE UNIQUE INDEX "vetting_documents_vetting_id_key" ON "vetting_documents"("vetting_id");

-- CreateIndex
CREATE INDEX "signals_subject_type_subject_id_idx" ON "signals"("subject_type", "subject_id");

-- CreateIndex
CREATE UNIQUE INDEX "verdicts_subject_type_subject_id_key" ON "verdicts"("subject_type", "subject_id");

-- CreateIndex
CREATE UNIQUE INDEX "policies_key_version_key" ON "policies"("key", "version");

-- CreateIndex
CREATE INDEX "cases_status_priority_sla_due_at_idx" ON "cases"("status", "priority", "sla_due_at");

-- CreateIndex
CREATE UNIQUE INDEX "cases_subject_type_subject_id_key" ON "cases"("subject_type", "subject_id");

-- CreateIndex
CREATE UNIQUE INDEX "decisions_case_id_key" ON "decisions"("case_id");

-- CreateIndex
CREATE INDEX "decisions_moderator_id_idx" ON "decisions"("moderator_id");

-- CreateIndex
CREATE INDEX "webhook_endpoints_tenant_id_idx" ON "webhook_endpoints"("tenant_id");

-- CreateIndex
CREATE INDEX "webhook_events_tenant_id_created_at_idx" ON "webhook_events"("tenant_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_events_subject_type_subject_id_type_key" ON "webhook_events"("subject_type", "subject_id", "type");

-- CreateIndex
CREATE INDEX "webhook_attempts_event_id_idx" ON "webhook_attempts"("event_id");

-- CreateIndex
CREATE INDEX "idempotency_records_expires_at_idx" ON "idempotency_records"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_records_tenant_id_key_key" ON "idempotency_records"("tenant_id", "key");

-- AddForeignKey
ALTER TABLE "sellers" ADD CONSTRAINT "sellers_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "seller_identifiers" ADD CONSTRAINT "seller_identifiers_seller_id_fkey" FOREIGN KEY ("seller_id") REFERENCES "sellers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "seller_vettings" ADD CONSTRAINT "seller_vettings_seller_id_fkey" FOREIGN KEY ("seller_id") REFERENCES "sellers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vetting_documents" ADD CONSTRAINT "vetting_documents_vetting_id_fkey" FOREIGN KEY ("vetting_id") REFERENCES "seller_vettings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_moderator_id_fkey" FOREIGN KEY ("moderator_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "webhook_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- At most one unfinished vetting per seller (Prisma's schema language has no partial indexes).
CREATE UNIQUE INDEX "seller_vettings_one_active_per_seller" ON "seller_vettings"("seller_id")
  WHERE "status" IN ('received', 'screening', 'awaiting_review');
