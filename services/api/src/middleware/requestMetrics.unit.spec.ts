import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createPlatformMetrics } from '@fuzzforge/observability';
import { requestMetrics } from './requestMetrics';

describe('requestMetrics', () => {
  it('counts requests by method, route pattern and status, and times them', async () => {
    const metrics = createPlatformMetrics({ service: 'api', defaultMetrics: false });
    const app = new Hono();
    app.onError((_err, c) => c.text('failed', 500));
    app.use('*', requestMetrics({ metrics }));
    app.use('/v1/runs/*', async (c, next) => {
      if (!c.req.header('authorization')) return c.text('no key', 401);
      await next();
    });
    app.get('/v1/runs/:id', (c) => c.json({ id: c.req.param('id') }));
    app.get('/boom', () => {
      throw new Error('boom');
    });

    await app.request('/v1/runs/r1', { headers: { authorization: 'Bearer k' } });
    await app.request('/v1/runs/r2', { headers: { authorization: 'Bearer k' } });
    await app.request('/v1/runs/r3');
    await app.request('/nowhere/r4');
    await app.request('/boom');

    const text = await metrics.registry.metrics();
    const count = (labels: string) =>
      text.split('\n').find((l) => l.startsWith(`fuzzforge_api_requests_total{${labels},service="api"} `));
    expect(count('method="GET",route="/v1/runs/:id",status="200"')).toMatch(/ 2$/);
    // Rejected by middleware before the handler ran: still its route's pattern, never the raw path.
    expect(count('method="GET",route="/v1/runs/:id",status="401"')).toMatch(/ 1$/);
    expect(count('method="GET",route="unmatched",status="404"')).toMatch(/ 1$/);
    expect(count('method="GET",route="/boom",status="500"')).toMatch(/ 1$/);
    expect(text).not.toContain('r1');
    expect(text).toContain(
      'fuzzforge_api_request_duration_seconds_count{service="api",method="GET",route="/v1/runs/:id"} 3',
    );
  });
});
