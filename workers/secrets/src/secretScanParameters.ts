import { z } from 'zod';

/** Parameters of the `secret-scan` workflow; the API validates requests against their JSON Schema. */
export const SecretScanParameters = z
  .object({
    redact: z
      .boolean()
      .default(true)
      .describe('Replace secret values by REDACTED in findings and the SARIF report.'),
    maxFileSizeMegabytes: z
      .number()
      .int()
      .min(1)
      .max(1024)
      .default(25)
      .describe('Files larger than this are skipped.'),
    timeoutSeconds: z
      .number()
      .int()
      .min(10)
      .max(3600)
      .default(600)
      .describe('Upper bound of the gitleaks run; the process group is killed after it.'),
  })
  .strict();
export type SecretScanParameters = z.infer<typeof SecretScanParameters>;
