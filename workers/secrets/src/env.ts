import { z } from 'zod';
import { NatsEnv, S3Env, TemporalEnv } from '@fuzzforge/platform';

/** Configuration of the secrets worker, parsed once in main.ts. */
export const SecretsWorkerEnv = z.object({
  ...NatsEnv.shape,
  ...TemporalEnv.shape,
  ...S3Env.shape,
  /** The gitleaks binary (`npm run provision -- secrets` installs it and prints the path). */
  FF_GITLEAKS_PATH: z.string().optional(),
  /** The detect-secrets console script (installed by the same provisioning). */
  FF_DETECT_SECRETS_PATH: z.string().optional(),
  /** Local target cache; survives restarts so a target is downloaded once. */
  FF_WORKER_CACHE_DIR: z.string().default('.stack/cache/secrets'),
  /**
   * Upper bound of the cache on disk, which every worker process on the host using the same cache
   * directory shares; least recently used targets that no live process uses are evicted beyond it.
   */
  FF_CACHE_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 ** 3),
  /** Archive extraction limits: a zip bomb stops here. */
  FF_EXTRACT_MAX_ENTRIES: z.coerce.number().int().positive().default(200_000),
  FF_EXTRACT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(4 * 1024 ** 3),
  /** Scans run at once by this worker process. */
  FF_WORKER_CONCURRENCY: z.coerce.number().int().positive().default(2),
});
export type SecretsWorkerEnv = z.infer<typeof SecretsWorkerEnv>;
