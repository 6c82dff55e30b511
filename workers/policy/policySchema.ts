/**
 * The shape of a policy's rules (a row of `policies`) as a schema: the console's admin API checks
 * a new version against it before storing it, so a version `evaluatePolicy` could not evaluate is
 * never written. The type check at the end keeps it and policy.ts's `PolicyRules` the same shape.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { PolicyRules } from './policy.ts';

// Which actions a policy may use depends on its own `verdicts`: policy.ts's policyProblems checks that.
const Verdict = Type.String({ pattern: '^[a-z][a-z_]*$', maxLength: 32, description: 'a verdict such as reject, escalate, approve, block, label' });
const Action = Type.String({ pattern: '^[a-z][a-z_]*$', maxLength: 32, description: 'one of the policy\'s verdicts except the last, or ignore' });
const Priority = Type.Union([Type.Literal('low'), Type.Literal('normal'), Type.Literal('high'), Type.Literal('urgent')]);
const SignalCode = Type.String({ pattern: '^[a-z0-9_]+(\\.[a-z0-9_]+)+$', maxLength: 100, description: 'a signal code such as document.expired' });
/** one entry per severity of core/signals.ts */
const bySeverity = <T extends TSchema>(value: T) =>
  Type.Object({ info: value, low: value, medium: value, high: value, critical: value }, { additionalProperties: false });

export const PolicyRule = Type.Object(
  {
    code: SignalCode,
    action: Action,
    minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'the rule applies only to signals scoring at least this' })),
  },
  { additionalProperties: false },
);

export const PolicyRulesSchema = Type.Object(
  {
    verdicts: Type.Optional(Type.Array(Verdict, { minItems: 2, maxItems: 6, description: 'the verdicts this policy gives, strongest first; the last is given when nothing acts (default: reject, escalate, approve)' })),
    rules: Type.Array(PolicyRule, { maxItems: 500, description: 'first matching rule wins, in order' }),
    requireForApproval: Type.Array(SignalCode, { maxItems: 50, description: 'codes that must be present for an automatic approval' }),
    unmatched: bySeverity(Action),
    priorityBySeverity: bySeverity(Priority),
    parameters: Type.Optional(Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]*$', maxLength: 64 }), Type.Unknown(), { description: "the capability's own numbers, in the shape it registers for its policy key" })),
  },
  { additionalProperties: false },
);

type SchemaRules = Static<typeof PolicyRulesSchema>;
/** Fails to compile when the schema and the evaluator's type drift apart (either direction). */
export const schemaMatchesEvaluator: [SchemaRules extends PolicyRules ? true : false, PolicyRules extends SchemaRules ? true : false] = [true, true];
