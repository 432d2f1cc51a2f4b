import { z } from 'zod';
import { parseSecretKeys } from './webhookSecrets/secretKeys';

/** Environment every process that talks to the event streams reads. */
export const NatsEnv = z.object({
  /**
   * NATS servers (comma-separated) carrying the event streams, with the platform user's credentials
   * when the server requires them: `nats://user:password@host:port` (percent-encoded).
   */
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
});

/** Environment of processes that talk to Temporal. */
export const TemporalEnv = z.object({
  /** Temporal frontend (host:port). */
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
});

/** Environment of processes that read or write targets and reports. */
export const S3Env = z.object({
  /** Any S3-compatible store; SeaweedFS locally. */
  S3_ENDPOINT: z.string().url().default('http://127.0.0.1:8333'),
  /** Signing region; S3-compatible stores accept any, SDKs insist on one. */
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().default('fuzzforge'),
  S3_SECRET_ACCESS_KEY: z.string().default('fuzzforge-secret'),
  /** Bucket holding targets/<sha256> and results/<runId>/. */
  S3_BUCKET: z.string().default('fuzzforge'),
});
export type S3Env = z.infer<typeof S3Env>;

/** Environment of processes that use the read-model database. */
export const DatabaseEnv = z.object({
  /** Postgres holding the read models the projector maintains. */
  DATABASE_URL: z.string().default('postgres://fuzzforge:fuzzforge@127.0.0.1:5433/fuzzforge'),
});

/** S3 client settings from the S3 environment variables. */
export const s3SettingsOf = (env: S3Env) => ({
  endpoint: env.S3_ENDPOINT,
  region: env.S3_REGION,
  accessKeyId: env.S3_ACCESS_KEY_ID,
  secretAccessKey: env.S3_SECRET_ACCESS_KEY,
});

/**
 * Retention of the event streams. Read models can only be rebuilt from what the streams keep, so the
 * defaults keep every event; bound them here when disk matters more than rebuilds.
 */
export const StreamEnv = z.object({
  /** Days an event is kept in FF_TARGETS, FF_RUNS and FF_RUN_EVENTS; 0 keeps it forever. */
  FF_EVENTS_MAX_AGE_DAYS: z.coerce.number().min(0).default(0),
  /** Bytes each event stream may hold; -1 is unbounded. */
  FF_EVENTS_MAX_BYTES: z.coerce.number().int().min(-1).default(-1),
  /**
   * What a full event stream does: `new` refuses new events (the API answers 503, history is kept),
   * `old` drops the oldest events (history is lost).
   */
  FF_EVENTS_DISCARD: z.enum(['new', 'old']).default('new'),
  /** Days a dead letter is kept in FF_DLQ. */
  FF_DLQ_MAX_AGE_DAYS: z.coerce.number().min(0).default(30),
  /** Window in which JetStream drops a republished event id; the projector's ledger dedups beyond it. */
  FF_DUPLICATE_WINDOW_SECONDS: z.coerce.number().int().positive().default(3600),
});
export type StreamEnv = z.infer<typeof StreamEnv>;

/**
 * Where a process serves its Prometheus `/metrics`. Every platform process merges this into its own
 * schema; `startProcessMetrics` (metricsEndpoint.ts) reads it.
 */
export const MetricsEnv = z.object({
  /**
   * Port of `/metrics`. Unset: the process's fixed port from `metricsPortPlan` (what
   * deploy/observability's Prometheus scrapes); 0 picks a free port (tests run several platforms at once).
   */
  FF_METRICS_PORT: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int().min(0).max(65535).optional(),
  ),
  /** Loopback by default; 0.0.0.0 when Prometheus runs in a container and reaches the host's gateway. */
  FF_METRICS_HOST: z.string().default('127.0.0.1'),
  /**
   * When set, the bound port (and this pid) is written there once listening, atomically: how a test or
   * tool finds a port chosen with FF_METRICS_PORT=0.
   */
  FF_METRICS_PORT_FILE: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
});
export type MetricsEnv = z.infer<typeof MetricsEnv>;

/** Environment of the processes that write or read webhook signing secrets: the API and the webhooks service. */
export const WebhookSecretsEnv = z.object({
  /**
   * Keys sealing webhook signing secrets in Postgres: `id:base64key` (32 bytes), comma-separated; the
   * first seals, the others only open (rotate by putting a new key first: the webhooks service reseals
   * every secret with it at start, then drop the old one). `npm start` generates one into
   * .stack/<profile>/webhook-secret-keys; `node -e "console.log('k1:'+crypto.randomBytes(32).toString('base64'))"`
   * makes one by hand.
   */
  FF_WEBHOOK_SECRET_KEYS: z
    .string({ error: 'is required: the keys that seal webhook secrets at rest (id:base64 of 32 bytes)' })
    .transform((raw, ctx) => {
      try {
        return parseSecretKeys(raw);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
});
export type WebhookSecretsEnv = z.infer<typeof WebhookSecretsEnv>;
