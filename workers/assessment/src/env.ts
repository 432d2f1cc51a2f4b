import { z } from 'zod';
import { VerticalWorkerEnv } from '@fuzzforge/worker-runtime';

/** Configuration of the assessment worker, parsed once in main.ts. */
export const AssessmentWorkerEnv = VerticalWorkerEnv.extend({
  FF_WORKER_CACHE_DIR: z.string().default('.stack/cache/assessment'),
  /** Entries of a target looked at to detect its languages: a huge tree is decided on a prefix. */
  FF_ASSESSMENT_MAX_ENTRIES: z.coerce.number().int().positive().default(200_000),
  /** Detections and merges at once (light work: the children's scans run on the other workers). */
  FF_WORKER_CONCURRENCY: z.coerce.number().int().positive().default(4),
});
export type AssessmentWorkerEnv = z.infer<typeof AssessmentWorkerEnv>;
