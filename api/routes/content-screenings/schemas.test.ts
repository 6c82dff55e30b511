import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { shippedContentPolicy } from '../../../workers/activities/contentScreening.ts';
import { policyProblems } from '../../../workers/policy/policy.ts';
import { PolicyRulesSchema } from '../../../workers/policy/policySchema.ts';
import { PolicyKeyRegistry } from '../../plugins/policyKeys.ts';
import { ContentScreeningParametersSchema } from './schemas.ts';
import { textLimitProblem } from './submit.ts';

describe('content-screening policy', () => {
  it('ships a version 1 the admin API would accept: rules, verdicts and parameters', () => {
    expect(Value.Check(PolicyRulesSchema, shippedContentPolicy)).toBe(true);
    expect(policyProblems(shippedContentPolicy)).toEqual([]);
    expect(shippedContentPolicy.verdicts).toEqual(['escalate', 'label', 'clean']);
    const registry = new PolicyKeyRegistry();
    registry.register({ key: 'content-screening', parameters: ContentScreeningParametersSchema });
    expect(registry.parameterProblems('content-screening', shippedContentPolicy.parameters)).toEqual([]);
  });

  it('refuses parameters the detectors could not read', () => {
    const registry = new PolicyKeyRegistry();
    registry.register({ key: 'content-screening', parameters: ContentScreeningParametersSchema });
    const parameters = structuredClone(shippedContentPolicy.parameters) as { cadence: { maxPerDay: unknown }; script: Record<string, unknown> };
    parameters.cadence.maxPerDay = 'ten';
    delete parameters.script.verifyJaccard;
    const problems = registry.parameterProblems('content-screening', parameters);
    expect(problems.some((problem) => problem.startsWith('parameters/cadence/maxPerDay'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('parameters/script'))).toBe(true);
  });

  it('takes the threshold for scripts read in other words as optional, within its bounds', () => {
    const registry = new PolicyKeyRegistry();
    registry.register({ key: 'content-screening', parameters: ContentScreeningParametersSchema });
    const shipped = shippedContentPolicy.parameters as { script: Record<string, unknown> };
    const withThreshold = (verifyParaphrase: unknown) => ({ ...shipped, script: { ...shipped.script, verifyParaphrase } });
    expect(registry.parameterProblems('content-screening', withThreshold(0.4))).toEqual([]);
    expect(registry.parameterProblems('content-screening', withThreshold(0.01)).some((problem) => problem.startsWith('parameters/script/verifyParaphrase'))).toBe(true);
  });
});

describe('text limits', () => {
  it('names the first field past its limit, as a 413', () => {
    expect(textLimitProblem({ caption: 'x'.repeat(5_000) })).toBeNull();
    expect(textLimitProblem({ caption: 'ok', transcript: 'x'.repeat(50_001) })).toMatchObject({ status: 413, code: 'text-too-large', errors: [{ field: 'body/transcript' }] });
    expect(textLimitProblem({ hashtags: Array.from({ length: 101 }, () => 'a') })).toMatchObject({ status: 413, errors: [{ field: 'body/hashtags' }] });
    expect(textLimitProblem({ hashtags: ['ok', 'x'.repeat(101)] }, 'line/3')).toMatchObject({ errors: [{ field: 'line/3/hashtags/1' }] });
    expect(textLimitProblem('not an object')).toBeNull();
  });
});
