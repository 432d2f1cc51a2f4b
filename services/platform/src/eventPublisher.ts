import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { EnvelopeBase } from '@fuzzforge/contracts';
import { ATTR_RUN_ID, withPublishSpan } from '@fuzzforge/observability';

export interface NewEventInput<D> {
  id: string;
  type: string;
  version: string;
  subject: string;
  source: string;
  data: D;
  time: Date;
}

/** Wraps data in a CloudEvents envelope; the caller supplies id and time so this stays pure. */
export function newEvent<D>(input: NewEventInput<D>): EnvelopeBase & { data: D } {
  return {
    specversion: '1.0',
    id: input.id,
    type: input.type,
    source: input.source,
    time: input.time.toISOString(),
    subject: input.subject,
    datacontenttype: 'application/json',
    version: input.version,
    data: input.data,
  };
}

const encoder = new TextEncoder();

const runIdOf = (event: EnvelopeBase): string | undefined => {
  const data = event.data as { runId?: unknown } | null;
  return typeof data?.runId === 'string' ? data.runId : undefined;
};

/**
 * Publishes an event and resolves once JetStream stored it. The event id is the Nats-Msg-Id, so a
 * second publish of the same event within the duplicate window is acknowledged but not stored again.
 * The publish is a PRODUCER span of the caller's trace, its context in the `traceparent` header; an
 * event published outside any trace continues the one its envelope names, if any.
 */
export async function publishEvent(js: JetStreamClient, event: EnvelopeBase): Promise<PubAck> {
  const h = natsHeaders();
  h.set('Ce-Type', event.type);
  h.set('Ce-Version', event.version);
  const runId = runIdOf(event);
  const publish = () =>
    withPublishSpan(
      {
        subject: event.subject,
        headers: h,
        messageId: event.id,
        attributes: { 'cloudevents.event_type': event.type, ...(runId ? { [ATTR_RUN_ID]: runId } : {}) },
      },
      () => js.publish(event.subject, encoder.encode(JSON.stringify(event)), { msgID: event.id, headers: h }),
    );
  if (event.traceparent && !trace.getSpanContext(context.active())) {
    return context.with(propagation.extract(ROOT_CONTEXT, { traceparent: event.traceparent }), publish);
  }
  return publish();
}
