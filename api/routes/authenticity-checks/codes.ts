/**
 * An enrolled brand's unit codes, as a brand registers the codes it prints on each unit.
 *
 * `POST /v1/brands/:brandKey/codes` is a batch on the shared batch path (api/batches.ts): JSON
 * lines, up to CODE_IMPORT_MAX_LINES a request, checked line by line (check digit, the brand's
 * GTINs and serial pattern) and stored with the batch and its workflow's start; the batch
 * workflow writes them to the brand's registry a range at a time
 * (workers/activities/authenticityCodeImport.ts). Each (gtin, serial) is one row, so sending a
 * line again changes nothing and sending it with another status (a code revoked) updates it.
 * Progress and each line's outcome at `/v1/brand-code-imports/:id`; `?wait` answers with the
 * finished import.
 *
 * A lookup answers `valid`, `revoked`, `unknown`, or `not_enrolled` for a brand whose codes are
 * not kept here.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { PrismaClient } from '../../../core/database.ts';
import { asGtin14, gtinCheckDigitValid } from '../../../workers/detectors/productCodes/parse.ts';
import { serialMatcher } from '../../../workers/detectors/productCodes/serialPattern.ts';
import { BRAND_CODE_BATCH_COMPLETED_EVENT, BRAND_CODE_SUBJECT_TYPE } from '../../../core/authenticityCheck.ts';
import { brandCodeImportCounts } from '../../../core/brandCodeImports.ts';
import { pgSql, sql } from '../../../core/sql.ts';
import { batchViewBase, RefusalView, REFUSED_LINES_KEPT, registerBatchRoutes, type BatchDependencies, type Refusal } from '../../batches.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { BrandKey, Gtin } from '../listing-screenings/schemas.ts';

export const CODE_IMPORT_MAX_LINES = 100_000;
export const CODE_IMPORT_MAX_BYTES = 24 * 1024 * 1024;

// GS1's serial (AI 21) and batch (AI 10): up to 20 characters of its printable set
const Gs1Text = (description: string) => Type.String({ minLength: 1, maxLength: 20, pattern: '^[!-~]+$', description });

export const CodeLine = Type.Object(
  {
    gtin: Gtin,
    serial: Gs1Text('the unit’s serial (GS1 AI 21)'),
    status: Type.Union([Type.Literal('issued'), Type.Literal('revoked')]),
    batch: Type.Optional(Gs1Text('batch or lot (GS1 AI 10)')),
    expiresOn: Type.Optional(Type.String({ format: 'date', description: 'YYYY-MM-DD' })),
  },
  { additionalProperties: false },
);
type CodeLine = Static<typeof CodeLine>;

const ImportView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  brandKey: Type.String(),
  status: Type.String({ description: 'running | completed | failed' }),
  total: Type.Integer({ description: 'non-empty lines read' }),
  done: Type.Integer({ description: 'lines written (inserted, updated or unchanged)' }),
  failed: Type.Integer({ description: 'lines refused, at intake or because the code is another brand’s' }),
  inserted: Type.Integer(),
  updated: Type.Integer({ description: 'codes whose status, batch or expiry changed' }),
  unchanged: Type.Integer(),
  codeOfAnotherBrand: Type.Integer({ description: 'lines whose GTIN and serial the marketplace registered to another of its brands: left as they were' }),
  pending: Type.Integer({ description: 'lines not written yet' }),
  refused: Type.Integer({ description: 'lines refused at intake (schema, check digit, the brand’s GTINs or serial pattern)' }),
  rejectedLines: Type.Array(RefusalView, { description: `the first ${REFUSED_LINES_KEPT} lines refused at intake` }),
  createdAt: Type.String(),
  completedAt: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
  resultsUrl: Type.String(),
});

const LineResult = Type.Object({
  line: Type.Integer(),
  gtin: Type.String({ description: '14 digits' }),
  serial: Type.String(),
  status: Type.String({ description: 'issued | revoked, as sent' }),
  outcome: Type.Union([Type.Literal('inserted'), Type.Literal('updated'), Type.Literal('unchanged'), Type.Literal('code-of-another-brand'), Type.Literal('pending')]),
});

export const CodeLookupView = Type.Object({
  brandKey: Type.String(),
  gtin: Type.String({ description: '14 digits' }),
  serial: Type.String(),
  status: Type.Union([Type.Literal('valid'), Type.Literal('revoked'), Type.Literal('unknown'), Type.Literal('not_enrolled')]),
  batch: Type.Union([Type.String(), Type.Null()]),
  expiresOn: Type.Union([Type.String(), Type.Null()]),
});

const notFound = (key: string) => new ApiProblem(404, 'not-found', 'Not found', `No brand ${key}`);
const refusal = (line: number, code: string, field: string, message: string): Refusal => ({ line, code, errors: [{ field, message }] });

interface ImportingBrand {
  key: string;
  gtins: Set<string>;
  serialFollowsPattern: (serial: string) => boolean;
}

export const brandCodeRoutes: FastifyPluginAsyncTypebox<BatchDependencies> = async (app, deps) => {
  const { prisma, pool } = deps;
  const tags = ['authenticity checks'];
  const params = Type.Object({ brandKey: BrandKey });

  registerBatchRoutes<CodeLine, ImportingBrand>(app, deps, {
    subjectType: BRAND_CODE_SUBJECT_TYPE,
    path: '/v1/brands/:brandKey/codes',
    batchPath: '/v1/brand-code-imports',
    params,
    tags,
    noun: 'code',
    lineSchema: CodeLine,
    maxLines: CODE_IMPORT_MAX_LINES,
    maxBytes: CODE_IMPORT_MAX_BYTES,
    summary: 'Send an enrolled brand’s unit codes',
    description: `Content-Type application/x-ndjson: one code a line, \`{ gtin, serial, status: "issued" | "revoked", batch?, expiresOn? }\`, at most ${CODE_IMPORT_MAX_LINES} lines and ${CODE_IMPORT_MAX_BYTES} bytes. Idempotent per (gtin, serial): a line sent again changes nothing, one with another status, batch or expiry updates the code; of two lines of one upload with the same code the last counts. A line is refused by number when its GTIN's check digit is wrong, the GTIN is not one of the brand's, or the serial breaks the brand's pattern; a code the marketplace registered to another of its brands is left as it is (its line's outcome says so). 404 for an unknown brand, 409 brand-not-enrolled when the brand's codeRegistry is not "bonafide".`,
    async prepare({ tenantId, params: { brandKey } }) {
      const brand = await prisma.brand.findUnique({ where: { tenantId_key: { tenantId, key: brandKey! } } });
      if (!brand) throw notFound(brandKey!);
      if (brand.codeRegistry !== 'bonafide') {
        throw new ApiProblem(409, 'brand-not-enrolled', 'Brand not enrolled', `Brand ${brandKey} keeps no unit codes here: set its codeRegistry to "bonafide" first.`);
      }
      return { key: brand.key, gtins: new Set(brand.gtins), serialFollowsPattern: brand.serialPattern ? serialMatcher(brand.serialPattern) : () => true };
    },
    async store(_db, { batchId, tenantId, lines, context: brand }) {
      const refused: Refusal[] = [];
      // the last line of a (gtin, serial) wins, as it would had the lines come in two requests
      const codes = new Map<string, { line: number; gtin: string; value: CodeLine }>();
      for (const { line, value } of lines) {
        const field = `line/${line}`;
        if (!gtinCheckDigitValid(value.gtin)) refused.push(refusal(line, 'invalid-gtin', `${field}/gtin`, 'has a wrong check digit (GS1 mod 10)'));
        else if (brand.gtins.size > 0 && !brand.gtins.has(asGtin14(value.gtin))) refused.push(refusal(line, 'gtin-not-of-brand', `${field}/gtin`, `is not one of brand ${brand.key}'s GTINs`));
        else if (!brand.serialFollowsPattern(value.serial)) refused.push(refusal(line, 'serial-pattern-mismatch', `${field}/serial`, 'does not match the brand’s serial pattern'));
        else {
          const gtin = asGtin14(value.gtin);
          const key = `${gtin}\u0000${value.serial}`;
          // a later line of the same code takes its place at the end
          codes.delete(key);
          codes.set(key, { line, gtin, value });
        }
      }
      const entries = [...codes.values()].sort((left, right) => left.line - right.line);
      if (entries.length === 0) return { writes: [], lastPosition: 0, refused };
      // the lines as arrays, one per column: unnest reads them as rows in one pass
      const write = sql(
        `INSERT INTO brand_code_import_lines (batch_id, position, line, tenant_id, brand_key, gtin, serial, status, batch, expires_on)
         SELECT $1::uuid, n.position, n.line, $2::uuid, $3, n.gtin, n.serial, n.status, n.batch, n.expires_on::date
         FROM unnest($4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[]) AS n(position, line, gtin, serial, status, batch, expires_on)`,
        [
          batchId,
          tenantId,
          brand.key,
          entries.map((_, index) => index + 1),
          entries.map((entry) => entry.line),
          entries.map((entry) => entry.gtin),
          entries.map((entry) => entry.value.serial),
          entries.map((entry) => entry.value.status),
          entries.map((entry) => entry.value.batch ?? null),
          entries.map((entry) => entry.value.expiresOn ?? null),
        ],
      );
      return { writes: [write], lastPosition: entries.length, refused };
    },
    // a code that breaks the brand's rules is a bad request, not a conflict
    refusalStatus: () => 422,
    chunking: (config) => ({ chunkSize: config.CODE_IMPORT_CHUNK_SIZE, chunksInFlight: 1 }),
    completedEvent: BRAND_CODE_BATCH_COMPLETED_EVENT,
    view: {
      schema: ImportView,
      present: async (batch, urls) => {
        const { brandKey, ...counts } = await brandCodeImportCounts(pgSql(pool), batch.id);
        return { ...batchViewBase(batch, urls), brandKey, ...counts, refused: batch.refused };
      },
    },
    results: {
      itemSchema: LineResult,
      async page(batch, after, take) {
        return await pgSql(pool).rows<Static<typeof LineResult>>(
          sql(
            `SELECT line, gtin, serial, status, coalesce(outcome, 'pending') AS outcome FROM brand_code_import_lines
             WHERE batch_id = $1::uuid AND line > $2 ORDER BY line LIMIT $3`,
            [batch.id, after, take],
          ),
        );
      },
    },
  });

  app.get(
    '/v1/brands/:brandKey/codes/:gtin/:serial',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'Look up one unit code of a brand',
        tags,
        security: [{ apiKey: [] }],
        params: Type.Object({ brandKey: BrandKey, gtin: Gtin, serial: Type.String({ minLength: 1, maxLength: 20 }) }),
        response: { 200: CodeLookupView, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      const answer = await lookUpBrandCode(prisma, tenantId, request.params.brandKey, request.params.gtin, request.params.serial);
      if (!answer) throw notFound(request.params.brandKey);
      return answer;
    },
  );
};

/**
 * What the brand's registry says of one code (as `GET …/codes/:gtin/:serial` answers); null when
 * the marketplace has no such brand. One statement: the brand's row and the code's primary-key
 * read together, a single round trip to the database.
 */
export async function lookUpBrandCode(prisma: PrismaClient, tenantId: string, brandKey: string, gtinAsSent: string, serial: string): Promise<Static<typeof CodeLookupView> | null> {
  const gtin = asGtin14(gtinAsSent);
  const [row] = await prisma.$queryRaw<{ code_registry: string; status: string | null; brand_key: string | null; batch: string | null; expires_on: string | null }[]>`
    SELECT b.code_registry, c.status, c.brand_key, c.batch, to_char(c.expires_on, 'YYYY-MM-DD') AS expires_on
    FROM brands b
    LEFT JOIN brand_codes c ON c.tenant_id = b.tenant_id AND c.gtin = ${gtin} AND c.serial = ${serial}
    WHERE b.tenant_id = ${tenantId}::uuid AND b.key = ${brandKey}`;
  if (!row) return null;
  const answer = { brandKey, gtin, serial, batch: null, expiresOn: null };
  if (row.code_registry !== 'bonafide') return { ...answer, status: 'not_enrolled' };
  if (!row.status || row.brand_key !== brandKey) return { ...answer, status: 'unknown' };
  return { ...answer, status: row.status === 'revoked' ? 'revoked' : 'valid', batch: row.batch, expiresOn: row.expires_on };
}
