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
import { createNativeActivities } from './activities';
import { NativeWorkerEnv } from './env';
import { flawfinderBinaryOf } from './flawfinderBinary';
import { cppcheckTool, flawfinderTool, locateTool } from './nativeTools';

const env = NativeWorkerEnv.parse(process.env);
const log = createLogger('worker-native');
const identity = `native@${hostname()}:${process.pid}`;

// Tools are installed by provisioning, never here: a worker without them refuses to start.
const toolEnv = {
  PATH: process.env['PATH'],
  FF_CPPCHECK_PATH: env.FF_CPPCHECK_PATH,
  FF_FLAWFINDER_PATH: env.FF_FLAWFINDER_PATH,
};
const [cppcheck, flawfinder] = await Promise.all([
  locateTool(cppcheckTool, toolEnv),
  locateTool(flawfinderTool, toolEnv),
]);
if (!cppcheck || !flawfinder) {
  const missing = [
    ...(cppcheck ? [] : ['cppcheck (FF_CPPCHECK_PATH)']),
    ...(flawfinder ? [] : ['flawfinder (FF_FLAWFINDER_PATH)']),
  ];
  log.error(
    `refusing to start: ${missing.join(' and ')} not installed or not answering --version; ` +
      'run `npm run provision -- native` (npm start does it), or set the variables to installed binaries',
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
  source: 'fuzzforge/worker/native',
  worker: identity,
  now: () => new Date(),
});

const worker = await startVerticalWorker({
  temporalAddress: env.TEMPORAL_ADDRESS,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue: taskQueueOf('native'),
  workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
  activities: createNativeActivities({
    emitter,
    cache,
    s3,
    bucket: env.S3_BUCKET,
    cppcheck,
    flawfinder: await flawfinderBinaryOf(flawfinder.path, flawfinder.version),
    log,
  }),
  maxConcurrentActivities: env.FF_WORKER_CONCURRENCY,
  identity,
  log,
});
log.info('C/C++ tools', { cppcheck, flawfinder });

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
