import { z } from 'zod';
import { DatabaseEnv, NatsEnv, S3Env, TemporalEnv } from '@fuzzforge/platform';

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
  /** Largest JSON request body (run requests, admin actions); bigger ones get 413 before parsing. */
  FF_MAX_JSON_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  /**
   * Bearer token the admin routes (/v1/admin: dead letters, consumers) require. Unset, they are open on a
   * loopback-bound API and closed on any other; the API-key issue replaces this with an admin scope.
   */
  FF_ADMIN_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
  // Temporal is only probed by /readyz here.
  ...NatsEnv.shape,
  ...TemporalEnv.shape,
  ...S3Env.shape,
  ...DatabaseEnv.shape,
});
export type ApiEnv = z.infer<typeof ApiEnv>;

export const parseApiEnv = (env: NodeJS.ProcessEnv): ApiEnv => ApiEnv.parse(env);
