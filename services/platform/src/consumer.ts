import {
  AckPolicy,
  DeliverPolicy,
  type ConsumerConfig,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { dlqSubject } from '@fuzzforge/contracts';
import type { Logger } from '@fuzzforge/observability';
import { PoisonMessageError } from './errors';
import { decideOnFailure, defaultRedeliveryPolicy, type RedeliveryPolicy } from './redelivery';
import { isTransientError } from './transientErrors';

export interface MessageMeta {
  subject: string;
  streamSequence: number;
  deliveryCount: number;
}

export interface DurableConsumerOptions<E> {
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  durable: string;
  filterSubjects: string[];
  /** Turns raw JSON into a typed event; throws PoisonMessageError when it never can. */
  parse: (raw: unknown) => E;
  handle: (event: E, meta: MessageMeta) => Promise<void>;
  log: Logger;
  policy?: RedeliveryPolicy;
  /** How long the server waits for an ack before redelivering (a crashed handler). */
  ackWaitMs?: number;
}

export interface RunningConsumer {
  stop(): Promise<void>;
}

const decoder = new TextDecoder();

/** Creates the durable pull consumer, or updates its settings. Idempotent. */
export async function ensureConsumer(
  jsm: JetStreamManager,
  stream: string,
  durable: string,
  filterSubjects: string[],
  ackWaitMs = 30_000,
): Promise<void> {
  const config: Partial<ConsumerConfig> = {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: ackWaitMs * 1_000_000,
    // Unlimited at the server: we park failing messages in FF_DLQ ourselves, with their context.
    max_deliver: -1,
    ...(filterSubjects.length === 1
      ? { filter_subject: filterSubjects[0] }
      : { filter_subjects: filterSubjects }),
  };
  const existing = await jsm.consumers.info(stream, durable).catch(() => null);
  if (existing) await jsm.consumers.update(stream, durable, config);
  else await jsm.consumers.add(stream, config);
}

function parseJson(msg: JsMsg): unknown {
  try {
    return JSON.parse(decoder.decode(msg.data));
  } catch (err) {
    throw new PoisonMessageError('payload is not JSON', { cause: err });
  }
}

async function deadLetter(js: JetStreamClient, stream: string, durable: string, msg: JsMsg, error: unknown) {
  const h = natsHeaders();
  for (const [key, values] of msg.headers ?? []) for (const v of values) h.append(key, v);
  h.set('Ff-Original-Subject', msg.subject);
  h.set('Ff-Original-Stream', stream);
  h.set('Ff-Original-Sequence', String(msg.info.streamSequence));
  h.set('Ff-Consumer', durable);
  h.set('Ff-Delivery-Count', String(msg.info.deliveryCount));
  h.set(
    'Ff-Error',
    String(error instanceof Error ? error.message : error)
      .slice(0, 1024)
      .replace(/\r?\n/g, ' '),
  );
  h.set('Ff-Failed-At', new Date().toISOString());
  // One DLQ entry per original message even if this is retried.
  await js.publish(dlqSubject(durable), msg.data, {
    headers: h,
    msgID: `${stream}:${msg.info.streamSequence}:${durable}`,
  });
}

/**
 * Runs a durable consumer: each message is parsed and handled, then acked. Failures are retried with
 * back-off; poison messages and messages out of attempts move to FF_DLQ so they never block the rest.
 */
export async function startDurableConsumer<E>(o: DurableConsumerOptions<E>): Promise<RunningConsumer> {
  const policy = o.policy ?? defaultRedeliveryPolicy;
  await ensureConsumer(o.jsm, o.stream, o.durable, o.filterSubjects, o.ackWaitMs);
  const consumer = await o.js.consumers.get(o.stream, o.durable);
  const messages = await consumer.consume({ max_messages: 64 });
  const log = o.log.child({ consumer: o.durable });

  const processOne = async (msg: JsMsg): Promise<void> => {
    const meta = {
      subject: msg.subject,
      streamSequence: msg.info.streamSequence,
      deliveryCount: msg.info.deliveryCount,
    };
    try {
      const event = o.parse(parseJson(msg));
      await o.handle(event, meta);
      await msg.ackAck();
    } catch (err) {
      const poison = err instanceof PoisonMessageError;
      const kind = poison ? 'poison' : isTransientError(err) ? 'transient' : 'failed';
      const decision = decideOnFailure(meta.deliveryCount, kind, policy);
      if (decision.action === 'retry') {
        log.warn('message failed, will retry', { ...meta, err, kind, delayMs: decision.delayMs });
        msg.nak(decision.delayMs);
        return;
      }
      log.error('message moved to the dead-letter stream', { ...meta, err, poison });
      try {
        await deadLetter(o.js, o.stream, o.durable, msg, err);
        msg.term(poison ? 'poison message' : 'out of delivery attempts');
      } catch (dlqErr) {
        log.error('dead-lettering failed, message will be redelivered', { ...meta, err: dlqErr });
        msg.nak(policy.maxDelayMs);
      }
    }
  };

  const loop = (async () => {
    for await (const msg of messages) await processOne(msg);
  })();

  return {
    async stop() {
      await messages.close();
      await loop;
    },
  };
}
