/**
 * Workflow starts through an outbox. A submission writes its subject and a `workflow_starts` row
 * together (workflowStartWrites.ts) and answers at commit; a starter in the API process then starts the
 * workflow and deletes the row. So a request never waits on the Temporal server (under load a
 * start was most of a submission's time), an accepted subject can never be left without its
 * workflow (the row outlives a crash between commit and start, and an unreachable Temporal server
 * only delays it), and a start is never lost or doubled: the workflow id is the subject's own, and
 * a start that finds it already started counts as done.
 *
 * The starter claims rows with `FOR UPDATE SKIP LOCKED` and a lease, so any number of API
 * replicas share the rows. The replica that accepted a submission writes the row claimed by its
 * own lease and starts it at once (`nudgeClaimed`; the rows of one event-loop turn together); every
 * `pollMs` each replica also starts what is due (rows a crashed replica left once their lease
 * ended, starts waiting out a backoff after Temporal refused them).
 *
 * A transactional outbox rather than Temporal's own start in the request: PostgreSQL is already
 * in every submission's transaction, and Temporal offers no start that joins it.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, WorkflowNotFoundError, type Client } from '@temporalio/client';
import pLimit from 'p-limit';
import type pg from 'pg';
import type { PrismaClient } from './database.ts';
import { runStatement } from './sql.ts';
import { describeError } from './startup.ts';
import { withTemporalDeadline } from './temporal.ts';

export interface WorkflowStart {
  workflowType: string;
  workflowId: string;
  taskQueue: string;
  /** the workflow's arguments: JSON only (they are stored until the start) */
  args: unknown[];
  /**
   * A signal for the workflow (JSON arguments): sent with signal-with-start, so the workflow is
   * started with `args` first if it is not running. Several may wait for one workflow; each is
   * sent once it is claimed, in no set order, and a signal whose answer was lost is sent again:
   * its handler must take a repeat.
   */
  signal?: { name: string; args: unknown[]; onlyIfRunning?: boolean };
}

/**
 * A signal `S` for workflow `W`, started with its arguments if it is not running, both checked as
 * `client.workflow.signalWithStart<typeof W, S>` checks them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any workflow function
export function workflowSignal<W extends (...args: any[]) => Promise<unknown>, S extends unknown[]>(
  workflowType: string,
  options: { workflowId: string; taskQueue: string; args: Parameters<W>; signal: { name: string; args: S } },
): WorkflowStart {
  return { workflowType, ...options };
}

/**
 * A signal `S` for a workflow that should be running (one waiting for it): sent to the running
 * workflow only, and dropped when none runs (it closed: what the signal announces was stored, and
 * the workflow no longer needs telling). It never starts a workflow.
 */
export function runningWorkflowSignal<S extends unknown[]>(workflowType: string, options: { workflowId: string; signal: { name: string; args: S } }): WorkflowStart {
  return { workflowType, workflowId: options.workflowId, taskQueue: '', args: [], signal: { ...options.signal, onlyIfRunning: true } };
}

/**
 * A start of workflow `W`, its arguments checked against the workflow's signature as
 * `client.workflow.start<typeof W>` checks them: `workflowStart<typeof listingScreening>('listingScreening', …)`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any workflow function
export function workflowStart<W extends (...args: any[]) => Promise<unknown>>(workflowType: string, options: { workflowId: string; taskQueue: string; args: Parameters<W> }): WorkflowStart {
  return { workflowType, ...options };
}


/** True while the workflow's start is still waiting in the outbox (the workflow may not exist yet). */
export async function startPending(prisma: PrismaClient, workflowId: string): Promise<boolean> {
  return (await prisma.workflowStart.count({ where: { workflowId, signalOnly: false } })) > 0;
}

export interface WorkflowStarterOptions {
  /** the claims and deletes run on the pool: every submission's start goes through them */
  pool: Pick<pg.Pool, 'query'>;
  temporal: Client;
  /** between reads of the due rows (a nudged start does not wait for it) */
  pollMs: number;
  /** rows claimed at once */
  claimSize?: number;
  /** starts in flight at once */
  concurrency?: number;
  /**
   * how long a claim holds a row; a replica that dies holding it releases it by expiry. A claimed
   * row waits for a start slot behind the others, so the default covers a whole claim started in
   * waves of `concurrency`, each as slow as `startDeadlineMs`, and a row whose lease no longer
   * covers one more start is left for the next claim rather than started twice.
   */
  leaseMs?: number;
  /** first wait after a failed start, doubled per attempt up to `maxBackoffMs` */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** how long one start may take; off the request path, so longer than a request's Temporal calls */
  startDeadlineMs?: number;
  onError?: (error: unknown, context: { workflowId?: string; attempts?: number }) => void;
}

/** A row its writer inserted already claimed by this starter's lease (`claimLeaseSeconds`). */
export interface ClaimedStart {
  id: string;
  start: WorkflowStart;
  /** `performance.now()` at or before the claim */
  claimedAt: number;
}

export interface WorkflowStarter {
  /** How long a row claimed by its own insert is this starter's (storeWithWorkflowStart). */
  claimLeaseSeconds: number;
  /**
   * Starts these rows, claimed by their insert, once their transaction committed; never throws,
   * never waits on Temporal. A claim in the insert spares every submission the claim's round
   * trip; a replica that dies before the start leaves the row to the others at the lease's end.
   */
  nudgeClaimed(rows: ClaimedStart[]): void;
  /** Starts every row that is due; resolves with how many workflows it started. */
  startDue(): Promise<number>;
  /** Claims these workflows' rows and starts them now, whatever their backoff; resolves with how many it started. */
  startNow(workflowIds: string[]): Promise<number>;
  /** Resolves once nothing is being started (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

interface ClaimedRow {
  id: string;
  workflow_id: string;
  signal_name: string | null;
  signal_args: unknown[] | null;
  signal_only: boolean;
  workflow_type: string;
  task_queue: string;
  args: unknown[];
  attempts: number;
}

export function createWorkflowStarter(options: WorkflowStarterOptions): WorkflowStarter {
  const { pool, temporal } = options;
  const claimSize = options.claimSize ?? 100;
  const backoffMs = options.backoffMs ?? 1_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const startDeadlineMs = options.startDeadlineMs ?? 15_000;
  const concurrency = options.concurrency ?? 16;
  const leaseMs = options.leaseMs ?? (Math.ceil(claimSize / concurrency) + 1) * startDeadlineMs;
  const onError = options.onError ?? (() => {});
  const limit = pLimit(concurrency);
  const running = new Set<Promise<unknown>>();
  let nudged: ClaimedStart[] = [];
  let flushScheduled = false;
  let closed = false;

  const track = <T>(work: Promise<T>): Promise<T> => {
    running.add(work);
    void work.finally(() => running.delete(work)).catch(() => {});
    return work;
  };

  /** Claims due rows (only these ids, when given) for a lease and counts an attempt. */
  const claim = async (ids: string[] | null): Promise<ClaimedRow[]> => {
    // a nudged row is started at once, whatever its backoff; the poll takes only what is due
    const which = ids === null ? 'next_attempt_at <= now()' : 'workflow_id = ANY($3::text[])';
    const { rows } = await runStatement<ClaimedRow>(
      pool,
      `UPDATE workflow_starts SET claimed_until = now() + make_interval(secs => $1::float8), attempts = attempts + 1
       WHERE workflow_id IN (
         SELECT workflow_id FROM workflow_starts
         WHERE ${which} AND (claimed_until IS NULL OR claimed_until < now())
         ORDER BY next_attempt_at
         LIMIT $2
         FOR UPDATE SKIP LOCKED)
       RETURNING id, workflow_id, workflow_type, task_queue, args, attempts, signal_name, signal_args, signal_only`,
      ids === null ? [leaseMs / 1000, claimSize] : [leaseMs / 1000, claimSize, ids],
    );
    return rows;
  };

  const startOne = async (row: ClaimedRow, claimedAt: number): Promise<boolean> => {
    // Queued behind other claims for so long that the lease could run out during this start: another
    // replica may claim the row then, so leave it to the next claim (the lease's expiry makes it due).
    if (performance.now() - claimedAt > leaseMs - startDeadlineMs) return false;
    try {
      // A start whose answer was lost (its deadline passed as the server took it) is tried again:
      // refused as a duplicate even once that workflow has closed, so a retry never starts a
      // finished or terminated subject's workflow a second time.
      const options = { workflowId: row.workflow_id, taskQueue: row.task_queue, args: row.args };
      const signal = row.signal_name;
      await withTemporalDeadline<unknown>(
        temporal,
        () =>
          signal && row.signal_only
            ? temporal.workflow.getHandle(row.workflow_id).signal(signal, ...(row.signal_args ?? []))
            : signal
              ? temporal.workflow.signalWithStart(row.workflow_type, { ...options, signal, signalArgs: row.signal_args ?? [] })
              : temporal.workflow.start(row.workflow_type, { ...options, workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE }),
        startDeadlineMs,
      );
      return true;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError && !row.signal_name) return true;
      // a signal for a workflow that no longer runs: nothing to tell
      if (error instanceof WorkflowNotFoundError && row.signal_only) return true;
      onError(error, { workflowId: row.workflow_id, attempts: row.attempts });
      const waitMs = Math.min(maxBackoffMs, backoffMs * 2 ** Math.max(0, row.attempts - 1));
      await pool.query(
        `UPDATE workflow_starts SET claimed_until = NULL, next_attempt_at = now() + make_interval(secs => $1::float8), last_error = $2 WHERE id = $3`,
        [waitMs / 1000, describeError(error).slice(0, 2_000), row.id],
      );
      return false;
    }
  };

  const startClaimed = async (rows: ClaimedRow[], claimedAt = performance.now()): Promise<number> => {
    const outcomes = await Promise.all(rows.map((row) => limit(() => startOne(row, claimedAt))));
    const started = rows.filter((_, index) => outcomes[index]).map((row) => row.id);
    if (started.length > 0) await pool.query('DELETE FROM workflow_starts WHERE id = ANY($1::uuid[])', [started]);
    return started.length;
  };

  const startNow = async (ids: string[]): Promise<number> => {
    let started = 0;
    for (let at = 0; at < ids.length; at += claimSize) started += await startClaimed(await claim(ids.slice(at, at + claimSize)));
    return started;
  };

  // rows claimed by requests committing in the same turn are started together (one delete)
  const flush = async () => {
    flushScheduled = false;
    const rows = nudged;
    nudged = [];
    const claimedAt = Math.min(...rows.map((row) => row.claimedAt));
    await startClaimed(
      rows.map(({ id, start }) => ({
        id,
        workflow_id: start.workflowId,
        workflow_type: start.workflowType,
        task_queue: start.taskQueue,
        args: start.args,
        signal_name: start.signal?.name ?? null,
        signal_args: start.signal?.args ?? null,
        signal_only: start.signal?.onlyIfRunning ?? false,
        attempts: 1,
      })),
      claimedAt,
    );
  };

  const startDue = async (): Promise<number> => {
    let started = 0;
    for (;;) {
      const rows = await claim(null);
      if (rows.length === 0) return started;
      const startedNow = await startClaimed(rows);
      started += startedNow;
      // a claim that started nothing (Temporal refusing, or rows left to a later lease) ends the round
      if (rows.length < claimSize || closed || startedNow === 0) return started;
    }
  };

  let polling = false;
  const poll = setInterval(() => {
    if (polling || closed) return;
    polling = true;
    void track(startDue().catch((error: unknown) => onError(error, {}))).finally(() => {
      polling = false;
    });
  }, options.pollMs);
  poll.unref();

  return {
    claimLeaseSeconds: leaseMs / 1000,
    nudgeClaimed(rows) {
      // a closed starter's rows are started by another replica once their lease ends
      if (closed) return;
      nudged.push(...rows);
      if (flushScheduled) return;
      flushScheduled = true;
      setImmediate(() => void track(flush().catch((error: unknown) => onError(error, {}))));
    },
    startDue: () => track(startDue()),
    startNow: (workflowIds) => track(startNow(workflowIds)),
    async idle() {
      while (running.size > 0 || flushScheduled) await Promise.allSettled([...running, new Promise((resolve) => setImmediate(resolve))]);
    },
    async close() {
      closed = true;
      clearInterval(poll);
      await this.idle();
    },
  };
}
