-- Statements of reasons are submitted to the DSA Transparency Database in batches. Each keeps how
-- its submission went, and each marketplace its endpoint and token (encrypted).
ALTER TABLE "statements_of_reasons"
    ADD COLUMN "export_status" TEXT NOT NULL DEFAULT 'pending',
    ADD COLUMN "exported_at" TIMESTAMP(3),
    ADD COLUMN "export_attempts" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "export_error" TEXT;

CREATE INDEX "statements_of_reasons_tenant_id_export_status_created_at_idx" ON "statements_of_reasons"("tenant_id", "export_status", "created_at");

CREATE TABLE "transparency_database_settings" (
    "tenant_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "token_ciphertext" BYTEA NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "last_run_at" TIMESTAMP(3),
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "transparency_database_settings_pkey" PRIMARY KEY ("tenant_id")
);
