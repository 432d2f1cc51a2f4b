// How a run's trace crosses Temporal. Pure and free of zod: workflow code (Temporal's sandbox) imports
// it through `@fuzzforge/contracts/workflowTracing`.

/** The Temporal header carrying W3C trace context into a workflow, and from it into activities and children. */
export const traceHeader = 'fuzzforge-trace';

/** W3C trace context as propagators write it into a carrier. */
export interface TraceCarrier {
  traceparent: string;
  tracestate?: string;
}

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** FNV-1a, 64 bits, as 16 hex digits (never all zero: that span id is invalid). */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash === 0n ? '0000000000000001' : hash.toString(16).padStart(16, '0');
}

/**
 * The span id of one workflow run's span. Derived, not random: every replay of the workflow, on any
 * worker, names the same span, so its activities have a parent that exists whoever reports it.
 */
export const workflowSpanIdOf = (workflowId: string, runId: string): string =>
  fnv1a64(`workflow\n${workflowId}\n${runId}`);

/** The traceparent of a span `spanId` in the trace `parent` belongs to; undefined when `parent` is invalid. */
export function traceparentWithSpan(parent: string, spanId: string): string | undefined {
  const m = traceparentPattern.exec(parent);
  return m ? `00-${m[1]}-${spanId}-${m[3]}` : undefined;
}
