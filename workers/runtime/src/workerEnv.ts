import { z } from 'zod';
import { MetricsEnv, NatsEnv, S3Env, TemporalEnv } from '@fuzzforge/platform';
import { defaultExtractionLimits } from '@fuzzforge/platform/archive';

/**
 * Configuration every vertical worker shares; a vertical extends it with its tool variables and
 * its cache directory's default, and parses it once in its main.ts.
 */
export const VerticalWorkerEnv = z.object({
  ...NatsEnv.shape,
  ...TemporalEnv.shape,
  ...S3Env.shape,
  // FF_METRICS_PORT / _HOST / _PORT_FILE: where /metrics is served (services/platform/src/env.ts).
  ...MetricsEnv.shape,
  /** Local target cache; survives restarts so a target is downloaded once (each vertical defaults its own). */
  FF_WORKER_CACHE_DIR: z.string().min(1),
  /**
   * Upper bound of the cache on disk, which every worker process on the host using the same cache
   * directory shares; least recently used targets that no live process uses are evicted beyond it.
   */
  FF_CACHE_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 ** 3),
  /** Archive extraction limits: a zip bomb stops here (the API refuses such uploads with the same defaults). */
  FF_EXTRACT_MAX_ENTRIES: z.coerce.number().int().positive().default(defaultExtractionLimits.maxEntries),
  FF_EXTRACT_MAX_BYTES: z.coerce.number().int().positive().default(defaultExtractionLimits.maxBytes),
  /** Scans run at once by this worker process. */
  FF_WORKER_CONCURRENCY: z.coerce.number().int().positive().default(2),
});
export type VerticalWorkerEnv = z.infer<typeof VerticalWorkerEnv>;
