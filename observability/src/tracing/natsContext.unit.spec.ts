import type { JsMsg } from '@nats-io/jetstream';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { beforeEach, describe, expect, it } from 'vitest';
import { installInMemoryTracing } from '../testing/inMemoryTracing';
import { ATTR_RUN_ID } from './attributes';
import {
  extractTraceContext,
  injectTraceContext,
  withConsumeBatchSpan,
  withConsumeSpan,
  withPublishSpan,
  type TracedMessage,
} from './natsContext';

const tracing = installInMemoryTracing();

// Compile-time check: a nats.js JetStream message is a TracedMessage as it is, no adapter needed.
const _jsMsgFits = (msg: JsMsg): TracedMessage => msg;

/** Stands in for nats.js MsgHdrs (get/set/keys); a missing header reads as "", as in MsgHdrs. */
class FakeHeaders extends Map<string, string> {
  override get(key: string): string {
    return super.get(key) ?? '';
  }
}

describe('NATS trace context', () => {
  beforeEach(() => tracing.reset());

  it('carries a publish span to the consumer: same trace, consumer span parented to the producer', async () => {
    const headers = new FakeHeaders();
    await withPublishSpan(
      { subject: 'ff.runs.requested.r1', headers, messageId: 'evt-1', attributes: { [ATTR_RUN_ID]: 'r1' } },
      () => Promise.resolve(),
    );
    expect(headers.get('traceparent')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    await withConsumeSpan({ subject: 'ff.runs.requested.r1', headers }, () => Promise.resolve(), {
      consumer: 'dispatcher',
    });

    const [producer, consumer] = tracing.spans();
    expect(producer?.kind).toBe(SpanKind.PRODUCER);
    expect(producer?.attributes).toMatchObject({
      'messaging.system': 'nats',
      'messaging.destination.name': 'ff.runs.requested.r1',
      'messaging.message.id': 'evt-1',
      'fuzzforge.run_id': 'r1',
    });
    expect(consumer?.kind).toBe(SpanKind.CONSUMER);
    expect(consumer?.attributes).toMatchObject({
      'messaging.system': 'nats',
      'messaging.destination.name': 'ff.runs.requested.r1',
      'messaging.consumer.group.name': 'dispatcher',
    });
    expect(consumer?.spanContext().traceId).toBe(producer?.spanContext().traceId);
    expect(consumer?.parentSpanContext?.spanId).toBe(producer?.spanContext().spanId);
  });

  it('makes work inside the consume span its children', async () => {
    const headers = new FakeHeaders();
    await withPublishSpan({ subject: 's.1', headers }, () => Promise.resolve());
    await withConsumeSpan({ subject: 's.1', headers }, () => {
      trace.getTracer('t').startSpan('insert').end();
      return Promise.resolve();
    });
    const [, insert, consumer] = tracing.spans();
    expect(insert?.name).toBe('insert');
    expect(insert?.parentSpanContext?.spanId).toBe(consumer?.spanContext().spanId);
  });

  it('round-trips tracestate and reads headers whatever their case', () => {
    const headers = new FakeHeaders([
      ['Traceparent', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'],
      ['tracestate', 'vendor=value'],
    ]);
    const ctx = extractTraceContext(headers);
    expect(trace.getSpanContext(ctx)?.traceId).toBe('0af7651916cd43dd8448eb211c80319c');

    const out = new FakeHeaders();
    injectTraceContext(out, ctx);
    expect(out.get('traceparent')).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    expect(out.get('tracestate')).toBe('vendor=value');
  });

  it('starts a new trace for a message published without context', async () => {
    await withConsumeSpan({ subject: 'legacy', headers: new FakeHeaders() }, () => Promise.resolve());
    await withConsumeSpan({ subject: 'legacy' }, () => Promise.resolve());
    const spans = tracing.spans();
    expect(spans).toHaveLength(2);
    for (const span of spans) expect(span.parentSpanContext).toBeUndefined();
  });

  it('marks the consume span failed and rethrows when the handler throws', async () => {
    await expect(
      withConsumeSpan({ subject: 's', headers: new FakeHeaders() }, () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    const [span] = tracing.spans();
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'boom' });
    expect(span?.events.map((e) => e.name)).toContain('exception');
  });

  it('parents a batch span to its first message and links every message', async () => {
    const first = new FakeHeaders();
    const second = new FakeHeaders();
    await withPublishSpan({ subject: 'a', headers: first }, () => Promise.resolve());
    await withPublishSpan({ subject: 'b', headers: second }, () => Promise.resolve());
    await withConsumeBatchSpan(
      [
        { subject: 'a', headers: first },
        { subject: 'b', headers: second },
      ],
      () => Promise.resolve(),
      { destination: 'FF_RUN_EVENTS', consumer: 'projector' },
    );
    const [a, b, batch] = tracing.spans();
    expect(batch?.parentSpanContext?.spanId).toBe(a?.spanContext().spanId);
    expect(batch?.links.map((l) => l.context.spanId)).toEqual([
      a?.spanContext().spanId,
      b?.spanContext().spanId,
    ]);
    expect(batch?.attributes['messaging.batch.message_count']).toBe(2);
  });
});
