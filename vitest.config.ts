import { defineConfig } from 'vitest/config';

const exclude = ['**/node_modules/**', '.stack/**'];

// The chaos suite starts a platform of its own and runs for minutes: it joins the projects only when
// asked for by name (`npm run test:chaos`, i.e. `vitest run --project chaos`), never in `npm test`.
const chaosRequested = process.argv.some(
  (arg, i, all) => arg === '--project=chaos' || (arg === '--project' && all[i + 1] === 'chaos'),
);

export default defineConfig({
  test: {
    projects: [
      {
        // Unit tests never touch the network, but some start small processes (stand-in tools, lock
        // holders): in `npm test` they share two cores with the stack's start-up and provisioning
        // builds, so the default 5 s is a load test, not a correctness bound.
        test: { name: 'unit', include: ['**/*.unit.spec.ts'], exclude, testTimeout: 30_000 },
      },
      {
        test: {
          name: 'int',
          include: ['**/*.int.spec.ts'],
          exclude,
          globalSetup: ['tests/setup/stackSetup.ts'],
          setupFiles: ['tests/setup/apiKey.ts'],
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
          setupFiles: ['tests/setup/apiKey.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      ...(chaosRequested
        ? [
            {
              test: {
                name: 'chaos',
                include: ['tests/chaos/**/*.chaos.spec.ts'],
                exclude,
                testTimeout: 540_000,
                hookTimeout: 240_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
