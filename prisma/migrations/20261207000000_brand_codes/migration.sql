-- Brands gain what an authenticity check compares a buyer's code with: the brand's GTINs, the
-- pattern its serials follow, and whether the marketplace keeps the brand's unit codes here.
ALTER TABLE "brands" ADD COLUMN "gtins" TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE "brands" ADD COLUMN "serial_pattern" TEXT;
ALTER TABLE "brands" ADD COLUMN "code_registry" TEXT NOT NULL DEFAULT 'none';
ALTER TABLE "brands" ADD CONSTRAINT "brands_code_registry_check" CHECK ("code_registry" IN ('none', 'bonafide'));

-- An enrolled brand's unit codes, one row per (gtin, serial) in a marketplace: a brand's GTINs are
-- its own, so the pair is unique across the marketplace's brands.
CREATE TABLE "brand_codes" (
  "tenant_id" UUID NOT NULL,
  "gtin" TEXT NOT NULL,
  "serial" TEXT NOT NULL,
  "brand_key" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "batch" TEXT,
  "expires_on" DATE,
  "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "brand_codes_pkey" PRIMARY KEY ("tenant_id", "gtin", "serial"),
  CONSTRAINT "brand_codes_status_check" CHECK ("status" IN ('issued', 'revoked'))
);
CREATE INDEX "brand_codes_tenant_id_brand_key_idx" ON "brand_codes"("tenant_id", "brand_key");
