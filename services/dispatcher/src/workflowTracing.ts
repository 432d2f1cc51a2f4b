import { defaultPayloadConverter, type Headers } from '@temporalio/common';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { traceHeader } from '@fuzzforge/contracts/workflowTracing';
import { activeTraceCarrier } from '@fuzzforge/observability';

/** The headers with the active trace context added (unchanged when there is none). */
function withTraceContext(headers: Headers): Headers {
  const carrier = activeTraceCarrier();
  if (!carrier.traceparent) return headers;
  return { ...headers, [traceHeader]: defaultPayloadConverter.toPayload(carrier) };
}

/**
 * Carries the trace of the run request the dispatcher is handling into the workflow it starts; the
 * workflow's own interceptors (workers/runtime) take it from there.
 */
export const workflowTracingInterceptor: WorkflowClientInterceptor = {
  start: (input, next) => next({ ...input, headers: withTraceContext(input.headers) }),
  signalWithStart: (input, next) => next({ ...input, headers: withTraceContext(input.headers) }),
};
