import { afterAll, beforeAll } from 'vitest';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Kysely } from 'kysely';
import { connectNats, createDb, createS3, type Database } from '@fuzzforge/platform';

export interface Clients {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  db: Kysely<Database>;
  s3: S3Client;
  bucket: string;
  close(): Promise<void>;
}

/** Real clients of the test stack, from the environment the services run with. */
export async function connectClients(env: Record<string, string>): Promise<Clients> {
  const nc = await connectNats(env['NATS_URL']!, 'fuzzforge-tests');
  const db = createDb(env['DATABASE_URL']!, 4);
  const s3 = createS3({
    endpoint: env['S3_ENDPOINT']!,
    region: env['S3_REGION']!,
    accessKeyId: env['S3_ACCESS_KEY_ID']!,
    secretAccessKey: env['S3_SECRET_ACCESS_KEY']!,
  });
  return {
    nc,
    js: jetstream(nc),
    jsm: await jetstreamManager(nc),
    db,
    s3,
    bucket: env['S3_BUCKET']!,
    async close() {
      await nc.close();
      await db.destroy();
      s3.destroy();
    },
  };
}

/** Real clients for the tests of one file, connected before and closed after them. */
export function useClients(env: Record<string, string>): () => Clients {
  let clients: Clients | undefined;
  beforeAll(async () => {
    clients = await connectClients(env);
  });
  afterAll(async () => {
    await clients?.close();
  });
  return () => {
    if (!clients) throw new Error('clients are only available inside tests');
    return clients;
  };
}
