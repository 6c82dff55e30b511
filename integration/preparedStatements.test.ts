import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../core/database.ts';
import { inPgTransaction, pgSql, sql } from '../core/sql.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
let database: Database;
// one connection, so each statement below sees what the one before it prepared
const table = `prepared_${uniqueSuffix().replace(/\W/g, '_')}`;
beforeAll(async () => {
  platform = await startTestPlatform();
  database = createDatabase({ url: platform.config.DATABASE_URL, poolSize: 1 });
  await database.pool.query(`CREATE TABLE ${table} (id int PRIMARY KEY, name text)`);
  await database.pool.query(`INSERT INTO ${table} VALUES (1, 'one'), (2, 'two')`);
});
afterAll(async () => {
  await database?.pool.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
  await database?.close();
  await platform?.close();
});

const preparedTexts = async () =>
  (await database.pool.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements')).rows.map((row) => row.statement);

describe('statements on the pool', () => {
  it('are prepared once per connection when they have parameters, and run as before', async () => {
    const text = `SELECT name FROM ${table} WHERE id = $1`;
    const runner = pgSql(database.pool);
    expect(await runner.rows(sql(text, [1]))).toEqual([{ name: 'one' }]);
    expect(await runner.rows(sql(text, [2]))).toEqual([{ name: 'two' }]);
    expect(await preparedTexts()).toContain(text);
    // without parameters, never named: its text may hold several statements, which PostgreSQL
    // refuses to prepare ("cannot insert multiple commands into a prepared statement")
    await expect(runner.run(sql(`UPDATE ${table} SET name = name; SELECT 1`))).resolves.toBe(0);
    expect(await runner.rows(sql('SELECT 2 AS two'))).toEqual([{ two: 2 }]);
    expect((await preparedTexts()).some((statement) => statement.includes('SELECT 1') || statement.includes('SELECT 2'))).toBe(false);
  });

  it('survive a column added under them: on the pool the statement runs again unnamed', async () => {
    const text = `SELECT * FROM ${table} WHERE id = $1`;
    const runner = pgSql(database.pool);
    await runner.rows(sql(text, [1]));
    await database.pool.query(`ALTER TABLE ${table} ADD COLUMN added int NOT NULL DEFAULT 7`);
    expect(await runner.rows(sql(text, [1]))).toEqual([{ id: 1, name: 'one', added: 7 }]);
  });

  it('survive a column added under them in a transaction: the transaction fails once, then the text runs unnamed', async () => {
    const other = `${table}_other`;
    await database.pool.query(`CREATE TABLE ${other} (id int PRIMARY KEY)`);
    try {
      await database.pool.query(`INSERT INTO ${other} VALUES (1), (2)`);
      const text = `SELECT * FROM ${other} WHERE id >= $1 ORDER BY id`;
      await pgSql(database.pool).rows(sql(text, [1]));
      await database.pool.query(`ALTER TABLE ${other} ADD COLUMN added int NOT NULL DEFAULT 7`);
      await expect(inPgTransaction(database.pool, (transaction) => transaction.rows(sql(text, [1])))).rejects.toMatchObject({ code: '0A000' });
      expect(await inPgTransaction(database.pool, (transaction) => transaction.rows(sql(text, [2])))).toEqual([{ id: 2, added: 7 }]);
    } finally {
      await database.pool.query(`DROP TABLE ${other}`);
    }
  });
});
