/**
 * Every metric the platform exports, in one place: dashboards and alerts are checked against this list
 * (dashboards.unit.spec.ts) and `createPlatformMetrics` can only create what is listed here.
 * Rules (catalogue.unit.spec.ts): `fuzzforge_` prefix, snake_case, counters end in `_total`, durations
 * are histograms in `_seconds`.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface MetricDefinition {
  name: string;
  type: MetricType;
  help: string;
  labels: readonly string[];
  /** Histogram buckets in seconds. */
  buckets?: readonly number[];
}

/** API requests are fast; a slow one is seconds (an upload), never minutes. */
const requestBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Tools and runs range from a second (gitleaks on a small repo) to hours (a fuzzing campaign). */
const longBuckets = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 43200, 86400];

export const metricCatalogue = {
  runs: {
    name: 'fuzzforge_runs',
    type: 'gauge',
    help: 'Runs in the read model by current state and workflow.',
    labels: ['state', 'workflow'],
  },
  runDuration: {
    name: 'fuzzforge_run_duration_seconds',
    type: 'histogram',
    help: 'Time from a run being requested to its final state, by workflow and outcome.',
    labels: ['workflow', 'outcome'],
    buckets: longBuckets,
  },
  consumerPending: {
    name: 'fuzzforge_consumer_pending_messages',
    type: 'gauge',
    help: 'Messages in the stream not yet delivered to the durable consumer (num_pending).',
    labels: ['stream', 'consumer'],
  },
  consumerAckPending: {
    name: 'fuzzforge_consumer_ack_pending_messages',
    type: 'gauge',
    help: 'Messages delivered to the durable consumer and not yet acknowledged (num_ack_pending).',
    labels: ['stream', 'consumer'],
  },
  consumerRedelivered: {
    name: 'fuzzforge_consumer_redelivered_messages',
    type: 'gauge',
    help: 'Messages currently redelivered at least once to the durable consumer (num_redelivered).',
    labels: ['stream', 'consumer'],
  },
  dlqDepth: {
    name: 'fuzzforge_dlq_messages',
    type: 'gauge',
    help: 'Messages parked in the dead-letter stream FF_DLQ.',
    labels: [],
  },
  projectorLag: {
    name: 'fuzzforge_projector_lag_seconds',
    type: 'gauge',
    help: 'Age of the newest event the projector has applied when it was applied (time behind the stream).',
    labels: ['stream'],
  },
  metricsScrapeErrors: {
    name: 'fuzzforge_metrics_scrape_errors_total',
    type: 'counter',
    help: 'Reads that failed while collecting metrics on scrape (the previous value was kept).',
    labels: ['source'],
  },
  targetCacheHits: {
    name: 'fuzzforge_target_cache_hits_total',
    type: 'counter',
    help: 'Target workspace requests served from the worker cache.',
    labels: ['vertical'],
  },
  targetCacheMisses: {
    name: 'fuzzforge_target_cache_misses_total',
    type: 'counter',
    help: 'Target workspace requests that had to download the target from S3.',
    labels: ['vertical'],
  },
  toolDuration: {
    name: 'fuzzforge_tool_duration_seconds',
    type: 'histogram',
    help: 'Wall time of one security tool process, by tool, vertical and outcome.',
    labels: ['tool', 'vertical', 'outcome'],
    buckets: longBuckets,
  },
  fuzzingExecsPerSecond: {
    name: 'fuzzforge_fuzzing_execs_per_second',
    type: 'gauge',
    help: 'Latest executions per second reported by a running fuzzer.',
    labels: ['run_id', 'engine'],
  },
  fuzzingExecutions: {
    name: 'fuzzforge_fuzzing_executions_total',
    type: 'counter',
    help: 'Fuzz target executions performed.',
    labels: ['run_id', 'engine'],
  },
  fuzzingCrashes: {
    name: 'fuzzforge_fuzzing_crashes_total',
    type: 'counter',
    help: 'Crashing inputs found (before deduplication).',
    labels: ['run_id', 'engine'],
  },
  apiRequests: {
    name: 'fuzzforge_api_requests_total',
    type: 'counter',
    help: 'HTTP requests answered by the API, by method, route pattern and status code.',
    labels: ['method', 'route', 'status'],
  },
  apiRequestDuration: {
    name: 'fuzzforge_api_request_duration_seconds',
    type: 'histogram',
    help: 'Time to answer an API request, by method and route pattern.',
    labels: ['method', 'route'],
    buckets: requestBuckets,
  },
  webhookDeliveries: {
    name: 'fuzzforge_webhook_deliveries_total',
    type: 'counter',
    help: 'Webhook delivery attempts, by outcome (delivered, failed, gave_up).',
    labels: ['outcome'],
  },
  webhookDeliveryDuration: {
    name: 'fuzzforge_webhook_delivery_duration_seconds',
    type: 'histogram',
    help: 'Time of one webhook HTTP POST, by outcome.',
    labels: ['outcome'],
    buckets: requestBuckets,
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricCatalogue = typeof metricCatalogue;
export type MetricKey = keyof MetricCatalogue;
export type MetricKeyOf<T extends MetricType> = {
  [K in MetricKey]: MetricCatalogue[K]['type'] extends T ? K : never;
}[MetricKey];
export type LabelOf<K extends MetricKey> = MetricCatalogue[K]['labels'][number];

/**
 * The series names prom-client exposes for the catalogue (histograms add `_bucket`, `_sum`, `_count`),
 * for checking queries against. Process default metrics are not included.
 */
export function exposedSeriesNames(): Set<string> {
  const names = new Set<string>();
  for (const def of Object.values(metricCatalogue) as MetricDefinition[]) {
    if (def.type === 'histogram') {
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(def.name + suffix);
    } else {
      names.add(def.name);
    }
  }
  return names;
}
