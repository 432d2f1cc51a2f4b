import type { S3Client } from '@aws-sdk/client-s3';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import type { RateLimit, WorkflowCatalogEntry } from '@fuzzforge/contracts';
import type { Logger, PlatformMetrics } from '@fuzzforge/observability';
import type { Database, SecretBox } from '@fuzzforge/platform';
import type { ArchiveLimits } from './domain/archiveLimits';
import type { ReadinessCheck } from './domain/readiness';

/** Everything the API's handlers need, built once in main.ts and passed in. */
export interface ApiDeps {
  db: Kysely<Database>;
  js: JetStreamClient;
  jsm: JetStreamManager;
  s3: S3Client;
  bucket: string;
  catalog: readonly WorkflowCatalogEntry[];
  maxUploadBytes: number;
  /** What an uploaded archive may expand to; the workers' extraction limits when absent. */
  archiveLimits?: ArchiveLimits;
  /** Where zip uploads wait to be inspected; the OS temp dir when absent. */
  uploadTempDir?: string | undefined;
  /** Bound of JSON request bodies (run requests, admin actions); default 1 MiB. */
  maxJsonBytes?: number;
  readinessChecks: ReadinessCheck[];
  /** Seals webhook signing secrets before they are stored. */
  webhookSecrets: SecretBox;
  now: () => Date;
  newId: () => string;
  log: Logger;
  /** The token bucket of keys without their own limit; default 50 requests/s, bursts of 200. */
  rateLimit?: RateLimit;
  /** Request counts and durations go here; in-process route tests leave it out. */
  metrics?: PlatformMetrics;
}
