import { W3CBaggagePropagator, W3CTraceContextPropagator, CompositePropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { AwsInstrumentation } from '@opentelemetry/instrumentation-aws-sdk';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { PlatformIdGenerator } from './chosenSpanIds';
import type { TracingEnv } from './env';
import type { ServiceIdentity } from './serviceIdentity';

/** service.instance.id; spelled out because it is still "incubating" in semantic-conventions. */
export const ATTR_SERVICE_INSTANCE_ID = 'service.instance.id';

/** A started SDK; `shutdown` flushes the spans still buffered and is safe to call more than once. */
export interface TracingHandle {
  shutdown(): Promise<void>;
}

/** The instrumentations every FuzzForge process gets: HTTP server and client, fetch, pg, AWS SDK (S3). */
export function platformInstrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation({
      // Scrapes and probes would otherwise be most of the traces, and orphans besides.
      ignoreIncomingRequestHook: (req) => /^\/(metrics|healthz|readyz)(\?|$)/.test(req.url ?? ''),
    }),
    new UndiciInstrumentation(),
    // Only queries made for traced work (a request, a consumed event, an activity): the services' own
    // polling would otherwise be most of the spans, each a trace of its own; pool checkouts neither.
    new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    new AwsInstrumentation({ suppressInternalInstrumentation: true }),
  ];
}

function spanProcessor(env: TracingEnv): SpanProcessor {
  // Without an endpoint spans are still made (log lines and NATS headers need real trace ids) but dropped.
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return new NoopSpanProcessor();
  return new BatchSpanProcessor(new OTLPTraceExporter());
}

/** Starts the OpenTelemetry SDK for this process (the caller has already checked OTEL_SDK_DISABLED). */
export function startTracing(env: TracingEnv, identity: ServiceIdentity): TracingHandle {
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: identity.name,
      [ATTR_SERVICE_VERSION]: identity.version,
      [ATTR_SERVICE_INSTANCE_ID]: identity.instanceId,
    }),
    // OTEL_RESOURCE_ATTRIBUTES still applies (e.g. deployment.environment); host/process detectors add
    // little to what service.instance.id says and cost startup time.
    resourceDetectors: [envDetector],
    spanProcessors: [spanProcessor(env)],
    // Random ids, but a workflow run's span keeps the id derived for it (chosenSpanIds.ts).
    idGenerator: new PlatformIdGenerator(),
    // Logs go to stdout as JSON lines, not through the OTel logs SDK (whose default would be OTLP).
    logRecordProcessors: [],
    // Metrics are Prometheus pull via prom-client (src/metrics/); no OTLP metric push as well.
    metricReaders: [],
    textMapPropagator: new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
    instrumentations: platformInstrumentations(),
  });
  sdk.start();
  let stopped: Promise<void> | undefined;
  return {
    shutdown: () => (stopped ??= sdk.shutdown().catch(() => undefined)),
  };
}
