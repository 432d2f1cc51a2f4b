import { z } from 'zod';

/** Environment every process that talks to the event streams reads. */
export const NatsEnv = z.object({
  /** NATS servers (comma-separated) carrying the event streams. */
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
