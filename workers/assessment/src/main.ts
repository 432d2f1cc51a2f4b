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
import { createAssessmentActivities } from './activities';
import { childCatalog } from './childWorkflows';
import { AssessmentWorkerEnv } from './env';

const env = AssessmentWorkerEnv.parse(process.env);
const log = createLogger('worker-assessment');
const identity = `assessment@${hostname()}:${process.pid}`;

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
  source: 'fuzzforge/worker/assessment',
  worker: identity,
  now: () => new Date(),
});

const worker = await startVerticalWorker({
  temporalAddress: env.TEMPORAL_ADDRESS,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue: taskQueueOf('assessment'),
  workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
  activities: createAssessmentActivities({
    emitter,
    cache,
    s3,
    bucket: env.S3_BUCKET,
    log,
    children: childCatalog,
    maxEntries: env.FF_ASSESSMENT_MAX_ENTRIES,
  }),
  maxConcurrentActivities: env.FF_WORKER_CONCURRENCY,
  identity,
  log,
});

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
