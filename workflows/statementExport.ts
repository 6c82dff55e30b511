/**
 * The submission of statements of reasons to the DSA Transparency Database, started by a Temporal
 * Schedule (workers/schedules.ts) every STATEMENT_EXPORT_INTERVAL_MINUTES. One activity runs over
 * every marketplace with an endpoint (workers/activities/statementExport.ts), a bounded number of
 * batches each; what is left, and what an endpoint refused to take, waits for the next run.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { StatementExportActivities, StatementExportInput, StatementExportResult } from '../workers/activities/statementExport.ts';

const { exportStatementsOfReasons } = proxyActivities<StatementExportActivities>({
  // requests of 30 s at most, a bounded number of them per marketplace
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '2 minutes', maximumAttempts: 3 },
});

export const defaultStatementExport: StatementExportInput = { batchSize: 100, maxBatches: 50 };

export async function exportStatements(input: StatementExportInput = defaultStatementExport): Promise<StatementExportResult> {
  return await exportStatementsOfReasons(input);
}
