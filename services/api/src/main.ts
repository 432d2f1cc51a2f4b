import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { serve } from '@hono/node-server';
import { Connection } from '@temporalio/client';
import { ulid } from 'ulid';
import { workflowCatalog } from '@fuzzforge/catalog';
import { createLogger, shutdownTracing } from '@fuzzforge/observability';
import {
  connectNats,
  createDb,
  createS3,
  createSecretBox,
  parseProcessEnv,
  retryUntilReady,
  s3SettingsOf,
  startProcessMetrics,
} from '@fuzzforge/platform';
import { createApp } from './app';
import { dependencyChecks } from './domain/dependencyChecks';
import { ApiEnv } from './env';
import { bootstrapAdminKey } from './domain/apiKeys';
import { pruneRequestAudit } from './domain/requestAudit';

const env = parseProcessEnv(ApiEnv, process.env, 'api');
const log = createLogger('api');
const metrics = await startProcessMetrics('api', env, log);

const nc = await connectNats(env.NATS_URL, 'fuzzforge-api');
const db = createDb(env.DATABASE_URL);
const s3 = createS3(s3SettingsOf(env));
// Lazy: the API serves uploads and reads even while Temporal restarts; only /readyz needs it.
const temporal = Connection.lazy({ address: env.TEMPORAL_ADDRESS });
const jsm = await retryUntilReady('jetstream', () => jetstreamManager(nc), log);

if (env.FF_BOOTSTRAP_ADMIN_KEY) {
  const key = env.FF_BOOTSTRAP_ADMIN_KEY;
  const outcome = await retryUntilReady(
    'bootstrap admin key',
    () => bootstrapAdminKey(db, key, new Date()),
    log,
  );
  if (outcome === 'ignored') {
    log.warn('FF_BOOTSTRAP_ADMIN_KEY ignored: API keys already exist; manage them with /v1/admin/keys');
  } else {
    log.info('bootstrap admin key', { outcome });
  }
} else {
  log.warn('FF_BOOTSTRAP_ADMIN_KEY is unset: without an existing admin key nobody can use the API');
}

const app = createApp({
  db,
  js: jetstream(nc),
  jsm,
  s3,
  bucket: env.S3_BUCKET,
  catalog: workflowCatalog,
  maxUploadBytes: env.FF_MAX_UPLOAD_BYTES,
  archiveLimits: {
    maxEntries: env.FF_EXTRACT_MAX_ENTRIES,
    maxBytes: env.FF_EXTRACT_MAX_BYTES,
    maxCompressionRatio: env.FF_UPLOAD_MAX_COMPRESSION_RATIO,
    ratioExemptBytes: env.FF_UPLOAD_RATIO_EXEMPT_BYTES,
  },
  uploadTempDir: env.FF_UPLOAD_TEMP_DIR,
  maxJsonBytes: env.FF_MAX_JSON_BYTES,
  now: () => new Date(),
  newId: ulid,
  log,
  readinessChecks: dependencyChecks({ jsm, db, s3, bucket: env.S3_BUCKET, temporal }),
  webhookSecrets: createSecretBox(env.FF_WEBHOOK_SECRET_KEYS),
  rateLimit: { perSecond: env.FF_RATE_LIMIT_PER_SECOND, burst: env.FF_RATE_LIMIT_BURST },
  metrics: metrics.metrics,
});

// The audit trail would otherwise only grow: forget what is older than the retention, hourly.
const retentionMs = env.FF_REQUEST_AUDIT_RETENTION_DAYS * 24 * 3600 * 1000;
const pruneAudit = async (): Promise<void> => {
  try {
    const pruned = await pruneRequestAudit(db, new Date(Date.now() - retentionMs));
    if (pruned > 0) log.info('request audit pruned', { pruned });
  } catch (err) {
    log.warn('request audit not pruned', { err });
  }
};
const pruneTimer = retentionMs > 0 ? setInterval(() => void pruneAudit(), 3600_000) : undefined;
pruneTimer?.unref();
if (retentionMs > 0) void pruneAudit();

const server = serve({ fetch: app.fetch, hostname: env.FF_API_HOST, port: env.FF_API_PORT }, (info) => {
  log.info('api listening', { url: `http://${info.address}:${info.port}` });
});

const shutdown = async (signal: string): Promise<void> => {
  log.info('shutting down', { signal });
  server.close();
  await Promise.allSettled([nc.drain(), db.destroy(), temporal.close(), metrics.close()]);
  s3.destroy();
  // Spans still buffered would be lost by process.exit.
  await shutdownTracing();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
