import {
  AckPolicy,
  DeliverPolicy,
  type ConsumerConfig,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { context, type Span } from '@opentelemetry/api';
import { activeTraceCarrier, markSpanFailed, startConsumeSpan, type Logger } from '@fuzzforge/observability';
import { deadLetter } from './deadLetter';
import { PoisonMessageError } from './errors';
import { decideOnFailure, defaultRedeliveryPolicy, type RedeliveryPolicy } from './redelivery';
import { isTransientError } from './transientErrors';

export interface MessageMeta {
  subject: string;
  streamSequence: number;
  deliveryCount: number;
  /** W3C traceparent of this message's CONSUMER span: work done for it later joins its trace. */
  traceparent?: string;
}

export interface Delivery<E> {
  event: E;
  meta: MessageMeta;
}

export interface DurableConsumerOptions<E> {
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  durable: string;
  filterSubjects: string[];
  /** Turns raw JSON into a typed event; throws PoisonMessageError when it never can. */
  parse: (raw: unknown) => E;
  /** Handles one message; also used alone when a batch failed, to find the message at fault. */
  handle: (event: E, meta: MessageMeta) => Promise<void>;
  /**
   * Handles the messages that arrived together, all or nothing (one transaction). When given, the
   * consumer hands over everything buffered, up to `maxBatch`, at once.
   */
  handleBatch?: (deliveries: Delivery<E>[]) => Promise<void>;
  maxBatch?: number;
  log: Logger;
  policy?: RedeliveryPolicy;
  /** How long the server waits for an ack before redelivering (a crashed handler). */
  ackWaitMs?: number;
  now?: () => Date;
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
    // The other form is cleared explicitly: an update merges into the stored config, and a consumer
    // going from one filter to several would otherwise carry both, which the server refuses.
    ...(filterSubjects.length === 1
      ? { filter_subject: filterSubjects[0], filter_subjects: undefined }
      : { filter_subjects: filterSubjects, filter_subject: undefined }),
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

const metaOf = (msg: JsMsg): MessageMeta => ({
  subject: msg.subject,
  streamSequence: msg.info.streamSequence,
  deliveryCount: msg.info.deliveryCount,
});

/** The CONSUMER span of one message, parented to its publisher's span (from the headers). */
const consumeSpanOf = (msg: JsMsg, durable: string) =>
  startConsumeSpan(msg, {
    consumer: durable,
    ...(msg.headers?.get('Nats-Msg-Id') ? { messageId: msg.headers.get('Nats-Msg-Id') } : {}),
    attributes: {
      'messaging.nats.stream_sequence': msg.info.streamSequence,
      'messaging.nats.delivery_count': msg.info.deliveryCount,
    },
  });

const endSpan = (span: Span, err?: unknown): void => {
  if (err !== undefined) markSpanFailed(span, err);
  span.end();
};

const tracedMetaOf = (msg: JsMsg, ctx: ReturnType<typeof consumeSpanOf>['context']): MessageMeta => {
  const { traceparent } = activeTraceCarrier(ctx);
  return { ...metaOf(msg), ...(traceparent ? { traceparent } : {}) };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long a partial batch waits for more messages the iterator says are coming. */
const BATCH_LINGER_MS = 25;

/**
 * Runs a durable consumer: messages are parsed and handled (in batches when `handleBatch` is given),
 * then acked. Failures are retried with back-off; poison messages and messages out of attempts move to
 * FF_DLQ so they never block the rest; a dependency outage is retried without limit.
 */
export async function startDurableConsumer<E>(o: DurableConsumerOptions<E>): Promise<RunningConsumer> {
  const policy = o.policy ?? defaultRedeliveryPolicy;
  const now = o.now ?? (() => new Date());
  const maxBatch = o.handleBatch ? (o.maxBatch ?? 100) : 1;
  const log = o.log.child({ consumer: o.durable });
  await ensureConsumer(o.jsm, o.stream, o.durable, o.filterSubjects, o.ackWaitMs);

  const fail = async (msg: JsMsg, err: unknown): Promise<void> => {
    const meta = metaOf(msg);
    const poison = err instanceof PoisonMessageError;
    const kind = poison ? 'poison' : isTransientError(err) ? 'transient' : 'failed';
    const decision = decideOnFailure(meta.deliveryCount, kind, policy);
    if (decision.action === 'retry') {
      log.warn('message failed, will retry', { ...meta, err, kind, delayMs: decision.delayMs });
      msg.nak(decision.delayMs);
      return;
    }
    log.error('message moved to the dead-letter stream', { ...meta, err, kind });
    try {
      await deadLetter(o.js, o.stream, o.durable, msg, err, now());
      msg.term(poison ? 'poison message' : 'out of delivery attempts');
    } catch (dlqErr) {
      log.error('dead-lettering failed, message will be redelivered', { ...meta, err: dlqErr });
      msg.nak(policy.maxDelayMs);
    }
  };

  const processOne = async (msg: JsMsg, event: E): Promise<void> => {
    const { span, context: ctx } = consumeSpanOf(msg, o.durable);
    try {
      await context.with(ctx, () => o.handle(event, tracedMetaOf(msg, ctx)));
      msg.ack();
      endSpan(span);
    } catch (err) {
      endSpan(span, err);
      await fail(msg, err);
    }
  };

  const processBatch = async (batch: JsMsg[]): Promise<void> => {
    const parsed: { msg: JsMsg; event: E }[] = [];
    for (const msg of batch) {
      try {
        parsed.push({ msg, event: o.parse(parseJson(msg)) });
      } catch (err) {
        await fail(msg, err);
      }
    }
    if (parsed.length === 0) return;
    if (!o.handleBatch || parsed.length === 1) {
      for (const { msg, event } of parsed) await processOne(msg, event);
      return;
    }
    // Each message gets its own span (its trace shows it was processed); the batch's own work (one
    // transaction) runs under the first one's.
    const spans = parsed.map(({ msg }) => consumeSpanOf(msg, o.durable));
    const handleBatch = o.handleBatch;
    try {
      await context.with(spans[0]!.context, () =>
        handleBatch(
          parsed.map(({ msg, event }, i) => ({ event, meta: tracedMetaOf(msg, spans[i]!.context) })),
        ),
      );
      for (const { msg } of parsed) msg.ack();
      for (const { span } of spans) endSpan(span);
    } catch (err) {
      for (const { span } of spans) endSpan(span, new Error('batch failed; processed again one by one'));
      // All or nothing failed: handle one by one so only the message at fault is retried or parked.
      log.warn('batch failed, retrying its messages one by one', { err, size: parsed.length });
      for (const { msg, event } of parsed) await processOne(msg, event);
    }
  };

  let stopped = false;
  let current: ConsumerMessages | undefined;
  const loop = (async () => {
    // The iterator ends if the consumer vanishes or the server is gone for long: start over, never quit.
    for (let attempt = 0; !stopped; attempt++) {
      try {
        if (attempt > 0) await ensureConsumer(o.jsm, o.stream, o.durable, o.filterSubjects, o.ackWaitMs);
        const consumer = await o.js.consumers.get(o.stream, o.durable);
        current = await consumer.consume({ max_messages: Math.max(64, maxBatch) });
        const batch: JsMsg[] = [];
        // Batches run one after another, in delivery order, whichever path flushed them.
        let flushing: Promise<void> = Promise.resolve();
        const flush = (): Promise<void> => {
          const messages = batch.splice(0);
          if (messages.length > 0) {
            // Unacked on a failure here, the messages come back after ack_wait; the chain goes on.
            flushing = flushing
              .then(() => processBatch(messages))
              .catch((err: unknown) => log.error('batch not processed', { err, size: messages.length }));
          }
          return flushing;
        };
        let idle: NodeJS.Timeout | undefined;
        try {
          for await (const msg of current) {
            attempt = 0;
            clearTimeout(idle);
            batch.push(msg);
            // Flush when full or when nothing else is buffered: batches grow under load, not latency.
            if (batch.length >= maxBatch || current.getPending() <= 0) {
              await flush();
            } else {
              // The iterator can count a status message it swallowed as pending: never let a partial
              // batch wait for a next message that may not come (it would sit unacked until ack_wait).
              idle = setTimeout(() => void flush(), BATCH_LINGER_MS);
            }
          }
        } finally {
          clearTimeout(idle);
          await flush();
        }
      } catch (err) {
        if (stopped) break;
        log.warn('consumer interrupted, resubscribing', { err });
      }
      if (!stopped) await sleep(Math.min(10_000, 250 * 2 ** Math.min(attempt, 6)));
    }
  })();

  return {
    async stop() {
      stopped = true;
      await current?.close();
      await loop;
    },
  };
}
