import { Type, type Static } from '@sinclair/typebox';
import { AUTHENTICITY_TEXT_LIMITS } from '../../../core/authenticityCheck.ts';
import { VerdictView } from '../../../core/verdictView.ts';
import { FailureView } from '../../failureView.ts';

const Identifier = (description: string) => Type.String({ minLength: 1, maxLength: AUTHENTICITY_TEXT_LIMITS.identifier, pattern: '^[A-Za-z0-9._:-]+$', description });

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
  failure: FailureView,
  createdAt: Type.String(),
  completedAt: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
});

export const AuthenticityCheckParametersSchema = Type.Object({ unknownSerialIsCounterfeit: Type.Boolean() }, { additionalProperties: false });
