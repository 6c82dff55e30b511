-- AlterTable: stored responses are now encrypted and request hashes cover parsed content, so older records cannot be replayed (they expire within a day)
DELETE FROM "idempotency_records";
ALTER TABLE "idempotency_records" DROP COLUMN "response_body";
ALTER TABLE "idempotency_records" ADD COLUMN "response_ciphertext" BYTEA;

-- AlterTable: deleted endpoints stay, so past attempts remain listed
ALTER TABLE "webhook_endpoints" ADD COLUMN "deleted_at" TIMESTAMP(3);

-- CreateTable: rate-limit counters shared by every API replica
CREATE TABLE "rate_limit_counters" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMP(3) NOT NULL,
    "hits" INTEGER NOT NULL,

    CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "rate_limit_counters_window_start_idx" ON "rate_limit_counters"("window_start");
