import { describe, expect, it } from 'vitest';
import { traceparentWithSpan, workflowSpanIdOf } from './workflowTracing';

describe('workflow tracing', () => {
  it('names one span per workflow run, the same on every replay', () => {
    const id = workflowSpanIdOf('01RUN', 'temporal-run-a');
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(workflowSpanIdOf('01RUN', 'temporal-run-a')).toBe(id);
    expect(workflowSpanIdOf('01RUN', 'temporal-run-b')).not.toBe(id);
    expect(workflowSpanIdOf('01RUM', 'temporal-run-a')).not.toBe(id);
  });

  it('places a span in its parent trace, keeping the sampling flag', () => {
    const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect(traceparentWithSpan(parent, '00f067aa0ba902b7')).toBe(
      '00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01',
    );
    expect(traceparentWithSpan('garbage', '00f067aa0ba902b7')).toBeUndefined();
  });
});
