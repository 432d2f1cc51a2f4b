import { z } from 'zod';
import { DatabaseEnv, MetricsEnv, NatsEnv, S3Env, TemporalEnv, WebhookSecretsEnv } from '@fuzzforge/platform';
import { defaultArchiveLimits } from './domain/archiveLimits';

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
  /**
   * Archive limits applied at upload, under the workers' names and with their defaults, so an archive
   * the API accepts is one a worker will extract; beyond them the upload gets 422 unsafe-archive.
   */
  FF_EXTRACT_MAX_ENTRIES: z.coerce.number().int().positive().default(defaultArchiveLimits.maxEntries),
  FF_EXTRACT_MAX_BYTES: z.coerce.number().int().positive().default(defaultArchiveLimits.maxBytes),
  /** Most bytes a compressed upload may expand to per byte sent: a zip or gzip bomb is refused at upload. */
  FF_UPLOAD_MAX_COMPRESSION_RATIO: z.coerce
    .number()
    .positive()
    .default(defaultArchiveLimits.maxCompressionRatio),
  /** Expansions up to this many bytes are never refused for their ratio: small archives compress well. */
  FF_UPLOAD_RATIO_EXEMPT_BYTES: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(defaultArchiveLimits.ratioExemptBytes),
  /** Where zip uploads wait while their central directory is read (up to FF_MAX_UPLOAD_BYTES each); OS temp dir if unset. */
  FF_UPLOAD_TEMP_DIR: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  /** Largest JSON request body (run requests, admin actions); bigger ones get 413 before parsing. */
  FF_MAX_JSON_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  /**
   * The first admin API key, installed while no key exists yet (first start); ignored once keys exist.
   * `npm start` generates one into .stack/<profile>/bootstrap-admin-key when unset.
   */
  FF_BOOTSTRAP_ADMIN_KEY: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .min(24, 'must be at least 24 characters')
      .max(512)
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
      .optional(),
  ),
  /** How long the per-request audit trail (ff_admin.request_audit) is kept; 0 keeps it forever. */
  FF_REQUEST_AUDIT_RETENTION_DAYS: z.coerce.number().min(0).default(90),
  /** Sustained requests per second per API key (keys may carry their own limit). */
  FF_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(50),
  /** Requests a key may send at once after a quiet spell: its token bucket's size. */
  FF_RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(200),
  // Temporal is only probed by /readyz here.
  ...NatsEnv.shape,
  ...TemporalEnv.shape,
  ...S3Env.shape,
  ...DatabaseEnv.shape,
  // FF_WEBHOOK_SECRET_KEYS: seals the secrets of webhooks created or rotated (services/platform/src/env.ts).
  ...WebhookSecretsEnv.shape,
  // FF_METRICS_PORT / _HOST / _PORT_FILE: where /metrics is served (services/platform/src/env.ts).
  ...MetricsEnv.shape,
});
export type ApiEnv = z.infer<typeof ApiEnv>;

export const parseApiEnv = (env: NodeJS.ProcessEnv): ApiEnv => ApiEnv.parse(env);
