-- The outbox of workflow starts (core/workflowStarts.ts): a submission writes its subject and the
-- start of its workflow in one transaction, and the API's starter starts the workflow and deletes the
-- row. A row exists exactly while its workflow may not have been started yet.
CREATE TABLE "workflow_starts" (
    "workflow_id" TEXT NOT NULL,
    "workflow_type" TEXT NOT NULL,
    "task_queue" TEXT NOT NULL,
    "args" JSONB NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflow_starts_pkey" PRIMARY KEY ("workflow_id")
);

-- the starters read the due rows, oldest due first
CREATE INDEX "workflow_starts_next_attempt_at_idx" ON "workflow_starts"("next_attempt_at");
