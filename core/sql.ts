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

/** A pool (each statement on any free connection) or one connection (a transaction in progress). */
export function pgSql(client: Pick<pg.Pool, 'query'> | pg.PoolClient): SqlRunner {
  return {
    async rows<Row>({ text, values }: SqlStatement) {
      return (await client.query({ text, values, types: readAsUtc })).rows as Row[];
    },
    async run({ text, values }: SqlStatement) {
      return (await client.query({ text, values, types: readAsUtc })).rowCount ?? 0;
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
