import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Client, Connection } from '@temporalio/client';
import { workflowCatalog } from '@fuzzforge/catalog';
import { RunCommand, streams } from '@fuzzforge/contracts';
import { createLogger } from '@fuzzforge/observability';
import {
  connectNats,
  defaultRedeliveryPolicy,
  ensureStreams,
  PoisonMessageError,
  retryUntilReady,
  startDurableConsumer,
} from '@fuzzforge/platform';
import { handleRunCommand } from './dispatch';
import { DispatcherEnv } from './env';

const env = DispatcherEnv.parse(process.env);
const log = createLogger('dispatcher');

const nc = await connectNats(env.NATS_URL, 'fuzzforge-dispatcher');
const jsm = await retryUntilReady('jetstream', () => jetstreamManager(nc), log);
await retryUntilReady('jetstream (streams)', () => ensureStreams(jsm, env), log);
const connection = await retryUntilReady(
  'temporal',
  () => Connection.connect({ address: env.TEMPORAL_ADDRESS }),
  log,
);
const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
const js = jetstream(nc);

const consumer = await retryUntilReady(
  'consumer dispatcher',
  () =>
    startDurableConsumer({
      js,
      jsm,
      stream: streams.runs.name,
      durable: 'dispatcher',
      filterSubjects: ['ff.runs.requested.>', 'ff.runs.cancel-requested.>'],
      parse: (raw) => {
        const result = RunCommand.safeParse(raw);
        if (!result.success)
          throw new PoisonMessageError(`run command fails its schema: ${result.error.message}`);
        return result.data;
      },
      handle: async (event) => {
        const outcome = await handleRunCommand(
          { client, js, jsm, now: () => new Date() },
          workflowCatalog,
          event,
        );
        log.info('run command handled', { runId: event.data.runId, type: event.type, outcome });
      },
      log,
      policy: { ...defaultRedeliveryPolicy, maxDeliver: env.FF_DISPATCHER_MAX_DELIVER },
    }),
  log,
);
log.info('dispatcher running');

const shutdown = async (signal: string): Promise<void> => {
  log.info('shutting down', { signal });
  await consumer.stop();
  await Promise.allSettled([nc.drain(), connection.close()]);
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
