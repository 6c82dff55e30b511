import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LISTING_LIMITS } from '../../../core/listingScreening.ts';
import { VerdictView } from '../../verdictSchemas.ts';
import { FailureView } from '../../failureView.ts';
import { SERIAL_PATTERN_MAX_LENGTH } from '../../../workers/detectors/productCodes/serialPattern.ts';

const Identifier = (description: string) =>
  Type.String({ minLength: 1, maxLength: LISTING_LIMITS.identifierMaxLength, pattern: '^[A-Za-z0-9._:-]+$', description });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, e.g. USD' });
const Amount = Type.Number({ minimum: 0, maximum: 1e11, description: 'in the currency’s units, e.g. 49.99' });

export const BrandKey = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$', description: 'the marketplace’s key for the brand: lowercase letters, digits, . _ -' });

/** A GTIN as sent: 8, 12, 13 or 14 digits (the check digit is checked by the route, which names a wrong one). */
export const Gtin = Type.String({ pattern: '^(\\d{8}|\\d{12,14})$', description: 'GTIN-8, -12, -13 or -14' });

/** GTINs a brand may list (a brand's product range, not its units). */
export const BRAND_GTINS_MAX = 10_000;
/** Models a brand may list. */
export const BRAND_MODELS_MAX = 500;

export const BrandBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    aliases: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: LISTING_LIMITS.aliasMaxLength }), { maxItems: LISTING_LIMITS.aliasesMax, description: 'other names and well-known model names' })),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    referencePrice: Type.Optional(
      Type.Object({ currency: Currency, min: Amount, max: Amount }, { additionalProperties: false, description: 'the usual price range of the brand’s goods in its category; min at most max' }),
    ),
    authorizedSellerIds: Type.Optional(Type.Array(Identifier('a seller allowed to sell the brand'), { maxItems: LISTING_LIMITS.authorizedSellersMax })),
    gtins: Type.Optional(
      Type.Array(Gtin, {
        maxItems: BRAND_GTINS_MAX,
        description: 'the brand’s GTINs: a buyer’s code with another GTIN is not the brand’s',
      }),
    ),
    serialPattern: Type.Optional(
      Type.String({ minLength: 1, maxLength: SERIAL_PATTERN_MAX_LENGTH, description: 'a regular expression the brand’s serials match whole; refused (400 unsafe-serial-pattern) when it could backtrack catastrophically' }),
    ),
    codeRegistry: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('bonafide')], { description: 'bonafide: the marketplace sends the brand’s unit codes to POST /v1/brands/:brandKey/codes' })),
    models: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: LISTING_LIMITS.aliasMaxLength, description: 'as printed on the label, e.g. "Detangler Pro"' }),
            gtins: Type.Optional(Type.Array(Gtin, { maxItems: BRAND_GTINS_MAX, description: 'the GTINs the model is sold under, each one of the brand’s gtins and in one model only' })),
          },
          { additionalProperties: false },
        ),
        {
          maxItems: BRAND_MODELS_MAX,
          description: 'the brand’s models: a buyer’s label naming another model than its code’s GTIN is a case; listing text finds a model name as the brand’s',
        },
      ),
    ),
  },
  { additionalProperties: false, $id: 'BrandBody' },
);
export type BrandBody = Static<typeof BrandBody>;

export const BrandView = Type.Object({
  key: Type.String(),
  name: Type.String(),
  aliases: Type.Array(Type.String()),
  category: Type.Union([Type.String(), Type.Null()]),
  referencePrice: Type.Union([Type.Object({ currency: Type.String(), min: Type.Number(), max: Type.Number() }), Type.Null()]),
  authorizedSellerIds: Type.Array(Type.String()),
  gtins: Type.Array(Type.String({ description: '14 digits' })),
  serialPattern: Type.Union([Type.String(), Type.Null()]),
  codeRegistry: Type.Union([Type.Literal('none'), Type.Literal('bonafide')]),
  models: Type.Array(Type.Object({ name: Type.String(), gtins: Type.Array(Type.String({ description: '14 digits' })) })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const ImageReference = Type.Union([
  Type.Object({ url: Type.String({ format: 'uri', minLength: 1, maxLength: 2048, description: 'http(s) URL fetched under the outbound rules' }) }, { additionalProperties: false }),
  Type.Object({ imageBase64: Type.String({ minLength: 1, description: 'JPEG, PNG or WebP, base64' }) }, { additionalProperties: false }),
]);

export const ListingFields = {
  listingId: Identifier('the marketplace’s id for the listing'),
  sellerId: Identifier('the marketplace’s id for the seller'),
  title: Type.String({ minLength: 1, maxLength: LISTING_LIMITS.titleMaxLength }),
  description: Type.String({ maxLength: LISTING_LIMITS.descriptionMaxLength }),
  price: Type.Object({ amount: Amount, currency: Currency }, { additionalProperties: false }),
  claimedBrand: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'a brand key or name the seller chose' })),
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  images: Type.Optional(Type.Array(ImageReference, { maxItems: LISTING_LIMITS.imagesMax })),
};

export const ListingSubmission = Type.Object(ListingFields, { additionalProperties: false, $id: 'ListingSubmission' });
export type ListingSubmission = Static<typeof ListingSubmission>;

export const ListingScreeningAccepted = Type.Object({ id: Type.String({ format: 'uuid' }), status: Type.String(), url: Type.String() });

export const ListingScreeningView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  listingId: Type.String(),
  sellerId: Type.String(),
  status: Type.String({ description: 'received, screening, awaiting_review, completed or failed' }),
  trigger: Type.String({ description: 'submission, batch, gallery_update (re-screened when the gallery learned a counterfeit) or counterfeit_confirmed (a buyer’s check confirmed one)' }),
  /** final outcome allow or block; the automated verdict allow, block or escalate */
  verdict: VerdictView,
  images: Type.Array(Type.Object({ position: Type.Integer(), status: Type.String(), failure: Type.Union([Type.String(), Type.Null()]), sourceUrl: Type.Union([Type.String(), Type.Null()]) })),
  previousScreeningId: Type.Union([Type.String(), Type.Null()]),
  batchId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  completedAt: Type.Union([Type.String(), Type.Null()]),
  failure: FailureView,
  url: Type.String(),
});

export const GalleryImageData = Type.Object(
  {
    brandKey: Type.Optional(BrandKey),
    label: Type.Union([Type.Literal('official'), Type.Literal('counterfeit'), Type.Literal('never_match')]),
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type GalleryImageData = Static<typeof GalleryImageData>;

export const GalleryImageJson = Type.Object(
  { ...GalleryImageData.properties, url: Type.String({ format: 'uri', minLength: 1, maxLength: 2048 }) },
  { additionalProperties: false, $id: 'GalleryImageJson' },
);
export type GalleryImageJson = Static<typeof GalleryImageJson>;

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const GalleryImageView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  brandKey: Nullable(Type.String()),
  label: Type.String(),
  source: Nullable(Type.String()),
  note: Nullable(Type.String()),
  status: Type.String({ description: 'pending (URL not fetched yet), stored, indexed (fingerprints kept) or failed' }),
  failure: Nullable(Type.String()),
  sourceUrl: Nullable(Type.String()),
  mimeType: Nullable(Type.String()),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  byteSize: Nullable(Type.Integer()),
  fingerprints: Type.Integer({ description: 'perceptual hashes kept for matching' }),
  createdAt: Type.String(),
});

export const BatchView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  status: Type.String(),
  total: Type.Integer(),
  done: Type.Integer(),
  failed: Type.Integer(),
  rejectedLines: Type.Array(Type.Object({ line: Type.Integer(), code: Type.String(), errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })) }), { description: 'the first 100 refused lines' }),
  createdAt: Type.String(),
  completedAt: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
  resultsUrl: Type.String(),
});
