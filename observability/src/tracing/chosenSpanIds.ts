import { propagation, ROOT_CONTEXT, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { RandomIdGenerator, type IdGenerator } from '@opentelemetry/sdk-trace-base';

let chosen: string | undefined;

/**
 * Random ids, except for a span started inside `withSpanId`: a span reported by another process than
 * the one it stands for (a Temporal workflow run, from whichever worker completes it) needs the id its
 * children were already given.
 */
export class PlatformIdGenerator implements IdGenerator {
  private readonly random = new RandomIdGenerator();
  generateTraceId(): string {
    return this.random.generateTraceId();
  }
  generateSpanId(): string {
    const id = chosen;
    chosen = undefined;
    return id ?? this.random.generateSpanId();
  }
}

/** Starts (synchronously, in `start`) one span with the given id. */
function withSpanId<T>(spanId: string, start: () => T): T {
  chosen = spanId;
  try {
    return start();
  } finally {
    chosen = undefined;
  }
}

/** A span that already happened, reported once it ended. */
export interface FinishedSpan {
  name: string;
  /** W3C context of its parent. */
  parent: { traceparent: string; tracestate?: string };
  spanId: string;
  startTime: Date;
  endTime: Date;
  attributes?: Attributes;
  /** Set when it failed. */
  error?: string;
}

/** Records a finished span with a chosen id under its parent (a no-op when tracing is off). */
export function recordFinishedSpan(s: FinishedSpan, tracerName = '@fuzzforge/observability/temporal'): void {
  const parent = propagation.extract(ROOT_CONTEXT, { ...s.parent });
  if (!trace.getSpanContext(parent)) return;
  const span = withSpanId(s.spanId, () =>
    trace
      .getTracer(tracerName)
      .startSpan(
        s.name,
        { startTime: s.startTime, ...(s.attributes ? { attributes: s.attributes } : {}) },
        parent,
      ),
  );
  if (s.error) span.setStatus({ code: SpanStatusCode.ERROR, message: s.error });
  span.end(s.endTime);
}
