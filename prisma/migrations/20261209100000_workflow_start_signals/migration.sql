-- A row of the outbox may also carry a signal: the starter then signals the workflow, starting it
-- first if it is not running (signal-with-start). Several signals may wait for one workflow, so
-- rows get an id of their own, and a workflow id stays unique among plain starts only.
ALTER TABLE "workflow_starts" ADD COLUMN "id" UUID NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE "workflow_starts" ADD COLUMN "signal_name" TEXT;
ALTER TABLE "workflow_starts" ADD COLUMN "signal_args" JSONB;
ALTER TABLE "workflow_starts" DROP CONSTRAINT "workflow_starts_pkey";
ALTER TABLE "workflow_starts" ADD CONSTRAINT "workflow_starts_pkey" PRIMARY KEY ("id");
CREATE UNIQUE INDEX "workflow_starts_plain_start_key" ON "workflow_starts"("workflow_id") WHERE "signal_name" IS NULL;
CREATE INDEX "workflow_starts_workflow_id_idx" ON "workflow_starts"("workflow_id");
