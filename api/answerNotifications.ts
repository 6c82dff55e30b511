/**
 * Wakes `?wait` handlers the moment a subject has its answer, instead of each of them reading its
 * row ten times a second. Every capability's table carries the `notify_subject_answered` trigger
 * (migration 20261206100000_subject_answered_notify): when a row's status becomes awaiting_review,
 * completed or failed, PostgreSQL sends `NOTIFY subject_answered, '<row id>'` at commit. The API
 * process holds one connection that LISTENs, and hands each notification to the waiters of that id.
 *
 * Why PostgreSQL and not Temporal's update-with-start: the answer a waiter returns is the row in
 * PostgreSQL, written by the activity that settles it; a notification sent by that very commit
 * needs no second round trip through the Temporal server, any API replica receives it, and the
 * workflows (and their recorded histories) stay as they are.
 *
 * Notifications are a fast path, never the only one: a waiter still reads its row every
 * `fallbackMs` (a notification sent while the listening connection was being re-established is
 * lost), and while the connection is down it reads every `disconnectedMs`. The connection is
 * re-established with backoff after any error; a failure here never fails a request.
 */
import pg from 'pg';

export const SUBJECT_ANSWERED_CHANNEL = 'subject_answered';

export interface AnswerNotifications {
  /** Calls `onAnswered` each time the subject's row is answered; returns the unsubscribe. */
  subscribe(subjectId: string, onAnswered: () => void): () => void;
  /** How long a waiter may sleep between reads of its row, given the connection's state now. */
  readIntervalMs(): number;
  close(): Promise<void>;
}

export interface AnswerNotificationOptions {
  databaseUrl: string;
  /** between reads of a row while notifications flow (they are the fast path; this only catches a lost one) */
  fallbackMs?: number;
  /** between reads while the listening connection is down */
  disconnectedMs?: number;
  onError?: (error: Error) => void;
}

const RECONNECT_INITIAL_MS = 500;
const RECONNECT_MAX_MS = 30_000;

export function listenForAnswers(options: AnswerNotificationOptions): AnswerNotifications {
  const fallbackMs = options.fallbackMs ?? 1_000;
  const disconnectedMs = options.disconnectedMs ?? 100;
  const waiters = new Map<string, Set<() => void>>();
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let retryMs = RECONNECT_INITIAL_MS;
  let retryTimer: NodeJS.Timeout | undefined;

  const wakeAll = () => {
    for (const set of waiters.values()) for (const wake of set) wake();
  };

  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({ connectionString: options.databaseUrl, connectionTimeoutMillis: 5_000 });
    const lost = (error?: Error) => {
      if (error) options.onError?.(error);
      if (client !== next) return;
      client = null;
      listening = false;
      next.removeAllListeners('notification');
      next.end().catch(() => undefined);
      // waiters read their rows now: what changed while nobody listened was not announced
      wakeAll();
      schedule();
    };
    next.on('error', lost);
    next.on('end', () => lost());
    next.on('notification', (message) => {
      if (message.channel !== SUBJECT_ANSWERED_CHANNEL || !message.payload) return;
      for (const wake of waiters.get(message.payload) ?? []) wake();
    });
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${SUBJECT_ANSWERED_CHANNEL}`);
      if (closed) {
        await next.end().catch(() => undefined);
        return;
      }
      listening = true;
      retryMs = RECONNECT_INITIAL_MS;
      wakeAll();
    } catch (error) {
      lost(error as Error);
    }
  };

  const schedule = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
  };

  void connect();

  return {
    subscribe(subjectId, onAnswered) {
      let set = waiters.get(subjectId);
      if (!set) waiters.set(subjectId, (set = new Set()));
      set.add(onAnswered);
      return () => {
        set.delete(onAnswered);
        if (set.size === 0 && waiters.get(subjectId) === set) waiters.delete(subjectId);
      };
    },
    readIntervalMs: () => (listening ? fallbackMs : disconnectedMs),
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const open = client;
      client = null;
      listening = false;
      wakeAll();
      if (open) {
        open.removeAllListeners();
        open.on('error', () => undefined);
        await open.end().catch(() => undefined);
      }
    },
  };
}
