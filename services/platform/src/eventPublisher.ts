import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import type { EnvelopeBase } from '@fuzzforge/contracts';

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

/**
 * Publishes an event and resolves once JetStream stored it. The event id is the Nats-Msg-Id, so a
 * second publish of the same event within the duplicate window is acknowledged but not stored again.
 */
export async function publishEvent(js: JetStreamClient, event: EnvelopeBase): Promise<PubAck> {
  const h = natsHeaders();
  h.set('Ce-Type', event.type);
  h.set('Ce-Version', event.version);
  if (event.traceparent) h.set('traceparent', event.traceparent);
  return js.publish(event.subject, encoder.encode(JSON.stringify(event)), { msgID: event.id, headers: h });
}
