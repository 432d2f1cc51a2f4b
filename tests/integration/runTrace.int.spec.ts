import { ulid } from 'ulid';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ReceivedSpan } from '@fuzzforge/observability/testing';
import { eventually } from '../support/http';
import { completedRun, findingsOf, requestRun, uploadFixture } from '../support/scanRuns';
import { ancestry, exportedSpans, serviceOf, traceOf } from '../support/traces';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhookReceiver';

const api = inject('apiUrl');
const tracesFile = inject('tracesFile');

let receiver: WebhookReceiver | undefined;
afterAll(async () => {
  await receiver?.close();
});

const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;

describe("one run's trace", () => {
  it('covers API → NATS → dispatcher → workflow → activities → tool → projector → webhook, with no orphan', async () => {
    const project = `trace-${ulid().toLowerCase()}`;
    receiver = await startWebhookReceiver();
    const hook = await fetch(`${api}/v1/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, eventTypes: ['ff.run.completed'], projects: [project] }),
    });
    expect(hook.status).toBe(201);
    const webhookId = ((await hook.json()) as { id: string }).id;

    const target = await uploadFixture(api, 'leaky-app');
    const runId = await requestRun(api, target.id, 'secret-scan', {}, project);
    await completedRun(api, runId);
    expect((await findingsOf(api, runId)).length).toBeGreaterThan(0);
    await eventually(
      () => Promise.resolve(receiver!.accepted.length > 0 ? true : undefined),
      30_000,
      'the run.completed webhook',
    );

    // The run's trace starts at the API request that created it (the span carrying the run id).
    const runRequest = (spans: ReceivedSpan[]) =>
      spans.find(
        (s) => s.kind === SERVER && s.attributes['fuzzforge.run_id'] === runId && serviceOf(s) === 'api',
      );
    const required = (spans: ReceivedSpan[]) => ({
      'api: POST /v1/runs': runRequest(spans),
      'api: publish the run request': spans.find(
        (s) =>
          s.kind === PRODUCER && serviceOf(s) === 'api' && s.name === `publish ff.runs.requested.${runId}`,
      ),
      'dispatcher: process the run request': spans.find(
        (s) =>
          s.kind === CONSUMER &&
          serviceOf(s) === 'dispatcher' &&
          s.name === `process ff.runs.requested.${runId}`,
      ),
      'worker: the workflow run': spans.find(
        (s) => serviceOf(s) === 'worker-secrets' && s.name.startsWith('RunWorkflow:'),
      ),
      'worker: an activity': spans.find(
        (s) => serviceOf(s) === 'worker-secrets' && s.name.startsWith('RunActivity:'),
      ),
      'worker: the gitleaks process': spans.find(
        (s) => serviceOf(s) === 'worker-secrets' && s.attributes['fuzzforge.tool'] === 'gitleaks',
      ),
      'worker: publish a finding': spans.find(
        (s) =>
          s.kind === PRODUCER &&
          serviceOf(s) === 'worker-secrets' &&
          s.name === `publish ff.run.${runId}.finding`,
      ),
      'projector: project a finding': spans.find(
        (s) =>
          s.kind === CONSUMER && serviceOf(s) === 'projector' && s.name === `process ff.run.${runId}.finding`,
      ),
      'webhooks: fan the run.completed out': spans.find(
        (s) =>
          s.kind === CONSUMER &&
          serviceOf(s) === 'webhooks' &&
          s.name === `process ff.run.${runId}.completed`,
      ),
      'webhooks: deliver it': spans.find(
        (s) =>
          serviceOf(s) === 'webhooks' &&
          s.name === 'deliver webhook' &&
          s.attributes['fuzzforge.webhook_id'] === webhookId,
      ),
    });

    // Spans arrive in batches, a few seconds after they end.
    const trace = await eventually(
      async () => {
        const all = await exportedSpans(tracesFile);
        const root = runRequest(all);
        if (!root) return undefined;
        const t = traceOf(all, root.traceId);
        const found = required(t.spans);
        if (Object.values(found).some((s) => s === undefined) || t.orphans.length > 0) return undefined;
        return { ...t, found };
      },
      45_000,
      'the whole trace of the run',
    ).catch(async (err: unknown) => {
      const all = await exportedSpans(tracesFile);
      const root = runRequest(all);
      const t = root ? traceOf(all, root.traceId) : undefined;
      const missing = t
        ? Object.entries(required(t.spans))
            .filter(([, s]) => !s)
            .map(([k]) => k)
        : ['the root'];
      throw new Error(
        `${String(err)}; missing: ${missing.join(', ')}; orphans: ${t?.orphans.map((o) => `${serviceOf(o)}: ${o.name}`).join(', ')}`,
      );
    });

    expect(trace.roots).toHaveLength(1);
    expect(trace.roots[0]!.spanId).toBe(trace.found['api: POST /v1/runs']!.spanId);
    // The delivery descends from the API request through every process in between.
    const path = ancestry(trace.spans, trace.found['webhooks: deliver it']!);
    const services = [...new Set(path.map((p) => p.split(':')[0]))];
    expect(services).toEqual(['api', 'dispatcher', 'worker-secrets', 'webhooks']);
    const toolPath = ancestry(trace.spans, trace.found['worker: the gitleaks process']!);
    expect(toolPath.some((p) => p.includes('RunWorkflow:'))).toBe(true);
    expect(toolPath.some((p) => p.includes('RunActivity:'))).toBe(true);
    // Every process the run went through exported spans of it, each with its resource attributes.
    for (const span of trace.spans) {
      expect(span.resource['service.instance.id']).toMatch(/:\d+$/);
      expect(span.resource['service.version']).toBeTruthy();
    }
  });
});
