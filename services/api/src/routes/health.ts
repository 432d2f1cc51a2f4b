import { Hono } from 'hono';
import type { ApiDeps } from '../deps';
import { checkReadiness } from '../domain/readiness';
import { problemResponse } from '../problem';

export function healthRoutes(deps: Pick<ApiDeps, 'readinessChecks'>): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const report = await checkReadiness(deps.readinessChecks);
    if (report.ready) return c.json({ status: 'ready', checks: report.checks });
    const failing = Object.entries(report.checks)
      .filter(([, r]) => !r.ok)
      .map(([name, r]) => `${name}: ${r.error}`);
    return problemResponse(c, {
      type: 'https://fuzzforge.dev/problems/dependency-unavailable',
      title: 'Service Unavailable',
      status: 503,
      detail: `Not ready: ${failing.join('; ')}`,
      code: 'dependency-unavailable',
      errors: failing.map((f) => ({ path: `/checks/${f.split(':')[0]}`, message: f })),
    });
  });
  return app;
}
