import { z } from 'zod';
import { NatsEnv, S3Env, TemporalEnv } from '@fuzzforge/platform';

/** Configuration of the native (C/C++) worker, parsed once in main.ts. */
export const NativeWorkerEnv = z.object({
  ...NatsEnv.shape,
  ...TemporalEnv.shape,
  ...S3Env.shape,
  /** Use this cppcheck instead of the one on PATH (provisioning sets it). */
  FF_CPPCHECK_PATH: z.string().min(1).optional(),
  /** Use this flawfinder instead of the one on PATH (provisioning sets it; may be our PyPI venv's). */
  FF_FLAWFINDER_PATH: z.string().min(1).optional(),
  /** Local target cache; survives restarts so a target is downloaded once. */
  FF_WORKER_CACHE_DIR: z.string().default('.stack/cache/native'),
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
  /** Scans run at once by this worker process (cppcheck is CPU-bound: keep it near the core count). */
  FF_WORKER_CONCURRENCY: z.coerce.number().int().positive().default(2),
});
export type NativeWorkerEnv = z.infer<typeof NativeWorkerEnv>;
