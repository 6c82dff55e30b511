import type pg from 'pg';
import { BRAND_CODE_SUBJECT_TYPE } from '../../../core/authenticityCheck.ts';
import { pgSql, sql } from '../../../core/sql.ts';
import type { BatchSubjectRegistration } from '../../plugins/batchSubjects.ts';

/**
 * What the console's batch page shows of a brand-code import: each line's GTIN and serial, and its
 * outcome as the verdict (`inserted`, `updated`, `unchanged`, `code-of-another-brand`). A line has
 * no subject of its own: its id is one derived from the batch's and its line (a UUID, as subject ids are).
 * A line not written is pending while its batch runs, and failed once the batch failed (nothing
 * will write it: the marketplace sends it again).
 */
export function brandCodeBatchSubject(pool: pg.Pool): BatchSubjectRegistration {
  const db = pgSql(pool);
  const statusOf = `CASE WHEN outcome IS NULL AND (SELECT status FROM batches WHERE id = $1::uuid) = 'failed' THEN 'failed'
                         WHEN outcome IS NULL THEN 'pending' WHEN outcome = 'code-of-another-brand' THEN 'failed' ELSE 'completed' END`;
  return {
    subjectType: BRAND_CODE_SUBJECT_TYPE,
    label: 'Brand codes',
    async standing(batchId) {
      return await db.rows<{ status: string; verdict: string | null; count: number }>(
        sql(`SELECT ${statusOf} AS status, outcome AS verdict, count(*)::int AS count FROM brand_code_import_lines WHERE batch_id = $1::uuid GROUP BY 1, 2`, [batchId]),
      );
    },
    async results(batchId, { skip, take, order, status, verdict }) {
      const where = `batch_id = $1::uuid AND ($2::text IS NULL OR ${statusOf} = $2) AND ($3::text IS NULL OR outcome = $3)`;
      const values = [batchId, status ?? null, verdict ?? null];
      const [rows, [count]] = await Promise.all([
        db.rows<{ id: string; line: number; gtin: string; serial: string; brand_key: string; status: string; outcome: string | null }>(
          sql(`SELECT md5(batch_id::text || ':' || line)::uuid::text AS id, line, gtin, serial, brand_key, ${statusOf} AS status, outcome FROM brand_code_import_lines WHERE ${where} ORDER BY line ${order === 'desc' ? 'DESC' : 'ASC'} OFFSET $4 LIMIT $5`, [...values, skip, take]),
        ),
        db.rows<{ total: number }>(sql(`SELECT count(*)::int AS total FROM brand_code_import_lines WHERE ${where}`, values)),
      ]);
      return {
        rows: rows.map((row) => ({ id: row.id, line: row.line, reference: `${row.gtin} / ${row.serial}`, owner: row.brand_key, status: row.status, verdict: row.outcome, completedAt: null })),
        total: count!.total,
      };
    },
  };
}
