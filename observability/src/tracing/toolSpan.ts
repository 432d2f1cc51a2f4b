import { context, propagation, trace, type Attributes, type Span } from '@opentelemetry/api';
import { markSpanFailed } from './activeSpan';
import { ATTR_RUN_ID, ATTR_TOOL, ATTR_TOOL_EXIT_CODE, ATTR_VERTICAL } from './attributes';

/**
 * The trace context as environment variables for a child process (`TRACEPARENT`, `TRACESTATE`, the
 * names OTel's env-carrier spec gives), so a tool that understands them continues the run's trace.
 */
export function traceContextEnv(ctx = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  const env: Record<string, string> = {};
  if (carrier['traceparent']) env['TRACEPARENT'] = carrier['traceparent'];
  if (carrier['tracestate']) env['TRACESTATE'] = carrier['tracestate'];
  if (carrier['baggage']) env['BAGGAGE'] = carrier['baggage'];
  return env;
}

export interface ToolSpanOptions {
  tool: string;
  vertical: string;
  runId?: string;
  attributes?: Attributes;
}

/**
 * Runs a tool process inside a span `tool <name>`: `fn` gets the env vars to add to the child's
 * environment and returns the exit code (or a result carrying it). A thrown error marks the span failed;
 * a non-zero exit is a result, recorded on the span but not an error (as `runTool` treats it).
 */
export function withToolSpan<T extends { exitCode: number | null } | number | null>(
  o: ToolSpanOptions,
  fn: (env: Record<string, string>, span: Span) => Promise<T>,
): Promise<T> {
  const tracer = trace.getTracer('@fuzzforge/observability/tool');
  return tracer.startActiveSpan(
    `tool ${o.tool}`,
    {
      attributes: {
        [ATTR_TOOL]: o.tool,
        [ATTR_VERTICAL]: o.vertical,
        ...(o.runId ? { [ATTR_RUN_ID]: o.runId } : {}),
        ...o.attributes,
      },
    },
    async (span) => {
      try {
        const result = await fn(traceContextEnv(), span);
        const outcome: { exitCode: number | null } | number | null = result;
        const exitCode = typeof outcome === 'number' || outcome === null ? outcome : outcome.exitCode;
        if (exitCode !== null) span.setAttribute(ATTR_TOOL_EXIT_CODE, exitCode);
        return result;
      } catch (err) {
        span.recordException(err instanceof Error ? err : String(err));
        markSpanFailed(span, err);
        throw err;
      } finally {
        span.end();
      }
    },
  );
}
