import { Type, type Static } from '@sinclair/typebox';
import { AUTHENTICITY_PHOTO_KINDS, AUTHENTICITY_PHOTO_LIMITS, AUTHENTICITY_TEXT_LIMITS } from '../../../core/authenticityCheck.ts';
import { VerdictView } from '../../../core/verdictView.ts';
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

export const AuthenticityCheckAccepted = Type.Object({ id: Type.String(), status: Type.String(), url: Type.String() });

export const AuthenticityCheckView = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  buyerId: Type.String(),
  sellerId: Type.String(),
  listingId: Type.Union([Type.String(), Type.Null()]),
  brandKey: Type.Union([Type.String(), Type.Null()]),
  claimedCode: Type.Union([Type.String(), Type.Null()]),
  status: Type.String({ description: 'received | screening | awaiting_review | completed | failed' }),
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
});

export const AuthenticityCheckParametersSchema = Type.Object({ unknownSerialIsCounterfeit: Type.Boolean() }, { additionalProperties: false });
