import { context, propagation, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

/** The W3C carrier of the active context (empty when there is no span). */
export function activeTraceCarrier(ctx = context.active()): { traceparent?: string; tracestate?: string } {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** Adds attributes to the active span (the HTTP request being served, say), if there is one. */
export function annotateActiveSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}

/** Names the HTTP server span being served after its route pattern (`GET /v1/runs/:id`). */
export function nameActiveServerSpan(method: string, route: string): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  span.updateName(`${method} ${route}`);
  span.setAttribute('http.route', route);
}

/** Marks a span failed by what was thrown (status ERROR with its message); the caller ends it. */
export function markSpanFailed(span: Span, err: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
}
