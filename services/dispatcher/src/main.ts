import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Client, Connection } from '@temporalio/client';
import { workflowCatalog } from '@fuzzforge/catalog';
import { RunCommand, streams } from '@fuzzforge/contracts';
import { collectJetStreamMetrics, createLogger, shutdownTracing } from '@fuzzforge/observability';
import {
  connectNats,
  defaultRedeliveryPolicy,
  ensureStreams,
  parseProcessEnv,
  PoisonMessageError,
  retryUntilReady,
  startDurableConsumer,
  startProcessMetrics,
} from '@fuzzforge/platform';
import { handleRunCommand } from './dispatch';
import { DispatcherEnv } from './env';
import { workflowTracingInterceptor } from './workflowTracing';

const env = parseProcessEnv(DispatcherEnv, process.env, 'dispatcher');
const log = createLogger('dispatcher');
const metrics = await startProcessMetrics('dispatcher', env, log);

const nc = await connectNats(env.NATS_URL, 'fuzzforge-dispatcher');
const jsm = await retryUntilReady('jetstream', () => jetstreamManager(nc), log);
await retryUntilReady('jetstream (streams)', () => ensureStreams(jsm, env), log);
const connection = await retryUntilReady(
  'temporal',
  () => Connection.connect({ address: env.TEMPORAL_ADDRESS }),
  log,
);
// The DLQ depth is the projector's to export: one series, not one per process.
collectJetStreamMetrics({
  metrics: metrics.metrics,
  jsm,
  consumers: [{ stream: streams.runs.name, durable: 'dispatcher' }],
  dlqStream: null,
});
// The run's trace continues into the workflow it starts (and its activities, on the workers).
const client = new Client({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  interceptors: { workflow: [workflowTracingInterceptor] },
});
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
  await Promise.allSettled([nc.drain(), connection.close(), metrics.close()]);
  // Spans still buffered would be lost by process.exit.
  await shutdownTracing();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
