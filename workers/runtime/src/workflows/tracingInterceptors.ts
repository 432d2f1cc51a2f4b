import {
  defaultPayloadConverter,
  proxySinks,
  workflowInfo,
  type Headers,
  type Sinks,
  type WorkflowInterceptorsFactory,
} from '@temporalio/workflow';
import {
  traceHeader,
  traceparentWithSpan,
  workflowSpanIdOf,
  type TraceCarrier,
} from '@fuzzforge/contracts/workflowTracing';

/** A workflow run's span, reported by the worker once the run ended (the sandbox has no tracer). */
export interface WorkflowSpanReport {
  parent: TraceCarrier;
  spanId: string;
  workflowType: string;
  workflowId: string;
  runStartTimeMs: number;
  endTimeMs: number;
  error?: string;
}

export interface TracingSinks extends Sinks {
  tracing: { workflowEnded(report: WorkflowSpanReport): void };
}

const { tracing } = proxySinks<TracingSinks>();

const readCarrier = (headers: Headers): TraceCarrier | undefined => {
  const payload = headers[traceHeader];
  if (!payload) return undefined;
  const carrier = defaultPayloadConverter.fromPayload<TraceCarrier>(payload);
  return typeof carrier?.traceparent === 'string' ? carrier : undefined;
};

/**
 * Continues the trace the dispatcher started: the workflow run is one span (its id derived from the
 * run, so every replay agrees) and its activities and child workflows are started as its children.
 */
export const interceptors: WorkflowInterceptorsFactory = () => {
  let own: TraceCarrier | undefined;
  const withTrace = (headers: Headers): Headers =>
    own ? { ...headers, [traceHeader]: defaultPayloadConverter.toPayload(own) } : headers;
  return {
    inbound: [
      {
        async execute(input, next) {
          const parent = readCarrier(input.headers);
          if (!parent) return next(input);
          const info = workflowInfo();
          const spanId = workflowSpanIdOf(info.workflowId, info.runId);
          const traceparent = traceparentWithSpan(parent.traceparent, spanId);
          if (!traceparent) return next(input);
          own = { traceparent, ...(parent.tracestate ? { tracestate: parent.tracestate } : {}) };
          const report = (error?: string) =>
            tracing.workflowEnded({
              parent,
              spanId,
              workflowType: info.workflowType,
              workflowId: info.workflowId,
              runStartTimeMs: info.runStartTime.getTime(),
              endTimeMs: Date.now(),
              ...(error ? { error } : {}),
            });
          try {
            const result = await next(input);
            report();
            return result;
          } catch (err) {
            report(err instanceof Error ? err.message : String(err));
            throw err;
          }
        },
      },
    ],
    outbound: [
      {
        scheduleActivity: (input, next) => next({ ...input, headers: withTrace(input.headers) }),
        scheduleLocalActivity: (input, next) => next({ ...input, headers: withTrace(input.headers) }),
        startChildWorkflowExecution: (input, next) => next({ ...input, headers: withTrace(input.headers) }),
      },
    ],
  };
};
