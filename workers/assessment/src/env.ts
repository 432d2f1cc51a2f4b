import { z } from 'zod';
import { NatsEnv, S3Env, TemporalEnv } from '@fuzzforge/platform';

/** Configuration of the assessment worker, parsed once in main.ts. */
export const AssessmentWorkerEnv = z.object({
  ...NatsEnv.shape,
  ...TemporalEnv.shape,
  ...S3Env.shape,
  /** Local target cache; survives restarts so a target is downloaded once. */
  FF_WORKER_CACHE_DIR: z.string().default('.stack/cache/assessment'),
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
  /** Entries of a target looked at to detect its languages: a huge tree is decided on a prefix. */
  FF_ASSESSMENT_MAX_ENTRIES: z.coerce.number().int().positive().default(200_000),
  /** Detections and merges at once (light work: the children's scans run on the other workers). */
  FF_WORKER_CONCURRENCY: z.coerce.number().int().positive().default(4),
});
export type AssessmentWorkerEnv = z.infer<typeof AssessmentWorkerEnv>;
