import { afterEach, describe, expect, it } from 'vitest';
import { serveMetrics, type MetricsServer } from './metricsServer';
import { createPlatformMetrics } from './registry';

describe('serveMetrics', () => {
  let server: MetricsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers GET /metrics in the Prometheus text format and 404 elsewhere', async () => {
    const metrics = createPlatformMetrics({ service: 'dispatcher' });
    metrics.counter('webhookDeliveries').inc({ outcome: 'delivered' });
    server = await serveMetrics({ port: 0, registry: metrics.registry });
    expect(server.port).toBeGreaterThan(0);

    const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await res.text();
    expect(body).toContain('fuzzforge_webhook_deliveries_total{outcome="delivered",service="dispatcher"} 1');
    expect(body).toContain('process_cpu_seconds_total');

    expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});
