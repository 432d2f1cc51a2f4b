import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type TextMapGetter,
  type TextMapSetter,
  type Tracer,
} from '@opentelemetry/api';
import {
  ATTR_MESSAGING_BATCH_MESSAGE_COUNT,
  ATTR_MESSAGING_CONSUMER_GROUP_NAME,
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_MESSAGE_ID,
  ATTR_MESSAGING_OPERATION_NAME,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_SYSTEM,
} from './attributes';
import { markSpanFailed } from './activeSpan';

/**
 * The part of nats.js v3 `MsgHdrs` trace propagation needs. `get` answers "" for a missing header,
 * as MsgHdrs does; a `Map<string, string>` fits as well.
 */
export interface NatsHeaderCarrier {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  keys(): Iterable<string>;
}

/** A received message as far as tracing is concerned (a `JsMsg` fits). */
export interface TracedMessage {
  subject: string;
  headers?: NatsHeaderCarrier | undefined;
}

const setter: TextMapSetter<NatsHeaderCarrier> = {
  set: (carrier, key, value) => carrier.set(key, value),
};

const getter: TextMapGetter<NatsHeaderCarrier> = {
  keys: (carrier) => [...carrier.keys()],
  // NATS headers are case-sensitive; the W3C names are lower-case, but accept any spelling.
  get: (carrier, key) => {
    const exact = carrier.get(key);
    if (exact) return exact;
    const other = [...carrier.keys()].find((k) => k.toLowerCase() === key);
    return other ? carrier.get(other) || undefined : undefined;
  },
};

/** Writes `traceparent` (and `tracestate`, baggage) of `ctx` into NATS headers before a publish. */
export function injectTraceContext(headers: NatsHeaderCarrier, ctx: Context = context.active()): void {
  propagation.inject(ctx, headers, setter);
}

/** Reads the publisher's trace context from NATS headers; `base` is returned unchanged when there is none. */
export function extractTraceContext(
  headers: NatsHeaderCarrier | undefined,
  base: Context = context.active(),
): Context {
  return headers ? propagation.extract(base, headers, getter) : base;
}

const defaultTracer = (): Tracer => trace.getTracer('@fuzzforge/observability/nats');

async function inSpan<T>(span: Span, ctx: Context, fn: (span: Span) => Promise<T>): Promise<T> {
  try {
    return await context.with(ctx, () => fn(span));
  } catch (err) {
    span.recordException(err instanceof Error ? err : String(err));
    markSpanFailed(span, err);
    throw err;
  } finally {
    span.end();
  }
}

export interface PublishSpanOptions {
  subject: string;
  /** The headers about to be published: the new span's context is written into them. */
  headers: NatsHeaderCarrier;
  /** The event id (also the Nats-Msg-Id). */
  messageId?: string;
  /** e.g. `{ [ATTR_RUN_ID]: runId }` so the run drill-down finds the span. */
  attributes?: Attributes;
  tracer?: Tracer;
}

/**
 * Runs a publish inside a PRODUCER span whose context travels in the message's headers, so the
 * consumer's span becomes its child. Put the `js.publish` call (and its ack) inside `fn`.
 */
export function withPublishSpan<T>(o: PublishSpanOptions, fn: (span: Span) => Promise<T>): Promise<T> {
  const span = (o.tracer ?? defaultTracer()).startSpan(`publish ${o.subject}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      [ATTR_MESSAGING_SYSTEM]: 'nats',
      [ATTR_MESSAGING_DESTINATION_NAME]: o.subject,
      [ATTR_MESSAGING_OPERATION_TYPE]: 'send',
      [ATTR_MESSAGING_OPERATION_NAME]: 'publish',
      ...(o.messageId ? { [ATTR_MESSAGING_MESSAGE_ID]: o.messageId } : {}),
      ...o.attributes,
    },
  });
  const ctx = trace.setSpan(context.active(), span);
  injectTraceContext(o.headers, ctx);
  return inSpan(span, ctx, fn);
}

export interface ConsumeSpanOptions {
  /** The durable consumer's name. */
  consumer?: string;
  messageId?: string;
  attributes?: Attributes;
  tracer?: Tracer;
}

/**
 * Starts the CONSUMER span of one received message, a child of the publisher's span (read from the
 * message headers); the caller ends it. For messages handled together, each gets its own span, so
 * every message's trace shows who processed it.
 */
export function startConsumeSpan(
  msg: TracedMessage,
  o: ConsumeSpanOptions = {},
): { span: Span; context: Context } {
  const parent = extractTraceContext(msg.headers, ROOT_CONTEXT);
  const span = (o.tracer ?? defaultTracer()).startSpan(
    `process ${msg.subject}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        [ATTR_MESSAGING_SYSTEM]: 'nats',
        [ATTR_MESSAGING_DESTINATION_NAME]: msg.subject,
        [ATTR_MESSAGING_OPERATION_TYPE]: 'process',
        [ATTR_MESSAGING_OPERATION_NAME]: 'process',
        ...(o.consumer ? { [ATTR_MESSAGING_CONSUMER_GROUP_NAME]: o.consumer } : {}),
        ...(o.messageId ? { [ATTR_MESSAGING_MESSAGE_ID]: o.messageId } : {}),
        ...o.attributes,
      },
    },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

/**
 * Handles one received message inside its CONSUMER span, so work done in `fn` — SQL, Temporal starts,
 * HTTP — joins the publisher's trace.
 */
export function withConsumeSpan<T>(
  msg: TracedMessage,
  fn: (span: Span) => Promise<T>,
  o: ConsumeSpanOptions = {},
): Promise<T> {
  const { span, context: ctx } = startConsumeSpan(msg, o);
  return inSpan(span, ctx, fn);
}

/**
 * Handles messages processed together (the projector's batch transaction) in one CONSUMER span
 * linked to every publisher's span: a batch has many parents, and links keep each trace reachable.
 */
export function withConsumeBatchSpan<T>(
  messages: readonly TracedMessage[],
  fn: (span: Span) => Promise<T>,
  o: Omit<ConsumeSpanOptions, 'messageId'> & { destination: string } = { destination: 'batch' },
): Promise<T> {
  const links: Link[] = [];
  let parent: Context | undefined;
  for (const msg of messages) {
    const extracted = extractTraceContext(msg.headers);
    const spanContext = trace.getSpanContext(extracted);
    if (!spanContext) continue;
    parent ??= extracted;
    links.push({ context: spanContext, attributes: { [ATTR_MESSAGING_DESTINATION_NAME]: msg.subject } });
  }
  // Parented to the first message's publisher so the span is never an orphan; links reach the others.
  const span = (o.tracer ?? defaultTracer()).startSpan(
    `process ${o.destination}`,
    {
      kind: SpanKind.CONSUMER,
      links,
      attributes: {
        [ATTR_MESSAGING_SYSTEM]: 'nats',
        [ATTR_MESSAGING_DESTINATION_NAME]: o.destination,
        [ATTR_MESSAGING_OPERATION_TYPE]: 'process',
        [ATTR_MESSAGING_OPERATION_NAME]: 'process',
        [ATTR_MESSAGING_BATCH_MESSAGE_COUNT]: messages.length,
        ...(o.consumer ? { [ATTR_MESSAGING_CONSUMER_GROUP_NAME]: o.consumer } : {}),
        ...o.attributes,
      },
    },
    parent ?? context.active(),
  );
  return inSpan(span, trace.setSpan(parent ?? context.active(), span), fn);
}
