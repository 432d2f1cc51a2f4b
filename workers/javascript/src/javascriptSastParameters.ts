import { z } from 'zod';

/** Parameters of the `javascript-sast` workflow; the API validates requests against their JSON Schema. */
export const JavascriptSastParameters = z
  .object({
    respectInlineSuppressions: z
      .boolean()
      .default(false)
      .describe(
        "Honour the target's own `eslint-disable` and `nosemgrep` comments. Off by default: the code under scan must not hide its own findings.",
      ),
    timeoutSeconds: z
      .number()
      .int()
      .min(10)
      .max(3600)
      .default(600)
      .describe('Upper bound of eslint and semgrep together; the process group is killed after it.'),
  })
  .strict();
export type JavascriptSastParameters = z.infer<typeof JavascriptSastParameters>;
