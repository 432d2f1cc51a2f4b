import { z } from 'zod';

/** Configuration of the secrets worker, parsed once in main.ts. */
export const SecretsWorkerEnv = z.object({
  /** NATS servers (comma-separated) that receive run events. */
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  /** Temporal frontend to poll for work on task queue ff-secrets. */
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  /** S3-compatible store holding targets (read) and reports (written). */
  S3_ENDPOINT: z.string().url().default('http://127.0.0.1:8333'),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().default('fuzzforge'),
  S3_SECRET_ACCESS_KEY: z.string().default('fuzzforge-secret'),
  S3_BUCKET: z.string().default('fuzzforge'),
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
