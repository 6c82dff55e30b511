import { Type, type Static } from '@sinclair/typebox';
import { AUTHENTICITY_PHOTO_KINDS, AUTHENTICITY_PHOTO_LIMITS, AUTHENTICITY_TEXT_LIMITS } from '../../../core/authenticityCheck.ts';
import { VerdictView } from '../../verdictSchemas.ts';
import { FailureView } from '../../failureView.ts';

const Identifier = (description: string) => Type.String({ minLength: 1, maxLength: AUTHENTICITY_TEXT_LIMITS.identifier, pattern: '^[A-Za-z0-9._:-]+$', description });

const PhotoKind = Type.Union(AUTHENTICITY_PHOTO_KINDS.map((kind) => Type.Literal(kind)), { description: 'what the photo shows' });
/** base64 of at most AUTHENTICITY_PHOTO_LIMITS.maxBytes bytes */
const PHOTO_BASE64_MAX_LENGTH = Math.ceil(AUTHENTICITY_PHOTO_LIMITS.maxBytes / 3) * 4;

export const AuthenticityPhotoSubmission = Type.Union([
  Type.Object(
    { kind: PhotoKind, url: Type.String({ format: 'uri', minLength: 1, maxLength: 2048, description: 'http(s) URL the worker fetches under the outbound rules' }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: PhotoKind, imageBase64: Type.String({ minLength: 1, maxLength: PHOTO_BASE64_MAX_LENGTH, description: `JPEG, PNG or WebP, base64, at most ${AUTHENTICITY_PHOTO_LIMITS.maxBytes} bytes and ${AUTHENTICITY_PHOTO_LIMITS.maxPixels} pixels` }) },
    { additionalProperties: false },
  ),
]);
export type AuthenticityPhotoSubmission = Static<typeof AuthenticityPhotoSubmission>;

export const AuthenticityCheckSubmission = Type.Object(
  {
    orderId: Identifier('the marketplace’s order the product came in'),
    buyerId: Identifier('the marketplace’s id for the buyer'),
    sellerId: Identifier('the marketplace’s id for the seller'),
    listingId: Type.Optional(Identifier('the listing the product was bought from')),
    brandKey: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$', description: 'the brand of the catalog the product claims to be' })),
    claimedCode: Type.Optional(
      Type.String({ minLength: 1, maxLength: AUTHENTICITY_TEXT_LIMITS.claimedCode, description: 'the code as typed or scanned: a GTIN, a GS1 element string such as (01)09506000134352(21)ABC123, or a GS1 Digital Link URI' }),
    ),
    photos: Type.Optional(Type.Array(AuthenticityPhotoSubmission, { maxItems: AUTHENTICITY_PHOTO_LIMITS.photosMax, description: 'the product, its label, packaging, the code printed on it, the receipt' })),
    buyerNote: Type.Optional(Type.String({ maxLength: AUTHENTICITY_TEXT_LIMITS.buyerNote })),
  },
  { additionalProperties: false, $id: 'AuthenticityCheckSubmission' },
);
export type AuthenticityCheckSubmission = Static<typeof AuthenticityCheckSubmission>;

export const AuthenticityCheckAccepted = Type.Object({ id: Type.String(), status: Type.String(), url: Type.String(), buyerUrl: Type.String({ description: 'the buyer page for this check: no login, valid for BUYER_LINK_TTL_SECONDS (14 days)' }) });

const SellerWindowView = Type.Union([
  Type.Object({
    closesAt: Type.String({ description: 'the seller may answer until then (POST …/seller-responses)' }),
    response: Type.Union([Type.Object({ id: Type.String(), receivedAt: Type.String() }), Type.Null()]),
  }),
  Type.Null(),
], { description: 'the seller’s window to answer, when the check leaned counterfeit without hard evidence: one per round' });

export const AuthenticityCheckView = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  buyerId: Type.String(),
  sellerId: Type.String(),
  listingId: Type.Union([Type.String(), Type.Null()]),
  brandKey: Type.Union([Type.String(), Type.Null()]),
  claimedCode: Type.Union([Type.String(), Type.Null()]),
  status: Type.String({ description: 'received | awaiting_photos | screening | awaiting_seller_response | awaiting_review | completed | failed' }),
  verdict: VerdictView,
  photos: Type.Array(
    Type.Object({
      position: Type.Integer(),
      kind: Type.String(),
      status: Type.String({ description: 'pending, stored or failed' }),
      failure: Type.Union([Type.String(), Type.Null()]),
      width: Type.Union([Type.Integer(), Type.Null()]),
      height: Type.Union([Type.Integer(), Type.Null()]),
      url: Type.Union([Type.String(), Type.Null()], { description: 'the stored photo (API key), null until stored' }),
      replacedAt: Type.Union([Type.String(), Type.Null()], { description: 'when a photo of the same kind sent after a retake replaced it (kept, no longer examined)' }),
    }),
  ),
  retake: Type.Array(
    Type.Object({
      position: Type.Integer({ description: 'the photo asked again' }),
      kind: Type.String(),
      reason: Type.String({ description: 'too_small | too_dark | blurred | code_unreadable | unusable' }),
      message: Type.String({ description: 'what to do, in plain words for the buyer' }),
    }),
    { description: 'when the outcome is retake_requested: which photos to take again and why' },
  ),
  failure: FailureView,
  createdAt: Type.String(),
  completedAt: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
  buyerUrl: Type.String({ description: 'the buyer page for this check (no login; the token expires)' }),
  photosWindow: Type.Union([Type.Object({ closesAt: Type.String() }), Type.Null()], {
    description: 'while the check waits for the buyer’s photos (sent with nothing, or answered retake_requested): POST …/photos until then',
  }),
  round: Type.Integer({ description: 'times new photos reopened the check' }),
  earlierRounds: Type.Array(
    Type.Object({
      round: Type.Integer(),
      outcome: Type.Union([Type.String(), Type.Null()]),
      decidedBy: Type.Union([Type.String(), Type.Null()]),
      completedAt: Type.Union([Type.String(), Type.Null()]),
      reopenedAt: Type.String(),
      sellerWindow: SellerWindowView,
    }),
    { description: 'the rounds the buyer’s new photos reopened, oldest first, each with its seller’s window if it had one' },
  ),
  sellerWindow: SellerWindowView,
  actions: Type.Object(
    {
      refundRequested: Type.Union([Type.Object({ idempotencyKey: Type.String(), eventId: Type.String(), requestedAt: Type.String() }), Type.Null()]),
      counterfeitRecorded: Type.Boolean({ description: 'counted on the seller’s counterfeit record' }),
      listingRescreeningId: Type.Union([Type.String(), Type.Null()], { description: 'the listing screening the counterfeit started' }),
    },
    { description: 'what a confirmed counterfeit did' },
  ),
});

const HardEvidenceRule = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z0-9_]+(\\.[a-z0-9_]+)+$', maxLength: 100, description: 'a signal code' }),
    minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    evidence: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()]), { description: 'evidence values the signal must carry, e.g. { "source": "photo" }' })),
  },
  { additionalProperties: false },
);

export const AuthenticityCheckParametersSchema = Type.Object(
  {
    unknownSerialIsCounterfeit: Type.Boolean(),
    hardEvidence: Type.Array(HardEvidenceRule, { maxItems: 50, description: 'signals on which a likely_counterfeit verdict refunds, records and re-screens at once' }),
    sellerResponseSeconds: Type.Integer({ minimum: 1, maximum: 30 * 86_400, description: 'the seller’s window to answer a check that leans counterfeit without hard evidence' }),
  },
  { additionalProperties: false },
);

export const SellerResponseSubmission = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: AUTHENTICITY_TEXT_LIMITS.buyerNote, description: 'the seller’s answer in words' })),
    photos: Type.Optional(
      Type.Array(
        Type.Object(
          {
            kind: Type.Union([Type.Literal('product'), Type.Literal('label'), Type.Literal('packaging'), Type.Literal('code'), Type.Literal('receipt'), Type.Literal('invoice')]),
            url: Type.String({ format: 'uri', maxLength: 2_048, pattern: '^https?://' }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 10, description: 'references to the seller’s photos (the moderator opens them)' },
      ),
    ),
  },
  { additionalProperties: false, $id: 'SellerResponseSubmission' },
);
export type SellerResponseSubmission = Static<typeof SellerResponseSubmission>;

export const SellerResponseView = Type.Object({
  id: Type.String(),
  checkId: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  photos: Type.Array(Type.Object({ kind: Type.String(), url: Type.String() })),
  receivedAt: Type.String(),
});

const CounterfeitView = Type.Object({
  checkId: Type.String(),
  orderId: Type.String(),
  listingId: Type.Union([Type.String(), Type.Null()]),
  decidedBy: Type.String({ description: 'policy (hard evidence) | moderator' }),
  confirmedAt: Type.String(),
});

export const CounterfeitRecordView = Type.Object({
  sellerId: Type.String(),
  last30Days: Type.Integer(),
  last90Days: Type.Integer(),
  listings: Type.Array(Type.Object({ listingId: Type.String(), counterfeits: Type.Integer() }), { description: 'the listings behind the last 90 days’ counterfeits' }),
  counterfeits: Type.Array(CounterfeitView, { description: 'the last 90 days’ counterfeits, newest first (at most 100)' }),
});

export const BuyerPhotosSubmission = Type.Object(
  {
    photos: Type.Array(AuthenticityPhotoSubmission, { minItems: 1, maxItems: AUTHENTICITY_PHOTO_LIMITS.photosMax, description: 'the new photos; each replaces the earlier photos of its kind' }),
    claimedCode: Type.Optional(Type.String({ minLength: 1, maxLength: AUTHENTICITY_TEXT_LIMITS.claimedCode, description: 'the code as typed or scanned, replacing the one sent before' })),
  },
  { additionalProperties: false, $id: 'BuyerPhotosSubmission' },
);
