import { z } from 'zod';
import { NatsEnv, S3Env, TemporalEnv } from '@fuzzforge/platform';

/** Configuration of the secrets worker, parsed once in main.ts. */
export const SecretsWorkerEnv = z.object({
  ...NatsEnv.shape,
  ...TemporalEnv.shape,
  ...S3Env.shape,
  /** Holds provisioned tools (gitleaks is built here on first start). */
  FF_STACK_DIR: z.string().default('.stack'),
  /** Use this gitleaks binary instead of provisioning one. */
  FF_GITLEAKS_PATH: z.string().optional(),
  /** Local target cache; survives restarts so a target is downloaded once. */
  FF_WORKER_CACHE_DIR: z.string().default('.stack/cache/secrets'),
  /** Upper bound of the cache on disk; least recently used targets not in use are evicted beyond it. */
  FF_WORKER_CACHE_MAX_BYTES: z.coerce
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
