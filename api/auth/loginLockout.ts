/**
 * Console logins limited per account, so guessing one password from many addresses gets nowhere.
 * After LOGIN_FAILURES_BEFORE_LOCKOUT consecutive failures for an email, its attempts wait
 * LOGIN_LOCKOUT_SECONDS, doubling with each further failure up to LOGIN_LOCKOUT_MAX_SECONDS, so a
 * moderator is never locked out for longer than that after the last failure; a successful login
 * starts over.
 *
 * The account is the keyed hash of the normalised email, whether or not a user has it (counting
 * only real accounts would tell which exist), and the state is one row of `rate_limit_counters`
 * shared by every replica: `hits` are the consecutive attempts, `window_start` when the last one
 * was admitted; the wait is derived from the two. An attempt is counted (as a failure) when it is
 * admitted, before the password is checked, so parallel guesses cannot all slip in before the
 * first failure is written; a success removes the row. A refusal is decided before anything about
 * the account or the password is looked at, so it answers the same whatever the password.
 */
import type pg from 'pg';

const KEY_PREFIX = 'console-login-account:';

/**
 * A streak with no attempt for this long starts over. Also the longest lockout allowed: the
 * scheduled purge deletes counters untouched for an hour, which must never end a lockout early.
 */
export const STREAK_MEMORY_SECONDS = 3600;

/** Past 2^30 the wait is at its maximum anyway; the cap keeps power() from overflowing. */
const WAIT = `least($3 * power(2, least(counter.hits - $2, 30)), $4)`;

const ADMIT = `
INSERT INTO rate_limit_counters AS counter (key, window_start, hits)
VALUES ($1, clock_timestamp() AT TIME ZONE 'UTC', 1)
ON CONFLICT (key) DO UPDATE
  SET hits = CASE WHEN counter.window_start < EXCLUDED.window_start - make_interval(secs => $5) THEN 1 ELSE counter.hits + 1 END,
      window_start = EXCLUDED.window_start
  WHERE NOT (counter.hits >= $2 AND EXCLUDED.window_start < counter.window_start + make_interval(secs => ${WAIT}))
RETURNING hits`;

const SECONDS_LEFT = `
SELECT greatest(1, ceil(extract(epoch FROM counter.window_start + make_interval(secs => ${WAIT}) - (clock_timestamp() AT TIME ZONE 'UTC'))))::int AS seconds
FROM rate_limit_counters AS counter WHERE key = $1`;

export interface LockoutSettings {
  failuresBeforeLockout: number;
  lockoutSeconds: number;
  maxLockoutSeconds: number;
}

export type Admission =
  /** `failures`: consecutive failures counting this attempt; `lockSeconds`: the wait it starts if it fails (0: none) */
  | { admitted: true; failures: number; lockSeconds: number }
  | { admitted: false; retryAfterSeconds: number };

/** The wait after `failures` consecutive failures (0 below the threshold). */
export function lockoutSeconds(failures: number, settings: LockoutSettings): number {
  if (failures < settings.failuresBeforeLockout) return 0;
  return Math.min(settings.lockoutSeconds * 2 ** Math.min(failures - settings.failuresBeforeLockout, 30), settings.maxLockoutSeconds);
}

export function createLoginLockout(pool: pg.Pool, settings: LockoutSettings) {
  if (settings.maxLockoutSeconds > STREAK_MEMORY_SECONDS) throw new Error(`a lockout cannot outlast the ${STREAK_MEMORY_SECONDS} s a failure streak is remembered`);
  const params = (account: string) => [KEY_PREFIX + account, settings.failuresBeforeLockout, settings.lockoutSeconds, settings.maxLockoutSeconds, STREAK_MEMORY_SECONDS];
  return {
    /** Counts the attempt and lets it proceed, or refuses it while the account waits. */
    async admit(account: string): Promise<Admission> {
      const { rows: [admitted] } = await pool.query<{ hits: number }>(ADMIT, params(account));
      if (admitted) return { admitted: true, failures: admitted.hits, lockSeconds: lockoutSeconds(admitted.hits, settings) };
      const { rows: [left] } = await pool.query<{ seconds: number }>(SECONDS_LEFT, params(account).slice(0, 4));
      // the wait may have ended (or the row been purged) in between: one second is still honest
      return { admitted: false, retryAfterSeconds: left?.seconds ?? 1 };
    },

    /** The right password: the account's streak is over. */
    async succeeded(account: string): Promise<void> {
      await pool.query('DELETE FROM rate_limit_counters WHERE key = $1', [KEY_PREFIX + account]);
    },
  };
}

export type LoginLockout = ReturnType<typeof createLoginLockout>;
