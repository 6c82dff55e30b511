-- Listing and content screenings end like vettings when their workflow cannot finish them:
-- `failed`, with a reason code, a detail and when. `updated_at` tells reconciliation how long a
-- row has been quiet (bulk SQL writes leave it alone, which only makes a row look quiet sooner).
ALTER TABLE "listing_screenings" ADD COLUMN "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN "failure_reason" TEXT,
ADD COLUMN "failure_detail" TEXT,
ADD COLUMN "failed_at" TIMESTAMP(3);

ALTER TABLE "content_screenings" ADD COLUMN "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN "failure_reason" TEXT,
ADD COLUMN "failure_detail" TEXT,
ADD COLUMN "failed_at" TIMESTAMP(3);

-- Rows failed before this migration say so in the words reconciliation uses.
UPDATE "listing_screenings" SET "failure_reason" = 'workflow_failed', "failed_at" = CURRENT_TIMESTAMP WHERE "status" = 'failed';
UPDATE "content_screenings" SET "failure_reason" = 'workflow_failed', "failed_at" = CURRENT_TIMESTAMP WHERE "status" = 'failed';

-- A batch's escalated listings run a workflow of their own: name it on the row, so the sweep asks
-- that workflow and not the batch's (which completes while the listing waits for a moderator).
UPDATE "listing_screenings" AS s SET "workflow_id" = 'listing-screening-' || s."id"
WHERE s."workflow_id" IS NULL AND s."batch_id" IS NOT NULL
  AND EXISTS (SELECT 1 FROM "verdicts" AS v WHERE v."subject_type" = 'listing_screening' AND v."subject_id" = s."id" AND v."outcome" = 'escalate');

-- The sweep reads unfinished rows in (created_at, id) order: small partial indexes keep that an
-- index scan however many finished rows the tables hold.
CREATE INDEX "listing_screenings_unfinished" ON "listing_screenings"("created_at", "id") WHERE "status" IN ('received', 'screening', 'awaiting_review');
CREATE INDEX "content_screenings_unfinished" ON "content_screenings"("created_at", "id") WHERE "status" IN ('received', 'screening', 'awaiting_review');
