/**
 * The lint rule that keeps activities' code out of the workflow sandbox, checked on sample
 * imports: activities only as types, values only from core's pure modules, at any depth.
 */
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

let refused: (file: string, code: string) => number[];
beforeAll(async () => {
  const { rules } = await new ESLint().calculateConfigForFile('workflows/systemProbe.ts');
  const linter = new Linter({ configType: 'flat' });
  const config = [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, rules: { 'no-restricted-imports': rules['no-restricted-imports'] } }];
  refused = (file, code) => linter.verify(code, config, file).map((message) => message.line);
});

describe('imports in workflow code', () => {
  it('refuses activities as values and allows them as types', () => {
    const code = [
      "import { createWebhookActivities } from '../workers/activities/webhooks.ts';",
      "import type { WebhookActivities } from '../workers/activities/webhooks.ts';",
      "import { type CaseActivities } from '../workers/activities/cases.ts';",
      "import { readDocument } from '../workers/documents/readDocument.ts';",
    ].join('\n');
    expect(refused('workflows/probe.ts', code)).toEqual([1, 4]);
  });

  it('refuses them from a file deeper in the tree too', () => {
    const code = "import { createSystemProbeActivities } from '../../workers/activities/systemProbe.ts';";
    expect(refused('integration/support/alteredWorkflows.ts', code)).toEqual([1]);
  });

  it('takes values only from the pure modules of core/, and none from api/', () => {
    const code = [
      "import { decisionProblem } from '../core/cases.ts';",
      "import { sellerVettingCases } from '../core/sellerVetting.ts';",
      "import { loadConfig } from '../core/config.ts';",
      "import type { Config } from '../core/config.ts';",
      "import { buildApp } from '../api/app.ts';",
    ].join('\n');
    expect(refused('workflows/probe.ts', code)).toEqual([3, 5]);
  });
});
