import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { Connection } from '@temporalio/client';
import { sql, type Kysely } from 'kysely';
import type { Database } from '@fuzzforge/platform';
import type { ReadinessCheck } from './readiness';

export interface Dependencies {
  jsm: JetStreamManager;
  db: Kysely<Database>;
  s3: S3Client;
  bucket: string;
  temporal: Connection;
}

/** One real round trip to each dependency the API needs to accept work. */
export function dependencyChecks(d: Dependencies): ReadinessCheck[] {
  return [
    { name: 'nats', check: async () => void (await d.jsm.getAccountInfo()) },
    { name: 'postgres', check: async () => void (await sql`select 1`.execute(d.db)) },
    { name: 's3', check: async () => void (await d.s3.send(new HeadBucketCommand({ Bucket: d.bucket }))) },
    { name: 'temporal', check: async () => void (await d.temporal.workflowService.getSystemInfo({})) },
  ];
}
