-- Strikes on sellers and creators (DSA Art. 23), one per weighed statement of reasons.
CREATE TABLE "strikes" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "party_type" TEXT NOT NULL,
    "party_id" TEXT NOT NULL,
    "statement_id" UUID NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" UUID NOT NULL,
    "measure" TEXT NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,
    "policy_version" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "withdrawn_at" TIMESTAMP(3),
    "withdrawn_reason" TEXT,

    CONSTRAINT "strikes_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "strikes_statement_id_key" ON "strikes"("statement_id");
CREATE INDEX "strikes_tenant_id_party_type_party_id_expires_at_idx" ON "strikes"("tenant_id", "party_type", "party_id", "expires_at");
