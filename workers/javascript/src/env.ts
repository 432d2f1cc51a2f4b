import { z } from 'zod';
import { NatsEnv, S3Env, TemporalEnv } from '@fuzzforge/platform';

/** Configuration of the javascript worker, parsed once in main.ts. */
export const JavascriptWorkerEnv = z.object({
  ...NatsEnv.shape,
  ...TemporalEnv.shape,
  ...S3Env.shape,
  /** eslint (with eslint-plugin-security beside it); `npm run provision -- javascript` installs it. */
  FF_ESLINT_PATH: z.string().min(1).optional(),
  /** semgrep to run; provisioned into the python vertical's venv. */
  FF_SEMGREP_PATH: z.string().min(1).optional(),
  /** Local target cache; survives restarts so a target is downloaded once. */
  FF_WORKER_CACHE_DIR: z.string().default('.stack/cache/javascript'),
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
  /** Scans run at once by this worker process (semgrep uses two cores per scan). */
  FF_WORKER_CONCURRENCY: z.coerce.number().int().positive().default(2),
});
export type JavascriptWorkerEnv = z.infer<typeof JavascriptWorkerEnv>;
