/**
 * The marketplace's brand catalog (`/v1/brands/:brandKey`): names and aliases the detectors look
 * for, the brand's category and reference price range, and its authorized sellers; and what a
 * buyer's code is checked against: its GTINs, its serial pattern, whether its unit codes are kept
 * here, and its models (a model's name is looked for as the brand's; its GTINs say which model a
 * code is).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { PrismaClient } from '../../../core/database.ts';
import { brandEntryOf, brandModelsOf, type BrandModel } from '../../../core/listingScreening.ts';
import type { Brand, Prisma } from '../../../prisma/generated/client.ts';
import { asGtin14, gtinCheckDigitValid } from '../../../workers/detectors/productCodes/parse.ts';
import { serialPatternProblem } from '../../../workers/detectors/productCodes/serialPattern.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { BrandBody, BrandKey, BrandView } from './schemas.ts';

const MAX_LISTED = 1000;

const presentBrand = (brand: Brand) => ({
  ...brandEntryOf(brand),
  // as sent: the detectors also look for the models' names
  aliases: brand.aliases,
  gtins: brand.gtins,
  serialPattern: brand.serialPattern,
  codeRegistry: brand.codeRegistry === 'bonafide' ? ('bonafide' as const) : ('none' as const),
  models: brandModelsOf(brand),
  createdAt: brand.createdAt.toISOString(),
  updatedAt: brand.updatedAt.toISOString(),
});

/** The brand's GTINs as stored (14 digits), or the problem naming each one with a wrong check digit. */
function storedGtins(gtins: string[]): string[] {
  const wrong = gtins.flatMap((gtin, index) => (gtinCheckDigitValid(gtin) ? [] : [{ field: `body/gtins/${index}`, message: 'has a wrong check digit (GS1 mod 10)' }]));
  if (wrong.length > 0) throw new ApiProblem(400, 'validation-failed', 'Request did not match the schema', 'A GTIN has a wrong check digit.', wrong);
  return [...new Set(gtins.map(asGtin14))];
}

/**
 * The brand's models as stored (GTINs as 14 digits), or the problem naming each model sent twice
 * (by name, in any case) and each of a model's GTINs that is wrong, not the brand's, or another model's.
 */
function storedModels(models: NonNullable<BrandBody['models']>, brandGtins: readonly string[]): BrandModel[] {
  const errors: { field: string; message: string }[] = [];
  const names = new Map<string, number>();
  const owner = new Map<string, number>();
  const stored = models.map((model, index) => {
    const named = names.get(model.name.toLowerCase());
    if (named !== undefined) errors.push({ field: `body/models/${index}/name`, message: `is model ${named}'s name too` });
    else names.set(model.name.toLowerCase(), index);
    const gtins = (model.gtins ?? []).flatMap((gtin, at) => {
      const field = `body/models/${index}/gtins/${at}`;
      if (!gtinCheckDigitValid(gtin)) return errors.push({ field, message: 'has a wrong check digit (GS1 mod 10)' }), [];
      const padded = asGtin14(gtin);
      if (!brandGtins.includes(padded)) return errors.push({ field, message: 'is not one of the brand’s gtins' }), [];
      const other = owner.get(padded);
      if (other !== undefined && other !== index) return errors.push({ field, message: `is model ${other}'s GTIN already` }), [];
      owner.set(padded, index);
      return [padded];
    });
    return { name: model.name, gtins: [...new Set(gtins)] };
  });
  if (errors.length > 0) throw new ApiProblem(400, 'validation-failed', 'Request did not match the schema', 'A model is named twice, or lists a GTIN that is not its own.', errors);
  return stored;
}

const notFound = (key: string) => new ApiProblem(404, 'not-found', 'Not found', `No brand ${key}`);

export const brandRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  const tags = ['listing screening'];
  const params = Type.Object({ brandKey: BrandKey });

  app.put(
    '/v1/brands/:brandKey',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'Create or replace a brand of the catalog',
        tags,
        security: [{ apiKey: [] }],
        params,
        body: BrandBody,
        response: { 200: BrandView, ...problemResponses(400, 401, 415) },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      const body = request.body;
      const price = body.referencePrice;
      if (price && price.min > price.max) {
        throw new ApiProblem(400, 'validation-failed', 'Request did not match the schema', 'The reference price range is upside down.', [
          { field: 'body/referencePrice/min', message: 'must be at most referencePrice.max' },
        ]);
      }
      const serialProblem = body.serialPattern === undefined ? null : serialPatternProblem(body.serialPattern);
      if (serialProblem) {
        throw new ApiProblem(400, 'unsafe-serial-pattern', 'Serial pattern refused', `The serial pattern ${serialProblem}.`, [{ field: 'body/serialPattern', message: serialProblem }]);
      }
      const data = {
        name: body.name,
        aliases: body.aliases ?? [],
        category: body.category ?? null,
        referenceCurrency: price?.currency ?? null,
        referenceMin: price?.min ?? null,
        referenceMax: price?.max ?? null,
        authorizedSellerIds: [...new Set(body.authorizedSellerIds ?? [])],
        gtins: storedGtins(body.gtins ?? []),
        serialPattern: body.serialPattern ?? null,
        codeRegistry: body.codeRegistry ?? 'none',
      };
      const models = storedModels(body.models ?? [], data.gtins);
      const brand = await prisma.brand.upsert({
        where: { tenantId_key: { tenantId, key: request.params.brandKey } },
        create: { tenantId, key: request.params.brandKey, ...data, models: models as unknown as Prisma.InputJsonArray },
        update: { ...data, models: models as unknown as Prisma.InputJsonArray },
      });
      return presentBrand(brand);
    },
  );

  app.get(
    '/v1/brands/:brandKey',
    { onRequest: app.requireApiKey, schema: { summary: 'A brand of the catalog', tags, security: [{ apiKey: [] }], params, response: { 200: BrandView, ...problemResponses(400, 401, 404) } } },
    async (request) => {
      const { tenantId } = tenantOf(request);
      const brand = await prisma.brand.findUnique({ where: { tenantId_key: { tenantId, key: request.params.brandKey } } });
      if (!brand) throw notFound(request.params.brandKey);
      return presentBrand(brand);
    },
  );

  app.delete(
    '/v1/brands/:brandKey',
    { onRequest: app.requireApiKey, schema: { summary: 'Remove a brand from the catalog', tags, security: [{ apiKey: [] }], params, response: { 204: Type.Null(), ...problemResponses(400, 401, 404) } } },
    async (request, reply) => {
      const { tenantId } = tenantOf(request);
      const deleted = await prisma.brand.deleteMany({ where: { tenantId, key: request.params.brandKey } });
      if (deleted.count === 0) throw notFound(request.params.brandKey);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/brands',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'The brand catalog, by key',
        tags,
        security: [{ apiKey: [] }],
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LISTED })), after: Type.Optional(BrandKey) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(BrandView), next: Type.Union([Type.String(), Type.Null()]) }), ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      const limit = request.query.limit ?? 100;
      const brands = await prisma.brand.findMany({
        where: { tenantId, ...(request.query.after ? { key: { gt: request.query.after } } : {}) },
        orderBy: { key: 'asc' },
        take: limit + 1,
      });
      const page = brands.slice(0, limit);
      return { items: page.map(presentBrand), next: brands.length > limit ? (page.at(-1)?.key ?? null) : null };
    },
  );
};
