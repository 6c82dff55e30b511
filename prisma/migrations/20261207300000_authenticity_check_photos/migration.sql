-- The photos a buyer sends with an authenticity check, kept as listing pictures are (bytes, type,
-- size, a SHA-256 and perceptual fingerprints), so the console and the buyer's page can show them
-- and a photo reused by another check, or copied from the listing, is found.
CREATE TABLE "authenticity_check_photos" (
  "id" UUID NOT NULL,
  "check_id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "position" INTEGER NOT NULL,
  "kind" TEXT NOT NULL,
  "source_url" TEXT,
  "status" TEXT NOT NULL DEFAULT 'pending',
  "failure" TEXT,
  "mime_type" TEXT,
  "width" INTEGER,
  "height" INTEGER,
  "byte_size" INTEGER,
  "sha256" TEXT,
  "bytes" BYTEA,
  "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "authenticity_check_photos_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "authenticity_check_photos_check_id_fkey" FOREIGN KEY ("check_id") REFERENCES "authenticity_checks"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "authenticity_check_photos_check_id_position_key" ON "authenticity_check_photos"("check_id", "position");
CREATE INDEX "authenticity_check_photos_tenant_id_sha256_idx" ON "authenticity_check_photos"("tenant_id", "sha256");

CREATE TABLE "authenticity_check_photo_fingerprints" (
  "id" UUID NOT NULL,
  "photo_id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "variant" TEXT NOT NULL,
  "hash" BYTEA NOT NULL,
  CONSTRAINT "authenticity_check_photo_fingerprints_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "authenticity_check_photo_fingerprints_photo_id_fkey" FOREIGN KEY ("photo_id") REFERENCES "authenticity_check_photos"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "authenticity_check_photo_fingerprints_photo_id_idx" ON "authenticity_check_photo_fingerprints"("photo_id");
