-- A brand's unit codes come in as a batch on the shared batch path (api/batches.ts): the request
-- stores the accepted lines here with the batch row and its workflow's start, and the batch
-- workflow writes them to brand_codes a range at a time, recording each line's outcome
-- (inserted, updated, unchanged, or code-of-another-brand). A pending line has no outcome yet.
CREATE TABLE "brand_code_import_lines" (
    "batch_id" UUID NOT NULL REFERENCES "batches"("id") ON DELETE CASCADE,
    "position" INTEGER NOT NULL,
    "line" INTEGER NOT NULL,
    "tenant_id" UUID NOT NULL,
    "brand_key" TEXT NOT NULL,
    "gtin" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "batch" TEXT,
    "expires_on" DATE,
    "outcome" TEXT,
    CONSTRAINT "brand_code_import_lines_pkey" PRIMARY KEY ("batch_id", "position")
)
-- Each line is written once at intake and updated once with its outcome: pages half full keep that
-- update beside its row (a heap-only update, no index entry rewritten).
WITH (fillfactor = 50);
CREATE INDEX "brand_code_import_lines_line_idx" ON "brand_code_import_lines"("batch_id", "line");

-- A batch announces its end as a subject announces its answer (migration
-- 20261206100000_subject_answered_notify), so a batch submitted with ?wait answers the moment
-- its workflow finishes.
CREATE TRIGGER batches_answered AFTER UPDATE OF status ON batches FOR EACH ROW
  WHEN (NEW.status IS DISTINCT FROM OLD.status AND NEW.status::text IN ('completed', 'failed'))
  EXECUTE FUNCTION notify_subject_answered();
