/**
 * An enrolled brand's unit codes (`/v1/brands/:brandKey/codes`), as a brand registers the codes it
 * prints on each unit: the marketplace sends them as JSON lines, up to CODE_IMPORT_MAX_LINES a
 * request; each (gtin, serial) is one row, so sending a line again changes nothing and sending it
 * with another status (a code revoked) updates it. A lookup answers `valid`, `revoked`, `unknown`,
 * or `not_enrolled` for a brand whose codes are not kept here.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { PrismaClient } from '../../../core/database.ts';
import { asGtin14, gtinCheckDigitValid } from '../../../workers/detectors/productCodes/parse.ts';
import { serialMatcher } from '../../../workers/detectors/productCodes/serialPattern.ts';
import { acceptJsonLines, readBatchLines, RefusalView, REFUSED_LINES_KEPT, type Refusal } from '../../batches.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { BrandKey, Gtin } from '../listing-screenings/schemas.ts';

export const CODE_IMPORT_MAX_LINES = 100_000;
export const CODE_IMPORT_MAX_BYTES = 24 * 1024 * 1024;
/** rows written per statement: 100,000 codes are five statements in one transaction */
const WRITE_CHUNK = 20_000;

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
  brandKey: Type.String(),
  received: Type.Integer({ description: 'non-empty lines read' }),
  inserted: Type.Integer(),
  updated: Type.Integer({ description: 'codes whose status, batch or expiry changed' }),
  unchanged: Type.Integer(),
  refused: Type.Integer(),
  refusedLines: Type.Array(RefusalView, { description: `the first ${REFUSED_LINES_KEPT} refused lines` }),
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

export const brandCodeRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  const tags = ['authenticity checks'];
  const params = Type.Object({ brandKey: BrandKey });
  acceptJsonLines(app, CODE_IMPORT_MAX_BYTES);

  app.post(
    '/v1/brands/:brandKey/codes',
    {
      onRequest: app.requireApiKey,
      bodyLimit: CODE_IMPORT_MAX_BYTES,
      schema: {
        summary: 'Send an enrolled brand’s unit codes',
        description: `Content-Type application/x-ndjson: one code a line, \`{ gtin, serial, status: "issued" | "revoked", batch?, expiresOn? }\`, at most ${CODE_IMPORT_MAX_LINES} lines and ${CODE_IMPORT_MAX_BYTES} bytes. Idempotent per (gtin, serial): a line sent again changes nothing, one with another status, batch or expiry updates the code. A line is refused by number when its GTIN's check digit is wrong, the GTIN is not one of the brand's, the serial breaks the brand's pattern, or the code belongs to another brand; the rest are stored. 409 brand-not-enrolled when the brand's codeRegistry is not "bonafide".`,
        tags,
        security: [{ apiKey: [] }],
        params,
        body: { content: { 'application/x-ndjson': { schema: Type.String() }, 'application/jsonl': { schema: Type.String() } } },
        response: { 200: ImportView, ...problemResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      const { brandKey } = request.params;
      if (typeof request.body !== 'string') {
        throw new ApiProblem(415, 'unsupported-media-type', 'Unsupported media type', 'Send the codes as application/x-ndjson, one JSON code per line.');
      }
      const brand = await prisma.brand.findUnique({ where: { tenantId_key: { tenantId, key: brandKey } } });
      if (!brand) throw notFound(brandKey);
      if (brand.codeRegistry !== 'bonafide') {
        throw new ApiProblem(409, 'brand-not-enrolled', 'Brand not enrolled', `Brand ${brandKey} keeps no unit codes here: set its codeRegistry to "bonafide" first.`);
      }
      const read = readBatchLines<CodeLine>(request.body, { validate: request.compileValidationSchema(CodeLine) });
      if (read.lines > CODE_IMPORT_MAX_LINES) throw new ApiProblem(413, 'batch-too-large', 'Too many lines', `At most ${CODE_IMPORT_MAX_LINES} codes a request; this one has ${read.lines}.`);
      if (read.lines === 0) throw new ApiProblem(400, 'validation-failed', 'Request did not match the schema', 'The body has no codes.', [{ field: 'body', message: 'must hold at least one line' }]);

      const refused = [...read.refused];
      const brandGtins = new Set(brand.gtins);
      const serialFollowsPattern = brand.serialPattern ? serialMatcher(brand.serialPattern) : () => true;
      // the last line of a (gtin, serial) wins, as it would had the lines come in two requests
      const codes = new Map<string, { line: number; gtin: string; value: CodeLine }>();
      for (const { line, value } of read.accepted) {
        const field = `line/${line}`;
        if (!gtinCheckDigitValid(value.gtin)) refused.push(refusal(line, 'invalid-gtin', `${field}/gtin`, 'has a wrong check digit (GS1 mod 10)'));
        else if (brandGtins.size > 0 && !brandGtins.has(asGtin14(value.gtin))) refused.push(refusal(line, 'gtin-not-of-brand', `${field}/gtin`, `is not one of brand ${brandKey}'s GTINs`));
        else if (!serialFollowsPattern(value.serial)) refused.push(refusal(line, 'serial-pattern-mismatch', `${field}/serial`, 'does not match the brand’s serial pattern'));
        else {
          const gtin = asGtin14(value.gtin);
          codes.set(`${gtin}\u0000${value.serial}`, { line, gtin, value });
        }
      }

      let inserted = 0;
      let updated = 0;
      const entries = [...codes.values()];
      await prisma.$transaction(
        async (tx) => {
          for (let start = 0; start < entries.length; start += WRITE_CHUNK) {
            const chunk = entries.slice(start, start + WRITE_CHUNK);
            // One set-based upsert a chunk: new codes are inserted, this brand's codes with another
            // status, batch or expiry updated; a code already registered to another brand of the
            // marketplace is left as it is (the WHERE), and only the codes the upsert did not
            // return (unchanged, or another brand's) are read again to tell which.
            const written = await tx.$queryRaw<{ gtin: string; serial: string; inserted: boolean }[]>`
              INSERT INTO brand_codes (tenant_id, gtin, serial, brand_key, status, batch, expires_on)
              SELECT ${tenantId}::uuid, n.gtin, n.serial, ${brandKey}, n.status, n.batch, n.expires_on::date
              FROM unnest(${chunk.map((entry) => entry.gtin)}::text[], ${chunk.map((entry) => entry.value.serial)}::text[],
                          ${chunk.map((entry) => entry.value.status)}::text[], ${chunk.map((entry) => entry.value.batch ?? null)}::text[],
                          ${chunk.map((entry) => entry.value.expiresOn ?? null)}::text[]) AS n(gtin, serial, status, batch, expires_on)
              ON CONFLICT (tenant_id, gtin, serial) DO UPDATE
                SET status = EXCLUDED.status, batch = EXCLUDED.batch, expires_on = EXCLUDED.expires_on, updated_at = CURRENT_TIMESTAMP
                WHERE brand_codes.brand_key = EXCLUDED.brand_key
                  AND (brand_codes.status, brand_codes.batch, brand_codes.expires_on) IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.batch, EXCLUDED.expires_on)
              RETURNING gtin, serial, (xmax = 0) AS inserted`;
            for (const row of written) {
              if (row.inserted) inserted += 1;
              else updated += 1;
            }
            if (written.length === chunk.length) continue;
            const returned = new Set(written.map((row) => `${row.gtin}\u0000${row.serial}`));
            const rest = chunk.filter((entry) => !returned.has(`${entry.gtin}\u0000${entry.value.serial}`));
            const taken = await tx.$queryRaw<{ gtin: string; serial: string }[]>`
              SELECT c.gtin, c.serial FROM brand_codes c
              JOIN unnest(${rest.map((entry) => entry.gtin)}::text[], ${rest.map((entry) => entry.value.serial)}::text[]) AS n(gtin, serial) ON c.gtin = n.gtin AND c.serial = n.serial
              WHERE c.tenant_id = ${tenantId}::uuid AND c.brand_key <> ${brandKey}`;
            const takenKeys = new Set(taken.map((row) => `${row.gtin}\u0000${row.serial}`));
            for (const entry of rest) {
              if (takenKeys.has(`${entry.gtin}\u0000${entry.value.serial}`)) refused.push(refusal(entry.line, 'code-of-another-brand', `line/${entry.line}/serial`, 'this GTIN and serial are registered to another brand'));
            }
          }
        },
        { timeout: 120_000 },
      );
      refused.sort((a, b) => a.line - b.line);
      const stored = entries.length - refused.filter((entry) => entry.code === 'code-of-another-brand').length;
      return {
        brandKey,
        received: read.lines,
        inserted,
        updated,
        unchanged: stored - inserted - updated,
        refused: refused.length,
        refusedLines: refused.slice(0, REFUSED_LINES_KEPT),
      };
    },
  );

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
