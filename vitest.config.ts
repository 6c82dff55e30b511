import { defineConfig } from 'vitest/config';

// Two projects: unit tests sit beside the code and need no server; integration tests live in
// integration/ and share one PostgreSQL database and one Temporal server started by globalSetup.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{core,api,workers,workflows,admin-ui,prisma,fixtures,scripts}/**/*.test.{ts,tsx}'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['integration/support/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file runs its own worker on its own task queue; two at a time fit 2 cores.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
