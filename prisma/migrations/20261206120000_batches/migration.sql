-- One batch table for every capability: listing batches keep their rows and ids (the table is
-- renamed and says whose lines it holds), content backfills move in and are screened by the same
-- chunked workflow. A refused line keeps its number, code and errors.

ALTER TABLE "listing_screening_batches" RENAME TO "batches";
ALTER TABLE "batches" RENAME CONSTRAINT "listing_screening_batches_pkey" TO "batches_pkey";
ALTER INDEX "listing_screening_batches_workflow_id_key" RENAME TO "batches_workflow_id_key";
DROP INDEX "listing_screening_batches_tenant_id_created_at_idx";

ALTER TABLE "batches" ADD COLUMN "subject_type" TEXT NOT NULL DEFAULT 'listing_screening';
ALTER TABLE "batches" ALTER COLUMN "subject_type" DROP DEFAULT;
-- lines refused at intake (rejected_lines keeps the first 100 of them)
ALTER TABLE "batches" ADD COLUMN "refused" INTEGER NOT NULL DEFAULT 0;
UPDATE "batches" SET "refused" = jsonb_array_length("rejected_lines");
UPDATE "batches" SET "rejected_lines" = (
  SELECT coalesce(jsonb_agg(entry || jsonb_build_object('code', 'validation-failed') ORDER BY (entry->>'line')::int), '[]'::jsonb)
  FROM jsonb_array_elements("rejected_lines") AS entry
);

CREATE INDEX "batches_tenant_id_subject_type_created_at_idx" ON "batches"("tenant_id", "subject_type", "created_at");

-- Content backfills: position in the upload, and the order they are screened in (by postedAt).
ALTER TABLE "content_screenings" ADD COLUMN "batch_line" INTEGER;
ALTER TABLE "content_screenings" ADD COLUMN "batch_seq" INTEGER;

INSERT INTO "batches" ("id", "tenant_id", "subject_type", "status", "total", "done", "failed", "refused", "rejected_lines", "workflow_id", "created_at", "completed_at")
SELECT b."id", b."tenant_id", 'content_screening',
  -- screened (escalations may wait for a moderator) unless a post is still received or screening by its own workflow
  CASE WHEN EXISTS (SELECT 1 FROM "content_screenings" s WHERE s."batch_id" = b."id" AND s."status" IN ('received', 'screening')) THEN 'running' ELSE 'completed' END,
  b."lines",
  (SELECT count(*) FROM "content_screenings" s WHERE s."batch_id" = b."id" AND s."status" IN ('completed', 'awaiting_review'))::int,
  (b."lines" - b."accepted") + (SELECT count(*) FROM "content_screenings" s WHERE s."batch_id" = b."id" AND s."status" = 'failed')::int,
  b."lines" - b."accepted",
  b."refused",
  -- started before backfills had a workflow of their own: each post had one
  'content-screening-backfill-' || b."id",
  b."created_at",
  NULL
FROM "content_screening_batches" b;

UPDATE "content_screenings" SET "batch_id" = NULL WHERE "batch_id" IS NOT NULL AND "batch_id" NOT IN (SELECT "id" FROM "batches");
DROP TABLE "content_screening_batches";

DROP INDEX "content_screenings_batch_id_idx";
CREATE INDEX "content_screenings_batch_id_batch_seq_idx" ON "content_screenings"("batch_id", "batch_seq");
CREATE INDEX "content_screenings_batch_id_batch_line_idx" ON "content_screenings"("batch_id", "batch_line");
ALTER TABLE "content_screenings" ADD CONSTRAINT "content_screenings_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;
