import { describe, expect, it } from 'vitest';
import { createPlatformMetrics } from './registry';

describe('createPlatformMetrics', () => {
  it('exposes catalogued metrics with their labels and the service label', async () => {
    const metrics = createPlatformMetrics({ service: 'api', defaultMetrics: false });
    metrics.counter('apiRequests').inc({ method: 'GET', route: '/v1/runs/:id', status: '200' });
    metrics.histogram('apiRequestDuration').observe({ method: 'GET', route: '/v1/runs/:id' }, 0.02);

    const text = await metrics.registry.metrics();

    expect(text).toContain('# TYPE fuzzforge_api_requests_total counter');
    expect(text).toContain(
      'fuzzforge_api_requests_total{method="GET",route="/v1/runs/:id",status="200",service="api"} 1',
    );
    expect(text).toContain(
      'fuzzforge_api_request_duration_seconds_bucket{le="0.025",service="api",method="GET",route="/v1/runs/:id"} 1',
    );
    expect(text).toContain(
      'fuzzforge_api_request_duration_seconds_count{service="api",method="GET",route="/v1/runs/:id"} 1',
    );
  });

  it('hands back the same metric for the same key', () => {
    const metrics = createPlatformMetrics({ service: 's', defaultMetrics: false });
    expect(metrics.counter('webhookDeliveries')).toBe(metrics.counter('webhookDeliveries'));
  });

  it('refuses labels outside the catalogue', () => {
    const metrics = createPlatformMetrics({ service: 's', defaultMetrics: false });
    // @ts-expect-error: `vertical` is not a label of fuzzforge_webhook_deliveries_total.
    expect(() => metrics.counter('webhookDeliveries').inc({ vertical: 'x' })).toThrow();
  });

  it('runs every scrape hook of a gauge before reading it', async () => {
    const metrics = createPlatformMetrics({ service: 'projector', defaultMetrics: false });
    const runs = metrics.gauge('runs', () => {
      runs.set({ state: 'running', workflow: 'secret_detection' }, 3);
    });
    metrics.gauge('runs', async () => {
      await Promise.resolve();
      runs.set({ state: 'queued', workflow: 'secret_detection' }, 1);
    });

    const text = await metrics.registry.metrics();

    expect(text).toContain(
      'fuzzforge_runs{state="running",workflow="secret_detection",service="projector"} 3',
    );
    expect(text).toContain(
      'fuzzforge_runs{state="queued",workflow="secret_detection",service="projector"} 1',
    );
  });

  it('includes process default metrics unless switched off', async () => {
    const withDefaults = createPlatformMetrics({ service: 's' });
    expect(await withDefaults.registry.metrics()).toContain('nodejs_eventloop_lag_seconds');
    const without = createPlatformMetrics({ service: 's', defaultMetrics: false });
    expect(await without.registry.metrics()).not.toContain('nodejs_eventloop_lag_seconds');
  });
});
