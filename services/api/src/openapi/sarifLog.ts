import { z } from 'zod';

/**
 * The outline of a SARIF 2.1.0 log, enough to tell one from another JSON answer. The full standard is
 * the OASIS schema (contracts/sarif), which the SARIF tests validate against; it is not repeated here.
 */
export const SarifLog = z
  .looseObject({
    version: z.literal('2.1.0'),
    $schema: z.string().optional(),
    runs: z.array(
      z.looseObject({
        tool: z.looseObject({ driver: z.looseObject({ name: z.string() }) }),
        results: z.array(z.looseObject({})).optional(),
      }),
    ),
  })
  .describe('A SARIF 2.1.0 log (OASIS); one run per tool of the workflow.');
