import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { dlqSubject } from '@fuzzforge/contracts';

/**
 * Copies a message that will never be processed into FF_DLQ under `ff.dlq.<consumer>`, with its
 * original headers and what is needed to understand and replay it.
 */
export async function deadLetter(
  js: JetStreamClient,
  stream: string,
  durable: string,
  msg: JsMsg,
  error: unknown,
  now: Date,
): Promise<void> {
  const h = natsHeaders();
  // Publish controls (Nats-*) are stored with a message and would act again on any copy of it.
  for (const [key, values] of msg.headers ?? []) {
    if (/^nats-/i.test(key)) continue;
    for (const v of values) h.append(key, v);
  }
  const originalMsgId = msg.headers?.get('Nats-Msg-Id');
  if (originalMsgId) h.set('Ff-Original-Msg-Id', originalMsgId);
  h.set('Ff-Original-Subject', msg.subject);
  h.set('Ff-Original-Stream', stream);
  h.set('Ff-Original-Sequence', String(msg.info.streamSequence));
  h.set('Ff-Consumer', durable);
  h.set('Ff-Delivery-Count', String(msg.info.deliveryCount));
  const reason = error instanceof Error ? error.message : String(error);
  h.set('Ff-Error', reason.slice(0, 1024).replace(/\r?\n/g, ' '));
  h.set('Ff-Failed-At', now.toISOString());
  // One DLQ entry per original message, however often dead-lettering is retried.
  await js.publish(dlqSubject(durable), msg.data, {
    headers: h,
    msgID: `${stream}:${msg.info.streamSequence}:${durable}`,
  });
}
