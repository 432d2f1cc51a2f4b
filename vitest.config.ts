import { defineConfig } from 'vitest/config';

const exclude = ['**/node_modules/**', '.stack/**'];

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['**/*.unit.spec.ts'], exclude },
      },
      {
        test: {
          name: 'int',
          include: ['**/*.int.spec.ts'],
          exclude,
          globalSetup: ['tests/setup/stackSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['**/*.e2e.spec.ts'],
          exclude,
          globalSetup: ['tests/setup/stackSetup.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
