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
      // A workflow promise nobody awaits or catches fails silently (the SDK sees an unhandled
      // rejection, at best a stuck workflow task): `void` is no way out here.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Workflow code runs in a deterministic sandbox: do I/O in an activity.' },
            { group: ['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'pg', '@prisma/*', 'pino', '@temporalio/client', '@temporalio/worker'], message: 'Workflow code runs in a deterministic sandbox: do I/O in an activity.' },
            // Activities and everything else under workers/ do I/O: a value import would bundle
            // them into the sandbox. proxyActivities<T>() needs only their type, erased at build.
            {
              group: ['**/workers', '**/workers/**'],
              allowTypeImports: true,
              message: 'Workflows import activities with `import type` only; call them through proxyActivities.',
            },
            // core/cases.ts and the capabilities' core modules are plain data and pure functions
            // (allowed decisions and their check), which workflows need as values.
            {
              group: ['**/api/**', '**/core/*', '!**/core/cases.ts', '!**/core/sellerVetting.ts', '!**/core/listingScreening.ts', '!**/core/contentScreening.ts', '!**/core/sellerProbation.ts', '!**/core/authenticityCheck.ts', '!**/core/appeal.ts'],
              allowTypeImports: true,
              message: 'Workflows import no values from api/, and from core/ only its pure modules.',
            },
          ],
        },
      ],
    },
  },
);
