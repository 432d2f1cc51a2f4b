import { trace } from '@opentelemetry/api';
import { beforeEach, describe, expect, it } from 'vitest';
import { installInMemoryTracing } from '../testing/inMemoryTracing';
import { traceContextEnv, withToolSpan } from './toolSpan';

const tracing = installInMemoryTracing();

describe('withToolSpan', () => {
  beforeEach(() => tracing.reset());

  it("hands the tool process the span's TRACEPARENT and records the exit code", async () => {
    const result = await withToolSpan({ tool: 'echo-env', vertical: 'secrets', runId: 'r9' }, (env) =>
      // What a spawned tool would see: the env handed to runTool({ env }).
      Promise.resolve({ exitCode: 0, stdout: env['TRACEPARENT'] }),
    );

    const [span] = tracing.spans();
    expect(span?.name).toBe('tool echo-env');
    expect(result.stdout).toBe(`00-${span?.spanContext().traceId}-${span?.spanContext().spanId}-01`);
    expect(span?.attributes).toMatchObject({
      'fuzzforge.tool': 'echo-env',
      'fuzzforge.vertical': 'secrets',
      'fuzzforge.run_id': 'r9',
      'fuzzforge.tool.exit_code': 0,
    });
  });

  it('gives no variables outside a span', () => {
    expect(traceContextEnv()).toEqual({});
  });

  it('nests under the active span (the activity)', async () => {
    await trace.getTracer('t').startActiveSpan('activity', async (activity) => {
      await withToolSpan({ tool: 'x', vertical: 'v' }, () => Promise.resolve(0));
      activity.end();
    });
    const [tool, activity] = tracing.spans();
    expect(tool?.parentSpanContext?.spanId).toBe(activity?.spanContext().spanId);
  });
});
