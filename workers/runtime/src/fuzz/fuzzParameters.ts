import { z } from 'zod';

/** Parameters every fuzzing workflow takes; the API validates requests against their JSON Schema. */
export const FuzzParameters = z
  .object({
    harness: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('The harness to fuzz, by the name discovery gives it; default: the first one found.'),
    durationSeconds: z
      .number()
      .int()
      .min(5)
      .max(86_400)
      .default(600)
      .describe(
        'Wall-clock budget of fuzzing and crash triage; building the harness, seeding and storing the corpus come on top.',
      ),
    maxExecutions: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Stop after this many executions, whichever of the two budgets ends first.'),
    jobs: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(1)
      .describe('Parallel fuzzing processes (libFuzzer fork mode, AFL secondaries, go -parallel).'),
    inputTimeoutMs: z
      .number()
      .int()
      .min(100)
      .max(600_000)
      .default(5_000)
      .describe('An input running longer than this is a crash of type `timeout`.'),
    memoryMb: z
      .number()
      .int()
      .min(128)
      .max(65_536)
      .default(2_048)
      .describe('Per-process memory (RSS) limit; an input using more is a crash of type `out-of-memory`.'),
    stopAfterCrashes: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('Stop once this many distinct crashes were found; 0 fuzzes for the whole budget.'),
    minimize: z
      .boolean()
      .default(false)
      .describe('Minimize each new crash input before storing it (libFuzzer-based engines).'),
    seed: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1)
      .optional()
      .describe(
        'Seed of the random mutations (libFuzzer-based engines, AFL): the same seed, corpus and budget repeat a single-job campaign.',
      ),
    seedCorpus: z
      .boolean()
      .default(true)
      .describe("Start from the project's stored corpus for this harness (kept across runs)."),
  })
  .strict();
export type FuzzParameters = z.infer<typeof FuzzParameters>;
