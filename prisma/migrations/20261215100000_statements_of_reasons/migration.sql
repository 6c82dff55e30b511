-- Statements of reasons (DSA Art. 17): one per restriction a capability applies, written with the
-- restricting outcome and never changed afterwards.
CREATE TABLE "statements_of_reasons" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" UUID NOT NULL,
    "decision_key" TEXT NOT NULL,
    "affected_party_type" TEXT NOT NULL,
    "affected_party_id" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "measure_description" TEXT NOT NULL,
    "visibility" TEXT[],
    "visibility_other" TEXT,
    "monetary" TEXT,
    "monetary_other" TEXT,
    "provision" TEXT,
    "account" TEXT,
    "applied_at" TIMESTAMP(3) NOT NULL,
    "ends_at" TIMESTAMP(3),
    "content_date" TIMESTAMP(3) NOT NULL,
    "content_type" TEXT[],
    "content_type_other" TEXT,
    "facts" TEXT NOT NULL,
    "source_type" TEXT NOT NULL,
    "automated_detection" BOOLEAN NOT NULL,
    "automated_decision" TEXT NOT NULL,
    "decision_ground" TEXT NOT NULL,
    "ground_reference" TEXT NOT NULL,
    "ground_explanation" TEXT NOT NULL,
    "also_illegal" BOOLEAN NOT NULL,
    "category" TEXT NOT NULL,
    "category_specification" TEXT[],
    "appeal_until" TIMESTAMP(3) NOT NULL,
    "decided_by" TEXT NOT NULL,
    "policy_key" TEXT,
    "policy_version" INTEGER,
    "case_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "statements_of_reasons_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "statements_of_reasons_subject_type_subject_id_decision_key_key" ON "statements_of_reasons"("subject_type", "subject_id", "decision_key");
CREATE INDEX "statements_of_reasons_tenant_id_subject_id_idx" ON "statements_of_reasons"("tenant_id", "subject_id");
CREATE INDEX "statements_of_reasons_tenant_id_affected_party_id_idx" ON "statements_of_reasons"("tenant_id", "affected_party_id");
CREATE INDEX "statements_of_reasons_tenant_id_created_at_idx" ON "statements_of_reasons"("tenant_id", "created_at");
