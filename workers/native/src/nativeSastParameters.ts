import { z } from 'zod';

/** Parameters of the `native-sast` workflow; the API validates requests against their JSON Schema. */
export const NativeSastParameters = z
  .object({
    flawfinderMinLevel: z
      .number()
      .int()
      .min(0)
      .max(5)
      .default(1)
      .describe('flawfinder hits below this risk level (0 = no risk … 5 = highest) are dropped.'),
    cppcheckInconclusive: z
      .boolean()
      .default(false)
      .describe('Also report what cppcheck is not sure of (more findings, more false positives).'),
    timeoutSeconds: z
      .number()
      .int()
      .min(10)
      .max(3600)
      .default(900)
      .describe(
        'Upper bound of the cppcheck and flawfinder runs together; the process group is killed after it.',
      ),
  })
  .strict();
export type NativeSastParameters = z.infer<typeof NativeSastParameters>;
