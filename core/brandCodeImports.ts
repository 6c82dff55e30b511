/**
 * A brand's code imports, read the same way by the API (the import's view) and the workers (its
 * completed webhook). Kept apart from core/authenticityCheck.ts, which workflows import: this
 * reads the database.
 */
import { sql, type SqlRunner } from './sql.ts';

/** How an import's lines came out, as its view and its completed webhook give them; `pending` lines are not written yet. */
export async function brandCodeImportCounts(runner: SqlRunner, batchId: string): Promise<{ brandKey: string; inserted: number; updated: number; unchanged: number; codeOfAnotherBrand: number; pending: number }> {
  const [row] = await runner.rows<{ brand_key: string; inserted: number; updated: number; unchanged: number; other: number; pending: number }>(
    sql(
      `SELECT min(brand_key) AS brand_key, count(*) FILTER (WHERE outcome = 'inserted')::int AS inserted, count(*) FILTER (WHERE outcome = 'updated')::int AS updated,
              count(*) FILTER (WHERE outcome = 'unchanged')::int AS unchanged, count(*) FILTER (WHERE outcome = 'code-of-another-brand')::int AS other,
              count(*) FILTER (WHERE outcome IS NULL)::int AS pending
       FROM brand_code_import_lines WHERE batch_id = $1::uuid`,
      [batchId],
    ),
  );
  return { brandKey: row!.brand_key, inserted: row!.inserted, updated: row!.updated, unchanged: row!.unchanged, codeOfAnotherBrand: row!.other, pending: row!.pending };
}
