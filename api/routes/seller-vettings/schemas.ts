import { SignalView } from '../../signalView.ts';
import { Type, type Static } from '@sinclair/typebox';

const Text = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, description });
const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' });

export const Address = Type.Object(
  {
    line1: Text(200),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    city: Text(100),
    region: Type.Optional(Type.String({ maxLength: 100 })),
    postalCode: Text(20),
    country: CountryCode,
  },
  { additionalProperties: false },
);

/** Everything but the document image: the JSON body's fields, or the multipart `data` part. */
export const VettingApplicant = {
  sellerId: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$', description: "the marketplace's id for the seller" }),
  applicantType: Type.Union([Type.Literal('individual'), Type.Literal('business')]),
  legalName: Text(200, 'as on the identity document'),
  dateOfBirth: Type.String({ format: 'date' }),
  email: Type.String({ format: 'email', maxLength: 254 }),
  phone: Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', description: 'E.164' }),
  country: CountryCode,
  address: Address,
  business: Type.Optional(Type.Object({ name: Text(200), registrationNumber: Text(64) }, { additionalProperties: false })),
  payoutAccountFingerprint: Type.String({ minLength: 8, maxLength: 128, description: "the payment provider's fingerprint of the payout account" }),
  deviceFingerprint: Type.String({ minLength: 8, maxLength: 256 }),
  ipAddress: Type.Optional(Type.Union([Type.String({ format: 'ipv4' }), Type.String({ format: 'ipv6' })])),
};

export const DocumentKind = Type.Union([Type.Literal('passport'), Type.Literal('id_card')]);

export const VettingSubmissionJson = Type.Object(
  {
    ...VettingApplicant,
    document: Type.Object(
      { kind: DocumentKind, imageBase64: Type.String({ minLength: 1, description: 'JPEG, PNG or WebP, base64' }) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, $id: 'SellerVettingSubmission' },
);
export type VettingSubmissionJson = Static<typeof VettingSubmissionJson>;

export const VettingMultipartData = Type.Object({ ...VettingApplicant, documentKind: DocumentKind }, { additionalProperties: false });
export type VettingMultipartData = Static<typeof VettingMultipartData>;

export const SellerVettingView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    sellerId: Type.String(),
    status: Type.Union([Type.Literal('received'), Type.Literal('screening'), Type.Literal('awaiting_review'), Type.Literal('completed'), Type.Literal('failed')]),
    outcome: Type.Union([Type.Literal('approve'), Type.Literal('reject'), Type.Null()], { description: 'final outcome once completed' }),
    verdict: Type.Union([
      Type.Object({
        outcome: Type.String({ description: "the policy's automated verdict: approve, reject or escalate" }),
        score: Type.Number(),
        reasons: Type.Array(Type.Object({ code: Type.String(), action: Type.String(), severity: Type.String(), score: Type.Number(), summary: Type.String() })),
        policy: Type.Object({ key: Type.String(), version: Type.Integer() }),
        decidedAt: Type.String({ format: 'date-time' }),
      }),
      Type.Null(),
    ]),
    review: Type.Union([
      Type.Object({ caseId: Type.String(), status: Type.String(), priority: Type.String(), slaDueAt: Type.String({ format: 'date-time' }), decision: Type.Union([Type.String(), Type.Null()]) }),
      Type.Null(),
    ]),
    signals: Type.Array(SignalView),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    url: Type.String(),
  },
  { $id: 'SellerVetting' },
);

export const SellerVettingAccepted = Type.Object({
  id: Type.String({ format: 'uuid' }),
  sellerId: Type.String(),
  status: Type.String(),
  url: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
