-- Content screening: posts and their screenings, the LSH band-key index (looked up by key, never
-- scanned), script clusters with stable ids and their creators, creators' running cadence state, and
-- JSON-lines batches.

-- CreateTable
CREATE TABLE "content_screenings" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "external_post_id" TEXT NOT NULL,
    "creator_id" TEXT NOT NULL,
    "posted_at" TIMESTAMP(3) NOT NULL,
    "caption" TEXT NOT NULL,
    "transcript" TEXT,
    "on_screen_text" TEXT,
    "hashtags" TEXT[],
    "promoted_listing_id" TEXT,
    "promoted_seller_id" TEXT,
    "affiliate_link" BOOLEAN NOT NULL DEFAULT false,
    "platform_paid_label" BOOLEAN NOT NULL DEFAULT false,
    "surface" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'received',
    "workflow_id" TEXT NOT NULL,
    "batch_id" UUID,
    "cluster_id" UUID,
    "shingles" INTEGER[],
    "disclosure_class" TEXT,
    "screened_signals" JSONB,
    "screened_at" TIMESTAMP(3),
    "final_outcome" TEXT,
    "decided_by" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMP(3),

    CONSTRAINT "content_screenings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "content_band_keys" (
    "tenant_id" UUID NOT NULL,
    "band_key" BIGINT NOT NULL,
    "screening_id" UUID NOT NULL,

    CONSTRAINT "content_band_keys_pkey" PRIMARY KEY ("tenant_id","band_key","screening_id")
);

-- CreateTable
CREATE TABLE "script_clusters" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "post_count" INTEGER NOT NULL DEFAULT 0,
    "creator_count" INTEGER NOT NULL DEFAULT 0,
    "first_seen_at" TIMESTAMP(3) NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL,
    "merged_into_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "script_clusters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "script_cluster_creators" (
    "cluster_id" UUID NOT NULL,
    "creator_id" TEXT NOT NULL,
    "posts" INTEGER NOT NULL DEFAULT 0,
    "first_seen_at" TIMESTAMP(3) NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "script_cluster_creators_pkey" PRIMARY KEY ("cluster_id","creator_id")
);

-- CreateTable
CREATE TABLE "content_creators" (
    "tenant_id" UUID NOT NULL,
    "creator_id" TEXT NOT NULL,
    "cadence" JSONB NOT NULL,
    "praise_week" JSONB,
    "post_count" INTEGER NOT NULL DEFAULT 0,
    "clear_disclosures" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "content_creators_pkey" PRIMARY KEY ("tenant_id","creator_id")
);

-- CreateTable
CREATE TABLE "content_screening_batches" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "lines" INTEGER NOT NULL,
    "accepted" INTEGER NOT NULL,
    "refused" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "content_screening_batches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "content_screenings_tenant_id_creator_id_posted_at_idx" ON "content_screenings"("tenant_id", "creator_id", "posted_at");

-- CreateIndex
CREATE INDEX "content_screenings_cluster_id_posted_at_idx" ON "content_screenings"("cluster_id", "posted_at");

-- CreateIndex
CREATE INDEX "content_screenings_batch_id_idx" ON "content_screenings"("batch_id");

-- CreateIndex
CREATE UNIQUE INDEX "content_screenings_tenant_id_external_post_id_key" ON "content_screenings"("tenant_id", "external_post_id");

-- CreateIndex
CREATE INDEX "content_band_keys_screening_id_idx" ON "content_band_keys"("screening_id");

-- CreateIndex
CREATE INDEX "script_clusters_tenant_id_last_seen_at_idx" ON "script_clusters"("tenant_id", "last_seen_at");

-- CreateIndex
CREATE INDEX "content_screening_batches_tenant_id_created_at_idx" ON "content_screening_batches"("tenant_id", "created_at");

-- AddForeignKey
ALTER TABLE "script_cluster_creators" ADD CONSTRAINT "script_cluster_creators_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "script_clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

