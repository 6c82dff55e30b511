import { Type } from '@sinclair/typebox';
import { APPEAL_STATEMENT_MAX_LENGTH, APPELLANT_TYPES } from '../../../core/appeal.ts';
import { FailureView } from '../../failureView.ts';
import { VerdictView } from '../../verdictSchemas.ts';
import { SellerId } from '../seller-vettings/schemas.ts';

export const AppealSubmission = Type.Object(
  {
    subjectType: Type.String({ minLength: 1, maxLength: 64, description: 'the capability of the decision appealed: listing_screening, content_screening, seller_vetting, authenticity_check' }),
    subjectId: Type.String({ format: 'uuid', description: 'the screening, vetting or check whose decision is appealed' }),
    appellant: Type.Object(
      { type: Type.Union(APPELLANT_TYPES.map((type) => Type.Literal(type))), id: SellerId },
      { additionalProperties: false, description: 'the party the decision restricts, as the marketplace knows them' },
    ),
    statement: Type.String({ minLength: 1, maxLength: APPEAL_STATEMENT_MAX_LENGTH, description: 'the appellant’s own words: why the decision is wrong' }),
  },
  { additionalProperties: false },
);

export const AppealView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  status: Type.Union([Type.Literal('received'), Type.Literal('screening'), Type.Literal('awaiting_review'), Type.Literal('completed'), Type.Literal('failed')]),
  subject: Type.Object({ type: Type.String(), id: Type.String({ format: 'uuid' }) }),
  statementOfReasonsId: Type.String({ format: 'uuid', description: 'the decision appealed' }),
  appellant: Type.Object({ type: Type.String(), id: Type.String() }),
  verdict: VerdictView,
  createdAt: Type.String({ format: 'date-time' }),
  completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  failure: FailureView,
});

export const AppealAccepted = Type.Object({ id: Type.String({ format: 'uuid' }), status: Type.String(), url: Type.String() });
