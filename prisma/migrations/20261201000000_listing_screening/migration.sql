-- Listing screening: the brand catalog, the reference gallery and listing pictures with their
-- perceptual fingerprints (kept for the image index and retroactive matching), screenings and
-- batch uploads.
-- CreateTable
CREATE TABLE "brands" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT[],
    "category" TEXT,
    "reference_currency" TEXT,
    "reference_min" DECIMAL(14,2),
    "reference_max" DECIMAL(14,2),
    "authorized_seller_ids" TEXT[],
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "brands_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gallery_images" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "brand_key" TEXT,
    "label" TEXT NOT NULL,
    "source" TEXT,
    "note" TEXT,
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
    "indexed_at" TIMESTAMP(3),
    "workflow_id" TEXT,

    CONSTRAINT "gallery_images_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gallery_image_fingerprints" (
    "id" UUID NOT NULL,
    "gallery_image_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "variant" TEXT NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "gallery_image_fingerprints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "listing_screenings" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "listing_id" TEXT NOT NULL,
    "seller_external_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "price_amount" DECIMAL(14,2) NOT NULL,
    "price_currency" TEXT NOT NULL,
    "claimed_brand" TEXT,
    "category" TEXT,
    "status" TEXT NOT NULL DEFAULT 'received',
    "final_verdict" TEXT,
    "decided_by" TEXT,
    "workflow_id" TEXT,
    "batch_id" UUID,
    "batch_line" INTEGER,
    "trigger" TEXT NOT NULL DEFAULT 'submission',
    "previous_screening_id" UUID,
    "rescreened_for" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMP(3),

    CONSTRAINT "listing_screenings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "listing_images" (
    "id" UUID NOT NULL,
    "screening_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "source_url" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "failure" TEXT,
    "mime_type" TEXT,
    "width" INTEGER,
    "height" INTEGER,
    "byte_size" INTEGER,
    "sha256" TEXT,
    "bytes" BYTEA,
    "ocr_text" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "listing_images_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "listing_image_fingerprints" (
    "id" UUID NOT NULL,
    "listing_image_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "variant" TEXT NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "listing_image_fingerprints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "listing_screening_batches" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "rejected_lines" JSONB NOT NULL DEFAULT '[]',
    "workflow_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMP(3),

    CONSTRAINT "listing_screening_batches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "brands_tenant_id_key_key" ON "brands"("tenant_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "gallery_images_workflow_id_key" ON "gallery_images"("workflow_id");

-- CreateIndex
CREATE INDEX "gallery_images_tenant_id_label_idx" ON "gallery_images"("tenant_id", "label");

-- CreateIndex
CREATE INDEX "gallery_images_tenant_id_sha256_idx" ON "gallery_images"("tenant_id", "sha256");

-- CreateIndex
CREATE INDEX "gallery_image_fingerprints_gallery_image_id_idx" ON "gallery_image_fingerprints"("gallery_image_id");

-- CreateIndex
CREATE INDEX "gallery_image_fingerprints_tenant_id_idx" ON "gallery_image_fingerprints"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "listing_screenings_workflow_id_key" ON "listing_screenings"("workflow_id");

-- CreateIndex
CREATE INDEX "listing_screenings_tenant_id_listing_id_created_at_idx" ON "listing_screenings"("tenant_id", "listing_id", "created_at");

-- CreateIndex
CREATE INDEX "listing_screenings_batch_id_batch_line_idx" ON "listing_screenings"("batch_id", "batch_line");

-- CreateIndex
CREATE UNIQUE INDEX "listing_screenings_previous_screening_id_rescreened_for_key" ON "listing_screenings"("previous_screening_id", "rescreened_for");

-- CreateIndex
CREATE INDEX "listing_images_tenant_id_sha256_idx" ON "listing_images"("tenant_id", "sha256");

-- CreateIndex
CREATE UNIQUE INDEX "listing_images_screening_id_position_key" ON "listing_images"("screening_id", "position");

-- CreateIndex
CREATE INDEX "listing_image_fingerprints_listing_image_id_idx" ON "listing_image_fingerprints"("listing_image_id");

-- CreateIndex
CREATE INDEX "listing_image_fingerprints_tenant_id_idx" ON "listing_image_fingerprints"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "listing_screening_batches_workflow_id_key" ON "listing_screening_batches"("workflow_id");

-- CreateIndex
CREATE INDEX "listing_screening_batches_tenant_id_created_at_idx" ON "listing_screening_batches"("tenant_id", "created_at");

-- AddForeignKey
ALTER TABLE "gallery_image_fingerprints" ADD CONSTRAINT "gallery_image_fingerprints_gallery_image_id_fkey" FOREIGN KEY ("gallery_image_id") REFERENCES "gallery_images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "listing_screenings" ADD CONSTRAINT "listing_screenings_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "listing_screening_batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "listing_images" ADD CONSTRAINT "listing_images_screening_id_fkey" FOREIGN KEY ("screening_id") REFERENCES "listing_screenings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "listing_image_fingerprints" ADD CONSTRAINT "listing_image_fingerprints_listing_image_id_fkey" FOREIGN KEY ("listing_image_id") REFERENCES "listing_images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

