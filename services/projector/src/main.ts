import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { collectJetStreamMetrics, createLogger, shutdownTracing } from '@fuzzforge/observability';
import {
  connectNats,
  createDb,
  defaultRedeliveryPolicy,
  ensureStreams,
  migrateToLatest,
  parseFuzzForgeEvent,
  parseProcessEnv,
  retryUntilReady,
  startDurableConsumer,
  startProcessMetrics,
} from '@fuzzforge/platform';
import { ProjectorEnv } from './env';
import { projectedStreams } from './projectedStreams';
import { createProjectorMetrics } from './projectorMetrics';
import { project, projectBatch } from './projections';

const env = parseProcessEnv(ProjectorEnv, process.env, 'projector');
const log = createLogger('projector');
const metrics = await startProcessMetrics('projector', env, log);

const db = createDb(env.DATABASE_URL);
await retryUntilReady('postgres (migrations)', () => migrateToLatest(db), log);
const nc = await connectNats(env.NATS_URL, 'fuzzforge-projector');
const jsm = await retryUntilReady('jetstream', () => jetstreamManager(nc), log);
await retryUntilReady('jetstream (streams)', () => ensureStreams(jsm, env), log);
const js = jetstream(nc);
const projectorMetrics = createProjectorMetrics(metrics.metrics, db);
// The projector also exports the DLQ depth (FF_DLQ): one process does, so it is one series.
collectJetStreamMetrics({
  metrics: metrics.metrics,
  jsm,
  consumers: projectedStreams.map((b) => ({ stream: b.stream, durable: b.consumer })),
});

const consumers = await Promise.all(
  projectedStreams.map((b) =>
    retryUntilReady(
      `consumer ${b.consumer}`,
      () =>
        startDurableConsumer({
          js,
          jsm,
          stream: b.stream,
          durable: b.consumer,
          filterSubjects: [b.subject],
          parse: parseFuzzForgeEvent,
          log,
          policy: { ...defaultRedeliveryPolicy, maxDeliver: env.FF_PROJECTOR_MAX_DELIVER },
          maxBatch: env.FF_PROJECTOR_BATCH_SIZE,
          handleBatch: async (deliveries) => {
            const events = deliveries.map((d) => d.event);
            const applied = await projectBatch(db, b.consumer, events, new Date(), projectorMetrics.observer);
            projectorMetrics.applied(b.stream, events, new Date());
            log.debug('projected batch', { size: deliveries.length, applied });
          },
          handle: async (event, meta) => {
            const applied = await project(db, b.consumer, event, new Date(), projectorMetrics.observer);
            projectorMetrics.applied(b.stream, [event], new Date());
            log.debug(applied ? 'projected' : 'already projected', {
              id: event.id,
              seq: meta.streamSequence,
            });
          },
        }),
      log,
    ),
  ),
);
log.info('projector running', { consumers: projectedStreams.map((b) => b.consumer) });

const shutdown = async (signal: string): Promise<void> => {
  log.info('shutting down', { signal });
  await Promise.allSettled(consumers.map((c) => c.stop()));
  await Promise.allSettled([nc.drain(), db.destroy(), metrics.close()]);
  // Spans still buffered would be lost by process.exit.
  await shutdownTracing();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
