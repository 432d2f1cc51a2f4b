import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { serve } from '@hono/node-server';
import { Connection } from '@temporalio/client';
import { ulid } from 'ulid';
import { workflowCatalog } from '@fuzzforge/catalog';
import { createLogger } from '@fuzzforge/observability';
import { connectNats, createDb, createS3, retryUntilReady, s3SettingsOf } from '@fuzzforge/platform';
import { createApp } from './app';
import { dependencyChecks } from './domain/dependencyChecks';
import { parseApiEnv } from './env';
import { isLoopbackHost } from './middleware/adminOnly';

const env = parseApiEnv(process.env);
const log = createLogger('api');

const nc = await connectNats(env.NATS_URL, 'fuzzforge-api');
const db = createDb(env.DATABASE_URL);
const s3 = createS3(s3SettingsOf(env));
// Lazy: the API serves uploads and reads even while Temporal restarts; only /readyz needs it.
const temporal = Connection.lazy({ address: env.TEMPORAL_ADDRESS });
const jsm = await retryUntilReady('jetstream', () => jetstreamManager(nc), log);
const admin = { token: env.FF_ADMIN_TOKEN, openWithoutToken: isLoopbackHost(env.FF_API_HOST) };

const app = createApp({
  db,
  js: jetstream(nc),
  jsm,
  s3,
  bucket: env.S3_BUCKET,
  catalog: workflowCatalog,
  maxUploadBytes: env.FF_MAX_UPLOAD_BYTES,
  maxJsonBytes: env.FF_MAX_JSON_BYTES,
  now: () => new Date(),
  newId: ulid,
  log,
  readinessChecks: dependencyChecks({ jsm, db, s3, bucket: env.S3_BUCKET, temporal }),
  admin,
});

const server = serve({ fetch: app.fetch, hostname: env.FF_API_HOST, port: env.FF_API_PORT }, (info) => {
  const adminAccess = admin.token ? 'token' : admin.openWithoutToken ? 'open (loopback)' : 'closed';
  log.info('api listening', { url: `http://${info.address}:${info.port}`, adminAccess });
});

const shutdown = async (signal: string): Promise<void> => {
  log.info('shutting down', { signal });
  server.close();
  await Promise.allSettled([nc.drain(), db.destroy(), temporal.close()]);
  s3.destroy();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
