import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { markSpanFailed } from '@fuzzforge/observability';
import type { AttemptOutcome } from './attemptOutcome';
import type { ClaimedDelivery } from './store/deliveryClaims';

const tracer = () => trace.getTracer('@fuzzforge/webhooks');

/**
 * Runs one attempt in a span of its event's trace (the traceparent fan-out stored with the delivery),
 * so a run's trace ends at the webhook that told somebody about it; the HTTP request is its child.
 */
export async function inDeliverySpan(
  claimed: ClaimedDelivery,
  attempt: () => Promise<AttemptOutcome>,
): Promise<AttemptOutcome> {
  const parent = claimed.traceparent
    ? propagation.extract(ROOT_CONTEXT, { traceparent: claimed.traceparent })
    : ROOT_CONTEXT;
  const span = tracer().startSpan(
    'deliver webhook',
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'fuzzforge.webhook_id': claimed.subscriptionId,
        'fuzzforge.delivery_id': claimed.id,
        'fuzzforge.delivery_attempt': claimed.attempt,
        'cloudevents.event_type': claimed.eventType,
      },
    },
    parent,
  );
  try {
    const outcome = await context.with(trace.setSpan(parent, span), attempt);
    span.setAttribute('fuzzforge.delivery_outcome', outcome.outcome);
    if (outcome.statusCode !== null) span.setAttribute('http.response.status_code', outcome.statusCode);
    if (outcome.outcome !== 'succeeded')
      span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error ?? '' });
    return outcome;
  } catch (err) {
    markSpanFailed(span, err);
    throw err;
  } finally {
    span.end();
  }
}
