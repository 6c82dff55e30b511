/**
 * The verdict's JSON schemas (TypeBox), for the API's routes and OpenAPI document: the shape
 * core/verdictView.ts presents. They live with the API so that the workflow bundle, which imports
 * capabilities' declarations from core/, carries no schema library; the checks at the end keep the
 * schemas and core's types the same.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type * as Views from '../core/verdictView.ts';
import type * as Statements from '../core/statementsOfReasons.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const SignalView = Type.Object({
  code: Type.String(),
  severity: Type.String(),
  score: Type.Number(),
  summary: Type.String(),
  evidence: Type.Record(Type.String(), Type.Unknown()),
  detector: Type.Object({ id: Type.String(), version: Type.String() }),
});

export const ReasonView = Type.Object({
  code: Type.String({ description: 'the signal code the policy rule matched' }),
  action: Type.String({ description: 'what the rule asked for, in the policy’s verdict words' }),
  severity: Type.String(),
  score: Type.Number(),
  summary: Type.String(),
});

export const AutomatedVerdictView = Type.Object(
  {
    outcome: Type.String({ description: 'the policy’s verdict, escalate included' }),
    score: Type.Number(),
    policy: Type.Object({ key: Type.String(), version: Type.Integer() }),
    decidedAt: Type.String({ format: 'date-time' }),
  },
  { description: 'the policy’s automated verdict; null until it is given' },
);

export const StatementOfReasonsView = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'also the `puid` the statement is exported under' }),
    subject: Type.Object({ type: Type.String(), id: Type.String({ format: 'uuid' }) }, { description: 'the screening, vetting or check it concerns' }),
    affectedParty: Type.Object({ type: Type.String({ description: 'seller or creator' }), id: Type.String({ description: 'the marketplace’s id' }) }),
    measure: Type.Object(
      {
        code: Type.String({ description: 'listing_removed, post_labelled, post_removed, signup_rejected, counterfeit_confirmed' }),
        description: Type.String(),
        visibility: Type.Array(Type.String(), { description: 'DSA decision_visibility codes' }),
        visibilityOther: Nullable(Type.String()),
        monetary: Nullable(Type.String({ description: 'DSA decision_monetary code' })),
        monetaryOther: Nullable(Type.String()),
        provision: Nullable(Type.String({ description: 'DSA decision_provision code' })),
        account: Nullable(Type.String({ description: 'DSA decision_account code' })),
      },
      { description: 'what the restriction is and its scope' },
    ),
    appliedAt: Type.String({ format: 'date-time' }),
    endsAt: Nullable(Type.String({ format: 'date-time', description: 'null: the restriction has no end' })),
    facts: Type.String({ description: 'the facts and circumstances relied on, in words' }),
    source: Type.String({ description: 'DSA source_type: SOURCE_VOLUNTARY for Bonafide’s own detection' }),
    automatedDetection: Type.Boolean(),
    automatedDecision: Type.Union([Type.Literal('fully'), Type.Literal('partially'), Type.Literal('not_automated')]),
    ground: Type.Object({
      type: Type.String({ description: 'DSA decision_ground' }),
      reference: Type.String({ description: 'the terms relied on' }),
      explanation: Type.String(),
      alsoIllegal: Type.Boolean(),
    }),
    category: Type.Object({ category: Type.String({ description: 'DSA category' }), specification: Type.Array(Type.String(), { description: 'DSA category_specification keywords' }) }),
    contentType: Type.Array(Type.String(), { description: 'DSA content_type codes' }),
    decidedBy: Type.Union([Type.Literal('policy'), Type.Literal('moderator')]),
    policy: Nullable(Type.Object({ key: Type.String(), version: Type.Integer() })),
    caseId: Nullable(Type.String({ format: 'uuid' })),
    redress: Type.Object({ appealUntil: Type.String({ format: 'date-time' }), text: Type.String() }, { description: 'how to seek redress' }),
    overturned: Nullable(Type.Object({ at: Type.String({ format: 'date-time' }), appealId: Type.String({ format: 'uuid' }) }, { description: 'set when an appeal overturned the decision' })),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'StatementOfReasons', description: 'A statement of reasons (DSA Art. 17) for one restriction (docs/enforcement.md)' },
);

export const VerdictView = Type.Object(
  {
    outcome: Nullable(Type.String({ description: 'the final outcome in the capability’s own words; null until the subject is completed' })),
    decidedBy: Nullable(Type.Union([Type.Literal('policy'), Type.Literal('moderator')], { description: 'who gave the final outcome; null until then' })),
    automated: Nullable(AutomatedVerdictView),
    review: Nullable(
      Type.Object(
        {
          caseId: Type.String({ format: 'uuid' }),
          status: Type.String({ description: 'open or decided' }),
          priority: Type.String({ description: 'low, normal, high or urgent' }),
          slaDueAt: Type.String({ format: 'date-time' }),
          decision: Nullable(Type.String({ description: 'the moderator’s decision, once given' })),
          note: Nullable(Type.String()),
          decidedAt: Nullable(Type.String({ format: 'date-time' })),
        },
        { description: 'the case a moderator reviews; null when the policy did not escalate' },
      ),
    ),
    reasons: Type.Array(ReasonView, { description: 'the automated verdict’s reasons' }),
    signals: Type.Array(SignalView, { description: 'what the checks found, with evidence' }),
    statementOfReasons: Nullable(StatementOfReasonsView),
  },
  { $id: 'Verdict', description: 'One shape for every capability and webhook (docs/api.md, "The verdict")' },
);

/** true when A and B are the same type, each assignable to the other */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: [
  Same<Static<typeof SignalView>, Views.SignalView>,
  Same<Static<typeof ReasonView>, Views.ReasonView>,
  Same<Static<typeof AutomatedVerdictView>, Views.AutomatedVerdictView>,
  Same<Static<typeof VerdictView>, Views.VerdictView>,
  Same<Static<typeof StatementOfReasonsView>, Statements.StatementView>,
] = [true, true, true, true, true];
void sameShape;
