import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { FuzzForgeEvent } from '@fuzzforge/contracts';
import { createLogger } from '@fuzzforge/observability';
import {
  connectNats,
  createDb,
  defaultRedeliveryPolicy,
  ensureStreams,
  migrateToLatest,
  PoisonMessageError,
  retryUntilReady,
  startDurableConsumer,
} from '@fuzzforge/platform';
import { ProjectorEnv } from './env';
import { projectedStreams } from './projectedStreams';
import { project, projectBatch } from './projections';

const env = ProjectorEnv.parse(process.env);
const log = createLogger('projector');

const db = createDb(env.DATABASE_URL);
await retryUntilReady('postgres (migrations)', () => migrateToLatest(db), log);
const nc = await connectNats(env.NATS_URL, 'fuzzforge-projector');
const jsm = await retryUntilReady('jetstream', () => jetstreamManager(nc), log);
await retryUntilReady('jetstream (streams)', () => ensureStreams(jsm, env), log);
const js = jetstream(nc);

const parse = (raw: unknown): FuzzForgeEvent => {
  const result = FuzzForgeEvent.safeParse(raw);
  if (!result.success) throw new PoisonMessageError(`event fails its schema: ${result.error.message}`);
  return result.data;
};

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
          parse,
          log,
          policy: { ...defaultRedeliveryPolicy, maxDeliver: env.FF_PROJECTOR_MAX_DELIVER },
          maxBatch: env.FF_PROJECTOR_BATCH_SIZE,
          handleBatch: async (deliveries) => {
            const applied = await projectBatch(
              db,
              b.consumer,
              deliveries.map((d) => d.event),
              new Date(),
            );
            log.debug('projected batch', { size: deliveries.length, applied });
          },
          handle: async (event, meta) => {
            const applied = await project(db, b.consumer, event, new Date());
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
  await Promise.allSettled([nc.drain(), db.destroy()]);
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
