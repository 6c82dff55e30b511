-- A batch whose workflow closes without finishing it (terminated, timed out, lost) ends as failed
-- with a reason and a detail, as its subjects do. updated_at tells reconciliation how long a running
-- batch has been quiet.
ALTER TABLE "batches" ADD COLUMN "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "batches" ADD COLUMN "failure_reason" TEXT;
ALTER TABLE "batches" ADD COLUMN "failure_detail" TEXT;
ALTER TABLE "batches" ADD COLUMN "failed_at" TIMESTAMP(3);

-- the sweep reads the running batches quiet for a while, oldest first
CREATE INDEX "batches_status_updated_at_idx" ON "batches"("status", "updated_at");
