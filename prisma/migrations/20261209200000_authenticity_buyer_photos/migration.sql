-- The buyer's photos after the check was sent: a check sent with nothing waits for them, and a
-- check asked for a retake waits for the new ones, each until its window closes. A reopened check
-- keeps its earlier rounds (their verdicts and cases are kept under the round's own subject id)
-- and the photos the new ones replaced.
ALTER TABLE "authenticity_checks" ADD COLUMN "photos_window_closes_at" TIMESTAMP(3),
  ADD COLUMN "round" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "authenticity_check_photos" ADD COLUMN "replaced_at" TIMESTAMP(3);

CREATE TABLE "authenticity_check_rounds" (
  "id" UUID NOT NULL,
  "check_id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "round" INTEGER NOT NULL,
  "subject_id" UUID NOT NULL,
  "outcome" TEXT,
  "decided_by" TEXT,
  "completed_at" TIMESTAMP(3),
  "reopened_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "authenticity_check_rounds_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "authenticity_check_rounds_check_id_fkey" FOREIGN KEY ("check_id") REFERENCES "authenticity_checks"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "authenticity_check_rounds_check_id_round_key" ON "authenticity_check_rounds"("check_id", "round");
CREATE UNIQUE INDEX "authenticity_check_rounds_subject_id_key" ON "authenticity_check_rounds"("subject_id");

-- A check sent with nothing answers a waiting submitter once it waits for the buyer's photos
-- (awaiting_photos): the statuses are the check's declared answered statuses (core/authenticityCheck.ts).
DROP TRIGGER authenticity_checks_answered ON authenticity_checks;
CREATE TRIGGER authenticity_checks_answered AFTER UPDATE OF status ON authenticity_checks FOR EACH ROW
  WHEN (NEW.status IS DISTINCT FROM OLD.status AND NEW.status::text IN ('awaiting_photos', 'awaiting_seller_response', 'awaiting_review', 'completed', 'failed'))
  EXECUTE FUNCTION notify_subject_answered();
