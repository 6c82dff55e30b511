-- Appeals of restrictions (DSA Art. 20), and what an overturning appeal leaves on the statement.
ALTER TABLE "statements_of_reasons"
    ADD COLUMN "overturned_at" TIMESTAMP(3),
    ADD COLUMN "overturned_by_appeal_id" UUID;

CREATE TABLE "appeals" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "statement_id" UUID NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" UUID NOT NULL,
    "appellant_type" TEXT NOT NULL,
    "appellant_id" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "original_decider_id" UUID,
    "status" TEXT NOT NULL DEFAULT 'received',
    "outcome" TEXT,
    "decided_by" TEXT,
    "workflow_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMP(3),
    "failure_reason" TEXT,
    "failure_detail" TEXT,
    "failed_at" TIMESTAMP(3),

    CONSTRAINT "appeals_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "appeals_statement_id_key" ON "appeals"("statement_id");
CREATE UNIQUE INDEX "appeals_workflow_id_key" ON "appeals"("workflow_id");
CREATE INDEX "appeals_tenant_id_subject_id_idx" ON "appeals"("tenant_id", "subject_id");

-- a ?wait on an appeal is answered by notification, as every subject's
CREATE TRIGGER appeals_answered AFTER UPDATE OF status ON appeals FOR EACH ROW
  WHEN (NEW.status IS DISTINCT FROM OLD.status AND NEW.status::text IN ('awaiting_review', 'completed', 'failed'))
  EXECUTE FUNCTION notify_subject_answered();
