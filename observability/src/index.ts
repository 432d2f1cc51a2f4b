export * from './logger';
export { isSecretFieldName, redactFields, redactString, redactValue, REDACTED } from './logging/redact';

export * from './tracing/attributes';
export {
  extractTraceContext,
  injectTraceContext,
  startConsumeSpan,
  withConsumeBatchSpan,
  withConsumeSpan,
  withPublishSpan,
  type ConsumeSpanOptions,
  type NatsHeaderCarrier,
  type PublishSpanOptions,
  type TracedMessage,
} from './tracing/natsContext';
export { traceContextEnv, withToolSpan, type ToolSpanOptions } from './tracing/toolSpan';
export { shutdownTracing } from './tracing/shutdown';
export { recordFinishedSpan, type FinishedSpan } from './tracing/chosenSpanIds';
export {
  activeTraceCarrier,
  annotateActiveSpan,
  markSpanFailed,
  nameActiveServerSpan,
} from './tracing/activeSpan';

export {
  exposedSeriesNames,
  metricCatalogue,
  type LabelOf,
  type MetricDefinition,
  type MetricKey,
  type MetricKeyOf,
  type MetricType,
} from './metrics/catalogue';
export {
  createPlatformMetrics,
  type OnScrape,
  type PlatformMetrics,
  type PlatformMetricsOptions,
} from './metrics/registry';
export { serveMetrics, type MetricsServer, type MetricsServerOptions } from './metrics/metricsServer';
export {
  collectJetStreamMetrics,
  type JetStreamMetricsOptions,
  type WatchedConsumer,
} from './metrics/jetstreamMetrics';
export { metricsPortPlan, type MetricsService } from './metrics/portPlan';
