import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstream } from '@nats-io/jetstream';
import { taskQueueOf } from '@fuzzforge/contracts';
import { createLogger } from '@fuzzforge/observability';
import { connectNats, createS3, s3SettingsOf } from '@fuzzforge/platform';
import {
  createRunEventEmitter,
  createTargetCache,
  s3TargetDownloader,
  startVerticalWorker,
} from '@fuzzforge/worker-runtime';
import { createGoActivities } from './activities';
import { GoWorkerEnv } from './env';
import { locateGoTools } from './goTools';
import { gosecBinaryOf } from './provisionGosec';

const env = GoWorkerEnv.parse(process.env);
const log = createLogger('worker-go');
const identity = `go@${hostname()}:${process.pid}`;

// Tools are installed by provisioning, never here: a worker without them refuses to start.
const located = await locateGoTools(
  env.FF_GOSEC_PATH ?? gosecBinaryOf(resolve(env.FF_STACK_DIR)),
  env.FF_GO_BINARY,
);
if (!located.ok) {
  log.error(
    `refusing to start: ${located.missing.join(' and ')} not installed or not answering; ` +
      'run `npm run provision -- go` (npm start does it), or set the variables to installed binaries',
  );
  process.exit(1);
}

const nc = await connectNats(env.NATS_URL, identity);
const s3 = createS3(s3SettingsOf(env));
const cache = createTargetCache({
  dir: resolve(env.FF_WORKER_CACHE_DIR),
  maxBytes: env.FF_CACHE_MAX_BYTES,
  download: s3TargetDownloader(s3, env.S3_BUCKET),
  extractLimits: { maxEntries: env.FF_EXTRACT_MAX_ENTRIES, maxBytes: env.FF_EXTRACT_MAX_BYTES },
});
const emitter = createRunEventEmitter({
  js: jetstream(nc),
  source: 'fuzzforge/worker/go',
  worker: identity,
  now: () => new Date(),
});

const worker = await startVerticalWorker({
  temporalAddress: env.TEMPORAL_ADDRESS,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue: taskQueueOf('go'),
  workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
  activities: createGoActivities({ emitter, cache, s3, bucket: env.S3_BUCKET, gosec: located.tools, log }),
  maxConcurrentActivities: env.FF_WORKER_CONCURRENCY,
  identity,
  log,
});
log.info('go tools', { ...located.tools });

const shutdown = async (signal: string): Promise<void> => {
  log.info('shutting down', { signal });
  await worker.shutdown();
  await nc.drain();
  s3.destroy();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
await worker.done;
