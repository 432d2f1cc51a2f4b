import { z } from 'zod';

/** Parameters of the `python-sast` workflow; the API validates requests against their JSON Schema. */
export const PythonSastParameters = z
  .object({
    minConfidence: z
      .enum(['low', 'medium', 'high'])
      .default('low')
      .describe('bandit reports only issues it is at least this confident of.'),
    respectInlineSuppressions: z
      .boolean()
      .default(false)
      .describe(
        "Honour the target's own `# nosec` and `# nosemgrep` comments. Off by default: the code under scan must not hide its own findings.",
      ),
    timeoutSeconds: z
      .number()
      .int()
      .min(10)
      .max(3600)
      .default(600)
      .describe('Upper bound of bandit and semgrep together; the process group is killed after it.'),
  })
  .strict();
export type PythonSastParameters = z.infer<typeof PythonSastParameters>;
