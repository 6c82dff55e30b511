/**
 * A submission's rows and its workflow's start (an outbox row, see workflowStarts.ts) written
 * together: as one statement on the pool when the rows are known or worked out by SQL
 * (storeRowsWithWorkflowStart), in an ORM transaction when the writes decide in code on what they
 * find (storeWithWorkflowStart). Either way the row is written claimed by the accepting starter,
 * which starts the workflow right after commit.
 */
import type pg from 'pg';
import type { Prisma } from '../prisma/generated/client.ts';
import type { PrismaClient } from './database.ts';
import { asOneStatement, inPgTransaction, pgSql, prismaSql, sql, type SqlRunner, type SqlStatement } from './sql.ts';
import type { ClaimedStart, WorkflowStart, WorkflowStarter } from './workflowStarts.ts';

// An interactive transaction's limits, explicit: the wait for a pooled connection under load,
// and the whole transaction's.
const TRANSACTION_LIMITS = { maxWait: 10_000, timeout: 20_000 };

/**
 * The outbox row of `start`, claimed by `starter` (its first attempt). With `signalArgs` (a jsonb
 * SQL expression, see storeRowsWithWorkflowStart) the signal's arguments are that, and no row is
 * written when it is NULL.
 */
const claimedStartRow = (starter: WorkflowStarter, start: WorkflowStart, signalArgs?: string): SqlStatement => {
  const values = [start.workflowId, start.workflowType, start.taskQueue, JSON.stringify(start.args), start.signal?.name ?? null, start.signal?.onlyIfRunning ?? false, starter.claimLeaseSeconds];
  // the signal's arguments as given ($8), or as the statement works them out
  return sql(
    `INSERT INTO workflow_starts (workflow_id, workflow_type, task_queue, args, signal_name, signal_args, signal_only, claimed_until, attempts)
     SELECT $1, $2, $3, $4::jsonb, $5, computed.signal_args, $6, now() + make_interval(secs => $7::float8), 1
     FROM (SELECT (${signalArgs ?? '$8'})::jsonb AS signal_args) AS computed
     ${signalArgs ? 'WHERE computed.signal_args IS NOT NULL' : ''}
     RETURNING id, signal_args`,
    signalArgs ? values : [...values, start.signal ? JSON.stringify(start.signal.args) : null],
  );
};

/**
 * Writes a subject's rows (`writes`) and its workflow's start as one statement on the pool
 * (asOneStatement), then has the starter start it. Resolves at commit. The form for a submission's
 * hot path: one round trip where the transaction of `storeWithWorkflowStart` takes four (BEGIN,
 * the rows, the start, COMMIT) and the ORM's planning; for writes that decide in code on what they
 * find, use that one.
 *
 * What the statement works out itself, it may hand on: `signalArgs` is a jsonb expression over the
 * writes' CTEs (`write_0`…) giving the signal's arguments (the events a write stored, say), and
 * when it is NULL nothing is started; `returning` is a select list over them, read back as
 * `written`.
 */
export async function storeRowsWithWorkflowStart<Written extends Record<string, unknown> = Record<string, never>>(
  pool: Pick<pg.Pool, 'query'>,
  starter: WorkflowStarter,
  start: WorkflowStart,
  writes: SqlStatement[],
  computed: { signalArgs?: string; returning?: string } = {},
): Promise<{ started: boolean; written: Written }> {
  const claimedAt = performance.now();
  const row = claimedStartRow(starter, start, computed.signalArgs);
  const { text, values } = asOneStatement([...writes, row], sql(`SELECT (SELECT id FROM write_${writes.length}) AS start_id, (SELECT signal_args FROM write_${writes.length}) AS start_signal_args${computed.returning ? `, ${computed.returning}` : ''}`));
  // timestamps read as the UTC they hold, as every statement on the pool reads them
  const [result] = await pgSql(pool).rows<{ start_id: string | null; start_signal_args: unknown[] | null } & Written>({ text, values });
  const { start_id: id, start_signal_args: signalArgs, ...written } = result!;
  if (id === null) return { started: false, written: written as unknown as Written };
  starter.nudgeClaimed([{ id, start: computed.signalArgs && start.signal ? { ...start, signal: { ...start.signal, args: signalArgs ?? [] } } : start, claimedAt }]);
  return { started: true, written: written as unknown as Written };
}

/** A start given as is, or worked out from what was written (null: nothing to start). */
type StartOf<T> = WorkflowStart | ((written: NoInfer<T>) => WorkflowStart | null);

/**
 * In the caller's transaction, after its writes: the outbox row of the start `written` asks for,
 * claimed by this starter (its first attempt, so starting it needs no claim of its own); raw, one
 * statement the ORM need not plan, on every submission's path.
 */
async function claimStartAfter<T>(runner: SqlRunner, starter: WorkflowStarter, start: StartOf<T>, written: T, claimedAt: number): Promise<ClaimedStart | null> {
  const settled = typeof start === 'function' ? start(written) : start;
  if (!settled) return null;
  const [row] = await runner.rows<{ id: string }>(claimedStartRow(starter, settled));
  return { id: row!.id, start: settled, claimedAt };
}

/**
 * Writes a subject (`write`, in a transaction) and its workflow's start beside it, then has the
 * starter start it. Resolves at commit: the start itself never delays the caller.
 */
export async function storeWithWorkflowStart<T>(
  prisma: PrismaClient,
  starter: WorkflowStarter,
  /** the start, or a function of what was written (null: nothing to start) */
  start: StartOf<T>,
  write: (tx: Prisma.TransactionClient) => Promise<T>,
  limits: { maxWait?: number; timeout?: number } = {},
): Promise<T> {
  // before the transaction, so the lease this starter counts never outlasts the one written
  const claimedAt = performance.now();
  const { written, claimed } = await prisma.$transaction(async (tx) => {
    const result = await write(tx);
    return { written: result, claimed: await claimStartAfter(prismaSql(tx), starter, start, result, claimedAt) };
  }, { ...TRANSACTION_LIMITS, ...limits });
  if (claimed) starter.nudgeClaimed([claimed]);
  return written;
}

/**
 * `storeWithWorkflowStart` in a transaction on the pool: for writes that decide in code on what
 * they find and sit on a submission's hot path, where the ORM's per-query cost would dominate (a
 * check answered at intake reads, decides and writes in a few statements).
 */
export async function storeInPgTransactionWithWorkflowStart<T>(pool: pg.Pool, starter: WorkflowStarter, start: StartOf<T>, work: (runner: SqlRunner) => Promise<T>): Promise<T> {
  const claimedAt = performance.now();
  const { written, claimed } = await inPgTransaction(pool, async (runner) => {
    const result = await work(runner);
    return { written: result, claimed: await claimStartAfter(runner, starter, start, result, claimedAt) };
  });
  if (claimed) starter.nudgeClaimed([claimed]);
  return written;
}
