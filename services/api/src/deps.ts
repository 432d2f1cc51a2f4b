import type { S3Client } from '@aws-sdk/client-s3';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import type { WorkflowCatalogEntry } from '@fuzzforge/contracts';
import type { Logger } from '@fuzzforge/observability';
import type { Database } from '@fuzzforge/platform';
import type { ReadinessCheck } from './domain/readiness';
import type { AdminOnlyOptions } from './middleware/adminOnly';

/** Everything the API's handlers need, built once in main.ts and passed in. */
export interface ApiDeps {
  db: Kysely<Database>;
  js: JetStreamClient;
  jsm: JetStreamManager;
  s3: S3Client;
  bucket: string;
  catalog: readonly WorkflowCatalogEntry[];
  maxUploadBytes: number;
  /** Bound of JSON request bodies (run requests, admin actions); default 1 MiB. */
  maxJsonBytes?: number;
  readinessChecks: ReadinessCheck[];
  now: () => Date;
  newId: () => string;
  log: Logger;
  /** Who may use /v1/admin; absent means nobody (main.ts derives it from FF_ADMIN_TOKEN and the host). */
  admin?: AdminOnlyOptions;
}
