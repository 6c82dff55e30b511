/**
 * Raw SQL with numbered parameters ($1, $2...), run the same way on the pg pool (a connection or
 * the pool itself) or through the ORM (its client or an open transaction). Set-based work (a batch
 * range's hundreds of rows) is written once as statements and run by whichever client the caller
 * holds: on the pool it skips the ORM's per-query planning and its per-row objects, which cost
 * more than the detectors in a range.
 *
 * Values keep PostgreSQL's types as the drivers give them: uuid and text as strings, integer and
 * double precision as numbers, jsonb parsed, numeric and bigint as strings (cast in the query
 * when a number is wanted), `timestamp without time zone` as Dates read as UTC on either client.
 * Pass a Date to such a column as `utcTimestamp(date)`.
 */
import pg from 'pg';
import type { PrismaClient } from './database.ts';
import type { Prisma } from '../prisma/generated/client.ts';

export interface SqlStatement {
  text: string;
  values: unknown[];
}

export interface SqlRunner {
  /** rows of a statement that returns rows */
  rows<Row>(statement: SqlStatement): Promise<Row[]>;
  /** a statement's count of rows changed */
  run(statement: SqlStatement): Promise<number>;
}

export const sql = (text: string, values: unknown[] = []): SqlStatement => ({ text, values });

/**
 * Several writes as one statement, so they cost one round trip and commit together without a
 * transaction's BEGIN and COMMIT: each write (an INSERT, UPDATE or DELETE, with RETURNING when a
 * later one reads it) becomes a data-modifying CTE named `write_0`, `write_1`… in order, and
 * `last` (a SELECT or a write of its own) may read them. Every part sees the database as it was
 * before the statement, so a write must not read another's rows except through its RETURNING,
 * and constraints are checked at the statement's end (a child row may name its parent written
 * beside it). Parameters are renumbered; no `$n` may appear inside a literal.
 */
export function asOneStatement(writes: SqlStatement[], last: SqlStatement): SqlStatement {
  const values: unknown[] = [];
  const renumbered = ({ text, values: own }: SqlStatement) => {
    const offset = values.length;
    values.push(...own);
    return text.replace(/\$(\d+)/g, (_, index: string) => `$${Number(index) + offset}`);
  };
  const ctes = writes.map((write, index) => `write_${index} AS (${renumbered(write)})`);
  const tail = renumbered(last);
  return { text: ctes.length > 0 ? `WITH ${ctes.join(',\n')}\n${tail}` : tail, values };
}

/** A Date as a `timestamp without time zone` parameter holding UTC, as the ORM stores them. */
export const utcTimestamp = (at: Date): string => at.toISOString().replace('T', ' ').replace('Z', '');

/** `timestamp without time zone` columns hold UTC (as the ORM writes them); the driver would read them as local time. */
const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;
const readAsUtc: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_WITHOUT_TIME_ZONE && format !== 'binary' ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * Statements with parameters are prepared once per connection and run by name afterwards.
 * Parsed and planned again on every run, the short statements of a submission spent about as long
 * in PostgreSQL's parse and bind steps as in their execution (its log's durations for each step):
 * about a fifth of the database's CPU per code-only authenticity check went back when they were
 * named. pg keeps a connection's prepared statements for as long as the connection lives, so a
 * process names at most PREPARED_TEXTS distinct texts, the first it runs; a text built with a
 * varying number of placeholders beyond that runs unnamed, and no connection holds an unbounded
 * set. A statement without parameters is never named: its text may hold several statements,
 * which only the simple protocol runs.
 *
 * A named `SELECT *` or `RETURNING *` whose table gained a column while the process ran (a
 * migration under running processes) is refused by PostgreSQL ("cached plan must not change result
 * type"): its text then runs unnamed from then on, and a statement on the pool is run again at
 * once; one inside a transaction fails that transaction once, as any error would.
 *
 * Behind PgBouncer in transaction mode, named statements need PgBouncer 1.21 or later with
 * `max_prepared_statements` set.
 */
const PREPARED_TEXTS = 512;
/** text → its name, or null once it must run unnamed */
const preparedNames = new Map<string, string | null>();

function nameOfText(text: string, values: unknown[]): string | undefined {
  if (values.length === 0) return undefined;
  const known = preparedNames.get(text);
  if (known !== undefined) return known ?? undefined;
  if (preparedNames.size >= PREPARED_TEXTS) return undefined;
  const name = `bf_${preparedNames.size}`;
  preparedNames.set(text, name);
  return name;
}

const isStalePlan = (error: unknown): boolean =>
  (error as { code?: string }).code === '0A000' && /cached plan must not change result type/.test((error as Error).message);

/**
 * One statement on the pool or a connection, prepared by name as above (with the UTC reading of
 * `timestamp without time zone` that pgSql gives). For code that needs the driver's result itself;
 * pgSql is the usual way.
 */
export async function runStatement<Row extends pg.QueryResultRow = Record<string, unknown>>(
  client: Pick<pg.Pool, 'query'> | pg.PoolClient,
  text: string,
  values: unknown[] = [],
): Promise<pg.QueryResult<Row>> {
  const name = nameOfText(text, values);
  try {
    return await client.query<Row>(name ? { name, text, values, types: readAsUtc } : { text, values, types: readAsUtc });
  } catch (error) {
    if (!name || !isStalePlan(error)) throw error;
    preparedNames.set(text, null);
    // on the pool no transaction was aborted: the statement runs again unnamed
    if (!(client instanceof pg.Pool)) throw error;
    return await client.query<Row>({ text, values, types: readAsUtc });
  }
}

/** A pool (each statement on any free connection) or one connection (a transaction in progress). */
export function pgSql(client: Pick<pg.Pool, 'query'> | pg.PoolClient): SqlRunner {
  return {
    async rows<Row>({ text, values }: SqlStatement) {
      return (await runStatement(client, text, values)).rows as Row[];
    },
    async run({ text, values }: SqlStatement) {
      return (await runStatement(client, text, values)).rowCount ?? 0;
    },
  };
}

/** The ORM's client or an open interactive transaction. */
export function prismaSql(prisma: PrismaClient | Prisma.TransactionClient): SqlRunner {
  return {
    async rows<Row>({ text, values }: SqlStatement) {
      return await prisma.$queryRawUnsafe<Row[]>(text, ...values);
    },
    async run({ text, values }: SqlStatement) {
      return await prisma.$executeRawUnsafe(text, ...values);
    },
  };
}

/**
 * Runs `work` in one transaction on a connection of its own from the pool: committed when it
 * resolves, rolled back when it throws (the connection is then discarded if the rollback fails).
 */
export async function inPgTransaction<T>(pool: pg.Pool, work: (runner: SqlRunner) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(pgSql(client));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/** A row as the driver gives it, with its snake_case column names in camelCase (the ORM's field names). */
export function camelCaseRow<T>(row: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(row).map(([column, value]) => [column.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()), value])) as T;
}
