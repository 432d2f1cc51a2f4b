import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { collectJetStreamMetrics, createLogger, shutdownTracing } from '@fuzzforge/observability';
import {
  connectNats,
  createDb,
  createSecretBox,
  defaultRedeliveryPolicy,
  ensureStreams,
  type MessageMeta,
  migrateToLatest,
  parseFuzzForgeEvent,
  parseProcessEnv,
  publishEvent,
  retryUntilReady,
  startDurableConsumer,
  startProcessMetrics,
  webhookTables,
} from '@fuzzforge/platform';
import { createDeliverer } from './deliverer';
import { WebhooksEnv } from './env';
import type { FannedEvent } from './fanOut/deliveryPlan';
import { fanOut } from './fanOut/fanOut';
import { runProjectLookup } from './fanOut/runProjects';
import { fannedStreams } from './fannedStreams';
import {
  createOutboundAgents,
  parseAllowedNetworks,
  postWebhook,
  type OutboundPolicy,
} from './outbound/index';
import { nominalDelaysMs, type RetrySchedule } from './retrySchedule';
import { startScheduler } from './scheduler';
import { publishDisabledEvents } from './store/disabledOutbox';
import { resealSecrets } from './store/secretReseal';

const env = parseProcessEnv(WebhooksEnv, process.env, 'webhooks');
const log = createLogger('webhooks');
const metrics = await startProcessMetrics('webhooks', env, log);

// A connection per request in flight (each records its attempt), and a few for fan-out and claims.
const db = createDb(env.DATABASE_URL, env.FF_WEBHOOK_CONCURRENCY + 4);
await retryUntilReady('postgres (migrations)', () => migrateToLatest(db), log);
const webhooksDb = webhookTables(db);
const secrets = createSecretBox(env.FF_WEBHOOK_SECRET_KEYS);
const resealed = await retryUntilReady(
  'postgres (secrets)',
  () => resealSecrets(webhooksDb, secrets, log),
  log,
);
if (resealed > 0) log.info('webhook secrets sealed with the current key', { webhooks: resealed });
const nc = await connectNats(env.NATS_URL, 'fuzzforge-webhooks');
const jsm = await retryUntilReady('jetstream', () => jetstreamManager(nc), log);
await retryUntilReady('jetstream (streams)', () => ensureStreams(jsm, env), log);
const js = jetstream(nc);
// The DLQ depth is the projector's to export: one series, not one per process.
collectJetStreamMetrics({
  metrics: metrics.metrics,
  jsm,
  consumers: fannedStreams.map((s) => ({ stream: s.stream, durable: s.consumer })),
  dlqStream: null,
});

const agents = createOutboundAgents();
const outbound: OutboundPolicy = {
  allowedNetworks: parseAllowedNetworks(env.FF_WEBHOOK_ALLOWED_NETWORKS),
  connectTimeoutMs: env.FF_WEBHOOK_CONNECT_TIMEOUT_MS,
  timeoutMs: env.FF_WEBHOOK_TIMEOUT_MS,
  maxResponseBytes: env.FF_WEBHOOK_MAX_RESPONSE_BYTES,
  maxRedirects: env.FF_WEBHOOK_MAX_REDIRECTS,
  agents,
};
const schedule: RetrySchedule = {
  maxAttempts: env.FF_WEBHOOK_MAX_ATTEMPTS,
  baseMs: env.FF_WEBHOOK_RETRY_BASE_MS,
  factor: env.FF_WEBHOOK_RETRY_FACTOR,
  maxDelayMs: env.FF_WEBHOOK_RETRY_MAX_MS,
  jitter: env.FF_WEBHOOK_RETRY_JITTER,
};
const now = () => new Date();

let publishPending = true;
const scheduler = startScheduler({
  db: webhooksDb,
  concurrency: env.FF_WEBHOOK_CONCURRENCY,
  // Well past the attempt's own deadline, so a live attempt is never taken over.
  leaseMs: 2 * env.FF_WEBHOOK_TIMEOUT_MS + 1_000,
  pollMs: env.FF_WEBHOOK_POLL_MS,
  now,
  log,
  deliver: createDeliverer({
    db: webhooksDb,
    send: (request) => postWebhook(request, outbound),
    secrets,
    policies: {
      schedule,
      disable: {
        afterFailures: env.FF_WEBHOOK_DISABLE_AFTER_FAILURES,
        afterMs: env.FF_WEBHOOK_DISABLE_AFTER_MS,
      },
      random: Math.random,
    },
    now,
    log,
    onDisabled: () => {
      publishPending = true;
    },
    metrics: metrics.metrics,
  }),
  // Disabled subscriptions' events: at start (a crash may have left some), after a disabling failure,
  // and now and then for those the API disabled.
  onPass: async () => {
    if (!publishPending && Math.random() > 0.05) return;
    publishPending = false;
    await publishDisabledEvents(webhooksDb, async (event) => {
      await publishEvent(js, event);
    });
  },
});

const runProject = runProjectLookup(jsm);
const parse = (raw: unknown): FannedEvent => ({
  event: parseFuzzForgeEvent(raw),
  raw: raw as Record<string, unknown>,
});
const traced = (meta: MessageMeta) => (meta.traceparent ? { traceparent: meta.traceparent } : {});
const fanOutNow = async (events: FannedEvent[]): Promise<void> => {
  const planned = await fanOut(webhooksDb, events, runProject, now());
  if (planned > 0) scheduler.wake();
};

const consumers = await Promise.all(
  fannedStreams.map((s) =>
    retryUntilReady(
      `consumer ${s.consumer}`,
      () =>
        startDurableConsumer({
          js,
          jsm,
          stream: s.stream,
          durable: s.consumer,
          filterSubjects: [s.subject],
          parse,
          log,
          policy: { ...defaultRedeliveryPolicy, maxDeliver: env.FF_WEBHOOK_FANOUT_MAX_DELIVER },
          maxBatch: 200,
          // Fanning out is quick: after a crash, messages it held come back sooner than the default.
          ackWaitMs: 10_000,
          handleBatch: (deliveries) => fanOutNow(deliveries.map((d) => ({ ...d.event, ...traced(d.meta) }))),
          handle: (event, meta) => fanOutNow([{ ...event, ...traced(meta) }]),
        }),
      log,
    ),
  ),
);
log.info('webhooks running', {
  consumers: fannedStreams.map((s) => s.consumer),
  retryDelaysMs: nominalDelaysMs(schedule),
  allowedNetworks: env.FF_WEBHOOK_ALLOWED_NETWORKS || 'public addresses only',
});

const shutdown = async (signal: string): Promise<void> => {
  log.info('shutting down', { signal });
  await Promise.allSettled(consumers.map((c) => c.stop()));
  await scheduler.stop(5_000);
  agents.destroy();
  await Promise.allSettled([nc.drain(), db.destroy(), metrics.close()]);
  // Spans still buffered would be lost by process.exit.
  await shutdownTracing();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
