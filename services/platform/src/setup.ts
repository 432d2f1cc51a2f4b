import { jetstreamManager } from '@nats-io/jetstream';
import { createDb } from './db/connect';
import type { StreamEnv } from './env';
import { migrateToLatest } from './db/migrations/index';
import { connectNats, ensureStreams } from './nats';
import { createS3, ensureBucket, type S3Settings } from './s3';

export interface PlatformSettings {
  natsUrl: string;
  databaseUrl: string;
  s3: S3Settings;
  bucket: string;
  streams: StreamEnv;
}

/** Creates streams, the bucket and the schema. Idempotent: `npm start` and the test setup run it every time. */
export async function preparePlatform(settings: PlatformSettings): Promise<void> {
  const nc = await connectNats(settings.natsUrl, 'fuzzforge-setup');
  const db = createDb(settings.databaseUrl, 2);
  const s3 = createS3(settings.s3);
  try {
    await ensureStreams(await jetstreamManager(nc), settings.streams);
    await ensureBucket(s3, settings.bucket);
    await migrateToLatest(db);
  } finally {
    await nc.close();
    await db.destroy();
    s3.destroy();
  }
}
