/**
 * A brand's unit-code import on the batch path (workers/batches/capability.ts): the API stored the
 * accepted lines in `brand_code_import_lines` (api/routes/authenticity-checks/codes.ts); a range
 * writes its lines to `brand_codes` with one set-based upsert and records each line's outcome:
 * `inserted`, `updated` (its status, batch or expiry changed), `unchanged`, or
 * `code-of-another-brand` (the marketplace registered that GTIN and serial to another of its
 * brands: left as it is, and counted as failed). Nothing escalates: codes are written, not judged.
 *
 * A range is one transaction under the marketplace's code-import lock, so two imports of the same
 * marketplace never race on a code and each sees what the other committed. A retried range finds
 * its lines' outcomes recorded (with their codes, in the same transaction) and writes nothing twice.
 */
import type pg from 'pg';
import { inPgTransaction, pgSql, sql } from '../../core/sql.ts';
import { BRAND_CODE_SUBJECT_TYPE } from '../../core/authenticityCheck.ts';
import { brandCodeImportCounts } from '../../core/brandCodeImports.ts';
import type { BatchCapability } from '../batches/capability.ts';

export function authenticityCodeImportCapability({ pool }: { pool: pg.Pool }): BatchCapability {
  return {
    subjectType: BRAND_CODE_SUBJECT_TYPE,

    async screenRange({ batchId, afterPosition, throughPosition, progress, heartbeat }) {
      heartbeat({ afterPosition });
      await inPgTransaction(pool, async (tx) => {
        const [first] = await tx.rows<{ tenant_id: string }>(
          sql('SELECT tenant_id::text FROM brand_code_import_lines WHERE batch_id = $1::uuid AND position > $2 AND position <= $3 LIMIT 1', [batchId, afterPosition, throughPosition]),
        );
        if (!first) return;
        // one import of a marketplace writes at a time (ranges of one batch never overlap anyway)
        await tx.run(sql(`SELECT pg_advisory_xact_lock(hashtextextended('brand-code-import:' || $1, 0))`, [first.tenant_id]));
        // Under the lock no other import writes the marketplace's codes, so what the registry
        // holds now decides each line's outcome: new, this brand's with another status, batch or
        // expiry, this brand's as it is, or another brand's. Recorded first (plain tables, so the
        // planner joins them by index), then the new and changed codes are written.
        const [counts] = await tx.rows<{ done: number; failed: number }>(
          sql(
            `WITH decided AS (
               UPDATE brand_code_import_lines l SET outcome = o.outcome
               FROM (
                 SELECT p.position,
                        CASE WHEN c.gtin IS NULL THEN 'inserted'
                             WHEN c.brand_key <> p.brand_key THEN 'code-of-another-brand'
                             WHEN (c.status, c.batch, c.expires_on) IS DISTINCT FROM (p.status, p.batch, p.expires_on) THEN 'updated'
                             ELSE 'unchanged' END AS outcome
                 FROM brand_code_import_lines p
                 LEFT JOIN brand_codes c ON c.tenant_id = p.tenant_id AND c.gtin = p.gtin AND c.serial = p.serial
                 WHERE p.batch_id = $1::uuid AND p.position > $2 AND p.position <= $3 AND p.outcome IS NULL
               ) o
               WHERE l.batch_id = $1::uuid AND l.position = o.position
               RETURNING l.outcome
             )
             SELECT count(*) FILTER (WHERE outcome <> 'code-of-another-brand')::int AS done,
                    count(*) FILTER (WHERE outcome = 'code-of-another-brand')::int AS failed
             FROM decided`,
            [batchId, afterPosition, throughPosition],
          ),
        );
        await tx.run(
          sql(
            `INSERT INTO brand_codes (tenant_id, gtin, serial, brand_key, status, batch, expires_on)
             SELECT tenant_id, gtin, serial, brand_key, status, batch, expires_on FROM brand_code_import_lines
             WHERE batch_id = $1::uuid AND position > $2 AND position <= $3 AND outcome IN ('inserted', 'updated')
             ON CONFLICT (tenant_id, gtin, serial) DO UPDATE
               SET status = EXCLUDED.status, batch = EXCLUDED.batch, expires_on = EXCLUDED.expires_on, updated_at = CURRENT_TIMESTAMP
               WHERE brand_codes.brand_key = EXCLUDED.brand_key`,
            [batchId, afterPosition, throughPosition],
          ),
        );
        await tx.run(progress(counts!.done, counts!.failed));
      });
      return { escalated: [] };
    },

    async summary(batchId) {
      return await brandCodeImportCounts(pgSql(pool), batchId);
    },
  };
}
