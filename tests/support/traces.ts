import { readFile } from 'node:fs/promises';
import type { ReceivedSpan } from '@fuzzforge/observability/testing';

/** Every span the platform exported so far (the test setup's OTLP receiver writes them, a line each). */
export async function exportedSpans(file: string): Promise<ReceivedSpan[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ReceivedSpan);
}

/** The spans of one trace, and those among them whose parent is not in it. */
export function traceOf(spans: readonly ReceivedSpan[], traceId: string) {
  const members = spans.filter((s) => s.traceId === traceId);
  const ids = new Set(members.map((s) => s.spanId));
  return {
    spans: members,
    orphans: members.filter((s) => s.parentSpanId !== undefined && !ids.has(s.parentSpanId)),
    roots: members.filter((s) => s.parentSpanId === undefined),
  };
}

/** The service that exported a span (its resource's service.name). */
export const serviceOf = (span: ReceivedSpan): string => String(span.resource['service.name']);

/** The chain of spans from `span` up to its trace's root, names with their services. */
export function ancestry(spans: readonly ReceivedSpan[], span: ReceivedSpan): string[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const chain: string[] = [];
  for (
    let at: ReceivedSpan | undefined = span;
    at;
    at = at.parentSpanId ? byId.get(at.parentSpanId) : undefined
  ) {
    chain.push(`${serviceOf(at)}: ${at.name}`);
  }
  return chain.reverse();
}
