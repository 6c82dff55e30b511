-- A signal for a workflow that must already be running (a waiting check told of the buyer's new
-- photos): sent to the running workflow only, and dropped when none runs, never starting one.
ALTER TABLE "workflow_starts" ADD COLUMN "signal_only" BOOLEAN NOT NULL DEFAULT false;
