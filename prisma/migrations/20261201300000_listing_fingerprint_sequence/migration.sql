-- Listing fingerprints get a sequence so a worker's kept index of them catches up on the rows
-- added since it last looked, instead of reading every fingerprint on each gallery update.
ALTER TABLE "listing_image_fingerprints" ADD COLUMN "seq" BIGSERIAL NOT NULL;

-- DropIndex
DROP INDEX "listing_image_fingerprints_tenant_id_idx";

-- CreateIndex
CREATE INDEX "listing_image_fingerprints_tenant_id_seq_idx" ON "listing_image_fingerprints"("tenant_id", "seq");
