// Lint: typed rules where they catch real bugs (floating promises), and a ban on Node
// built-ins and I/O libraries inside workflows/, whose code must stay deterministic.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'prisma/generated/', 'admin-ui/dist/', '.data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['workflows/**/*.ts', 'integration/support/alteredWorkflows.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Workflow code runs in a deterministic sandbox: do I/O in an activity.' },
            { group: ['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'pg', '@prisma/*', 'pino', '@temporalio/client', '@temporalio/worker'], message: 'Workflow code runs in a deterministic sandbox: do I/O in an activity.' },
            // core/cases.ts and the capabilities' core modules are plain data and pure functions
            // (allowed decisions and their check), which workflows need as values.
            {
              group: ['../workers/*', '../api/*', '../core/*', '!../workers/activities/*', '!../core/cases.ts', '!../core/sellerVetting.ts', '!../core/listingScreening.ts', '!../core/contentScreening.ts', '!../core/sellerProbation.ts'],
              allowTypeImports: true,
              message: 'Workflows import only types from activities, and values only from the pure modules of core/.',
            },
          ],
        },
      ],
    },
  },
);
