import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunResponse } from '@fuzzforge/contracts';
import { anonymousFetch } from '../support/apiKey';
import { uniqueProject } from '../support/fuzzRuns';
import { eventually, json } from '../support/http';
import { scrape, type Scrape } from '../support/metrics';
import { completedRun, requestRun, uploadFixture } from '../support/scanRuns';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhookReceiver';

const api = inject('apiUrl');
const services = inject('serviceNames');
const workers = services.filter((s) => s.startsWith('worker-'));

/** The durable consumers each process reads, by stream: each must export its backlog gauges. */
const durables: Record<string, [stream: string, consumer: string][]> = {
  dispatcher: [['FF_RUNS', 'dispatcher']],
  projector: [
    ['FF_TARGETS', 'projector-targets'],
    ['FF_RUNS', 'projector-runs'],
    ['FF_RUN_EVENTS', 'projector-run-events'],
    ['FF_FINDINGS', 'projector-findings'],
  ],
  webhooks: [
    ['FF_TARGETS', 'webhooks-targets'],
    ['FF_RUNS', 'webhooks-runs'],
    ['FF_RUN_EVENTS', 'webhooks-run-events'],
    ['FF_FINDINGS', 'webhooks-findings'],
    ['FF_WEBHOOKS', 'webhooks-webhooks'],
  ],
};

describe('/metrics of every platform process', () => {
  let secretRun: RunResponse;
  let fuzzRun: RunResponse;
  const scrapes = new Map<string, Scrape>();
  const of = (service: string): Scrape => {
    const s = scrapes.get(service);
    if (!s) expect.fail(`${service} was not scraped`);
    return s;
  };

  let hooks: WebhookReceiver;
  let webhookId: string;

  beforeAll(async () => {
    // A webhook told of the secret scan's end, so the webhooks service delivers something.
    hooks = await startWebhookReceiver();
    const project = uniqueProject('metrics');
    const created = await fetch(`${api}/v1/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: hooks.url, eventTypes: ['ff.run.completed'], projects: [project] }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    webhookId = (await json<{ id: string }>(created)).id;

    // One real secret scan and one short libFuzzer campaign, side by side.
    const leaky = await uploadFixture(api, 'leaky-app');
    const heap = await uploadFixture(api, 'fuzz-c-heap');
    const secretId = await requestRun(api, leaky.id, 'secret-scan', {}, project);
    const fuzzId = await requestRun(
      api,
      heap.id,
      'libfuzzer',
      { durationSeconds: 8, stopAfterCrashes: 1 },
      project,
    );
    [secretRun, fuzzRun] = await Promise.all([completedRun(api, secretId), completedRun(api, fuzzId)]);
    // Answers the error series are made of: no key (401) and an unknown run (404).
    expect((await anonymousFetch(`${api}/v1/runs/${secretId}`)).status).toBe(401);
    expect((await fetch(`${api}/v1/runs/01J0000000000000000000NONE`)).status).toBe(404);
    // The delivery is counted once the receiver answered and the attempt is recorded.
    await eventually(
      async () => {
        const w = await scrape('webhooks');
        return w.find('fuzzforge_webhook_deliveries_total', { outcome: 'delivered' }).length ? w : undefined;
      },
      30_000,
      'a delivered webhook in the webhooks service metrics',
    );
    for (const service of services) scrapes.set(service, await scrape(service));
  }, 420_000);

  afterAll(async () => {
    if (webhookId) await fetch(`${api}/v1/webhooks/${webhookId}`, { method: 'DELETE' });
    await hooks?.close();
  });

  it('scrapes every process of the platform, each labelling its series with its name', () => {
    expect(services).toEqual(expect.arrayContaining(['api', 'dispatcher', 'projector', 'webhooks']));
    expect(workers.length).toBeGreaterThanOrEqual(1);
    for (const service of services) {
      const s = of(service);
      // Process metrics show the registry is the process's own, served by that process.
      expect(s.value('process_cpu_seconds_total', { service })).toBeGreaterThan(0);
      expect(s.samples.every((sample) => sample.labels['service'] === service)).toBe(true);
    }
  });

  it('projector: runs by state and workflow, run durations, lag, DLQ depth', () => {
    const p = of('projector');
    expect(p.value('fuzzforge_runs', { state: 'completed', workflow: 'secret-scan' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(p.value('fuzzforge_runs', { state: 'completed', workflow: 'libfuzzer' })).toBeGreaterThanOrEqual(
      1,
    );
    const secretDurations = { workflow: 'secret-scan', outcome: 'completed' };
    expect(p.value('fuzzforge_run_duration_seconds_count', secretDurations)).toBeGreaterThanOrEqual(1);
    expect(p.value('fuzzforge_run_duration_seconds_sum', secretDurations)).toBeGreaterThan(0);
    expect(p.value('fuzzforge_run_duration_seconds_bucket', { ...secretDurations, le: '+Inf' })).toBe(
      p.value('fuzzforge_run_duration_seconds_count', secretDurations),
    );
    expect(
      p.value('fuzzforge_run_duration_seconds_count', { workflow: 'libfuzzer', outcome: 'completed' }),
    ).toBeGreaterThanOrEqual(1);
    // The streams this test wrote to (a re-uploaded target publishes nothing: same bytes, same target).
    for (const stream of ['FF_RUNS', 'FF_RUN_EVENTS']) {
      const lag = p.value('fuzzforge_projector_lag_seconds', { stream });
      // The events were applied as they came: seconds behind at most, never negative.
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThan(60);
    }
    const streams = p.find('fuzzforge_projector_lag_seconds').map((x) => x.labels['stream']);
    expect(['FF_TARGETS', 'FF_RUNS', 'FF_RUN_EVENTS', 'FF_FINDINGS']).toEqual(
      expect.arrayContaining(streams),
    );
    expect(p.value('fuzzforge_dlq_messages')).toBeGreaterThanOrEqual(0);
    expect(p.value('fuzzforge_metrics_scrape_errors_total', { source: 'postgres' })).toBe(0);
  });

  it.each(Object.keys(durables))(
    '%s: pending, ack-pending and redelivered per durable consumer',
    (service) => {
      const s = of(service);
      for (const [stream, consumer] of durables[service]!) {
        for (const name of [
          'fuzzforge_consumer_pending_messages',
          'fuzzforge_consumer_ack_pending_messages',
          'fuzzforge_consumer_redelivered_messages',
        ]) {
          expect(s.value(name, { stream, consumer })).toBeGreaterThanOrEqual(0);
        }
      }
      // Only the durables of this process, and the DLQ only from the projector.
      const consumers = new Set(
        s.find('fuzzforge_consumer_pending_messages').map((x) => x.labels['consumer']),
      );
      expect([...consumers].sort()).toEqual(durables[service]!.map(([, c]) => c).sort());
      expect(s.find('fuzzforge_dlq_messages')).toHaveLength(service === 'projector' ? 1 : 0);
      expect(s.value('fuzzforge_metrics_scrape_errors_total', { source: 'jetstream' })).toBe(0);
    },
  );

  it('api: request counts by method, route pattern and status, and their durations', () => {
    const a = of('api');
    expect(
      a.value('fuzzforge_api_requests_total', { method: 'POST', route: '/v1/targets', status: '201' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      a.value('fuzzforge_api_requests_total', { method: 'POST', route: '/v1/runs', status: '202' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      a.value('fuzzforge_api_requests_total', { method: 'GET', route: '/v1/runs/:id', status: '200' }),
    ).toBeGreaterThanOrEqual(2);
    // Errors are the 4xx/5xx statuses, still under the route pattern, never the raw path.
    expect(
      a.value('fuzzforge_api_requests_total', { method: 'GET', route: '/v1/runs/:id', status: '401' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      a.value('fuzzforge_api_requests_total', { method: 'GET', route: '/v1/runs/:id', status: '404' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      a.find('fuzzforge_api_requests_total').every((x) => !x.labels['route']!.includes(secretRun.id)),
    ).toBe(true);
    const polled = { method: 'GET', route: '/v1/runs/:id' };
    expect(a.value('fuzzforge_api_request_duration_seconds_count', polled)).toBeGreaterThanOrEqual(2);
    expect(a.value('fuzzforge_api_request_duration_seconds_bucket', { ...polled, le: '+Inf' })).toBe(
      a.value('fuzzforge_api_request_duration_seconds_count', polled),
    );
  });

  it('workers: target cache hits and misses per vertical; gitleaks durations', () => {
    for (const worker of workers) {
      const vertical = worker.slice('worker-'.length);
      const w = of(worker);
      expect(w.value('fuzzforge_target_cache_hits_total', { vertical })).toBeGreaterThanOrEqual(0);
      expect(w.value('fuzzforge_target_cache_misses_total', { vertical })).toBeGreaterThanOrEqual(0);
    }
    const secrets = of('worker-secrets');
    // The scan fetched leaky-app: a miss the first time this cache saw it, a hit on later test runs.
    expect(
      secrets.value('fuzzforge_target_cache_hits_total', { vertical: 'secrets' }) +
        secrets.value('fuzzforge_target_cache_misses_total', { vertical: 'secrets' }),
    ).toBeGreaterThanOrEqual(1);
    const gitleaks = { tool: 'gitleaks', vertical: 'secrets', outcome: 'ok' };
    expect(secrets.value('fuzzforge_tool_duration_seconds_count', gitleaks)).toBeGreaterThanOrEqual(1);
    expect(secrets.value('fuzzforge_tool_duration_seconds_sum', gitleaks)).toBeGreaterThan(0);
    expect(
      secrets.value('fuzzforge_tool_duration_seconds_count', { tool: 'detect-secrets', vertical: 'secrets' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('native worker: the campaign’s execs/s, executions and crashes, as its run reports them', async () => {
    const run = await json<RunResponse>(await fetch(`${api}/v1/runs/${fuzzRun.id}`));
    const stats = run.fuzzing;
    if (!stats) expect.fail('the fuzz run reports no fuzzing counters');
    const labels = { run_id: fuzzRun.id, engine: 'libfuzzer' };
    const native = of('worker-native');
    expect(native.value('fuzzforge_fuzzing_execs_per_second', labels)).toBe(stats.execsPerSecond);
    expect(native.value('fuzzforge_fuzzing_executions_total', labels)).toBe(stats.executions);
    expect(stats.executions).toBeGreaterThan(0);
    expect(native.value('fuzzforge_fuzzing_crashes_total', labels)).toBe(stats.crashes);
    const cache = native.value('fuzzforge_target_cache_misses_total', { vertical: 'native' });
    expect(
      cache + native.value('fuzzforge_target_cache_hits_total', { vertical: 'native' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('webhooks: deliveries by outcome and their durations', () => {
    const w = of('webhooks');
    expect(hooks.accepted.length).toBeGreaterThanOrEqual(1);
    expect(w.value('fuzzforge_webhook_deliveries_total', { outcome: 'delivered' })).toBeGreaterThanOrEqual(1);
    const delivered = { outcome: 'delivered' };
    expect(w.value('fuzzforge_webhook_delivery_duration_seconds_count', delivered)).toBeGreaterThanOrEqual(1);
    for (const sample of w.find('fuzzforge_webhook_deliveries_total')) {
      expect(['delivered', 'failed', 'gave_up']).toContain(sample.labels['outcome']);
    }
  });

  it('prints what each process exports', () => {
    for (const service of services) {
      const names = of(service)
        .names()
        .filter((n) => n.startsWith('fuzzforge_'));
      console.log(`${service}: ${names.join(' ')}`);
      expect(names.length).toBeGreaterThan(0);
    }
  });
});
