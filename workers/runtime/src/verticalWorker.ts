import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { S3Client } from '@aws-sdk/client-s3';
import { jetstream } from '@nats-io/jetstream';
import { taskQueueOf } from '@fuzzforge/contracts';
import { createLogger, shutdownTracing, type Logger } from '@fuzzforge/observability';
import { connectNats, createS3, s3SettingsOf, startProcessMetrics } from '@fuzzforge/platform';
import { createRunEventEmitter, type RunEventEmitter } from './runEventEmitter';
import { s3TargetDownloader } from './s3Download';
import { createTargetCache, type TargetCache } from './targetCache';
import { startVerticalWorker, type WorkerBootstrapOptions } from './workerBootstrap';
import { createWorkerMetrics, withFuzzMetrics, type WorkerMetrics } from './workerMetrics';
import { provisionCommandOf, refusalOf, type ToolLocator } from './workerRefusal';
import type { VerticalWorkerEnv } from './workerEnv';

type Activities = WorkerBootstrapOptions['activities'];

/** What a vertical's activities are built from. */
export interface VerticalWorkerDeps<T> {
  emitter: RunEventEmitter;
  cache: TargetCache;
  s3: S3Client;
  bucket: string;
  log: Logger;
  /** Tool durations (the scan activity reads it from its deps) and fuzzing counters. */
  metrics: WorkerMetrics;
  tools: T;
}

export interface VerticalWorkerOptions<T> {
  /** The vertical's name: its task queue is `ff-<vertical>`, its provisioning `npm run provision -- <vertical>`. */
  vertical: string;
  env: VerticalWorkerEnv;
  /** Finds the tools before anything connects; a rejection makes the worker refuse to start. */
  tools: ToolLocator<T>;
  /** The vertical's `workflows.ts`, as `new URL('./workflows.ts', import.meta.url)`. */
  workflows: URL;
  activities: (deps: VerticalWorkerDeps<NoInfer<T>>) => Activities | Promise<Activities>;
}

/**
 * The composition root every vertical worker shares: finds its tools (or exits naming the provisioning
 * command), connects NATS, S3 and Temporal, serves the task queue and closes everything on SIGTERM/SIGINT.
 */
export async function runVerticalWorker<T>(o: VerticalWorkerOptions<T>): Promise<void> {
  const { env, vertical } = o;
  const log = createLogger(`worker-${vertical}`);
  const identity = `${vertical}@${hostname()}:${process.pid}`;

  // Tools are installed by provisioning, never here: a worker without them refuses to start.
  const tools = await o.tools(provisionCommandOf(vertical)).catch((err: unknown) => {
    log.error(refusalOf(err));
    process.exit(1);
  });

  const processMetrics = await startProcessMetrics(`worker-${vertical}`, env, log);
  const nc = await connectNats(env.NATS_URL, identity);
  const s3 = createS3(s3SettingsOf(env));
  const cache = createTargetCache({
    dir: resolve(env.FF_WORKER_CACHE_DIR),
    maxBytes: env.FF_CACHE_MAX_BYTES,
    download: s3TargetDownloader(s3, env.S3_BUCKET),
    extractLimits: { maxEntries: env.FF_EXTRACT_MAX_ENTRIES, maxBytes: env.FF_EXTRACT_MAX_BYTES },
  });
  const metrics = createWorkerMetrics({
    metrics: processMetrics.metrics,
    vertical,
    cacheStats: () => cache.stats(),
  });
  const emitter = withFuzzMetrics(
    createRunEventEmitter({
      js: jetstream(nc),
      source: `fuzzforge/worker/${vertical}`,
      worker: identity,
      now: () => new Date(),
    }),
    metrics,
  );

  const worker = await startVerticalWorker({
    temporalAddress: env.TEMPORAL_ADDRESS,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: taskQueueOf(vertical),
    workflowsPath: fileURLToPath(o.workflows),
    activities: await o.activities({ emitter, cache, s3, bucket: env.S3_BUCKET, log, metrics, tools }),
    maxConcurrentActivities: env.FF_WORKER_CONCURRENCY,
    identity,
    log,
  });

  const shutdown = async (signal: string): Promise<void> => {
    log.info('shutting down', { signal });
    await worker.shutdown();
    await Promise.allSettled([nc.drain(), processMetrics.close()]);
    s3.destroy();
    // Spans still buffered would be lost by process.exit.
    await shutdownTracing();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await worker.done;
}
