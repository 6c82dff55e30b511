import { describe, expect, it } from 'vitest';
import { asOneStatement, sql } from './sql.ts';

describe('asOneStatement', () => {
  it('names each write, renumbers every part after the first, and keeps the values in order', () => {
    const statement = asOneStatement(
      [sql('INSERT INTO a (x, y) VALUES ($1, $2) RETURNING id', ['x', 2]), sql('INSERT INTO b (a_id, z) SELECT id, $1 FROM write_0', ['z'])],
      sql('INSERT INTO c (v, w) VALUES ($2, $1) RETURNING id', ['first', 'second']),
    );
    expect(statement.text).toBe(
      'WITH write_0 AS (INSERT INTO a (x, y) VALUES ($1, $2) RETURNING id),\nwrite_1 AS (INSERT INTO b (a_id, z) SELECT id, $3 FROM write_0)\nINSERT INTO c (v, w) VALUES ($5, $4) RETURNING id',
    );
    expect(statement.values).toEqual(['x', 2, 'z', 'first', 'second']);
  });

  it('renumbers parameters of two digits and their casts', () => {
    const first = sql(Array.from({ length: 11 }, (_, index) => `$${index + 1}`).join(', '), Array.from({ length: 11 }, (_, index) => index));
    const statement = asOneStatement([first], sql('SELECT $10::int, $11::text', Array.from({ length: 11 }, (_, index) => `v${index}`)));
    expect(statement.text.endsWith('SELECT $21::int, $22::text')).toBe(true);
    expect(statement.values).toHaveLength(22);
    expect(statement.values[20]).toBe('v9');
  });

  it('is the last part alone when there are no writes', () => {
    expect(asOneStatement([], sql('SELECT $1', [1]))).toEqual({ text: 'SELECT $1', values: [1] });
  });
});
