import { z } from 'zod';

/** Configuration of the API process, parsed once from the environment in main.ts. */
export const ApiEnv = z.object({
  /** Where the HTTP server listens; loopback by default so a dev machine exposes nothing. */
  FF_API_HOST: z.string().default('127.0.0.1'),
  FF_API_PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  /** Largest accepted upload; bigger bodies get 413 before they fill the store. */
  FF_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024 * 1024),
  /** NATS servers (comma-separated) carrying the event streams. */
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  /** Temporal frontend, only probed by /readyz here. */
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  /** S3-compatible store holding targets and reports. */
  S3_ENDPOINT: z.string().url().default('http://127.0.0.1:8333'),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().default('fuzzforge'),
  S3_SECRET_ACCESS_KEY: z.string().default('fuzzforge-secret'),
  S3_BUCKET: z.string().default('fuzzforge'),
  /** Postgres holding the read models the projector maintains. */
  DATABASE_URL: z.string().default('postgres://fuzzforge:fuzzforge@127.0.0.1:5433/fuzzforge'),
});
export type ApiEnv = z.infer<typeof ApiEnv>;

export const parseApiEnv = (env: NodeJS.ProcessEnv): ApiEnv => ApiEnv.parse(env);
