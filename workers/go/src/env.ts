import { z } from 'zod';
import { NatsEnv, S3Env, TemporalEnv } from '@fuzzforge/platform';

/** Configuration of the go worker, parsed once in main.ts. */
export const GoWorkerEnv = z.object({
  ...NatsEnv.shape,
  ...TemporalEnv.shape,
  ...S3Env.shape,
  /** Where provisioning built gosec when FF_GOSEC_PATH is not set (`<stack>/tools/gosec-<version>`). */
  FF_STACK_DIR: z.string().default('.stack'),
  /** Use this gosec binary (provisioning sets it). */
  FF_GOSEC_PATH: z.string().min(1).optional(),
  /** The go command gosec loads packages with; default: `go` on PATH. */
  FF_GO_BINARY: z.string().min(1).optional(),
  /** Local target cache; survives restarts so a target is downloaded once. */
  FF_WORKER_CACHE_DIR: z.string().default('.stack/cache/go'),
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
  /** Scans run at once by this worker process (gosec type-checks on every core: keep it low). */
  FF_WORKER_CONCURRENCY: z.coerce.number().int().positive().default(2),
});
export type GoWorkerEnv = z.infer<typeof GoWorkerEnv>;
