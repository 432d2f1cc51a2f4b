import { z } from 'zod';

/** Parameters of the `go-sast` workflow; the API validates requests against their JSON Schema. */
export const GoSastParameters = z
  .object({
    includeTests: z.boolean().default(false).describe('Also scan `_test.go` files.'),
    excludeRules: z
      .array(z.string().regex(/^G\d{3}$/))
      .max(100)
      .default([])
      .describe('gosec rules not to run, e.g. ["G104"].'),
    timeoutSeconds: z
      .number()
      .int()
      .min(10)
      .max(3600)
      .default(900)
      .describe('Upper bound of the gosec run; the process group is killed after it.'),
  })
  .strict();
export type GoSastParameters = z.infer<typeof GoSastParameters>;
