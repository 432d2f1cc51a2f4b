import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { nameActiveServerSpan, type PlatformMetrics } from '@fuzzforge/observability';

export interface RequestMetricsOptions {
  metrics: PlatformMetrics;
  /** Label of requests no route matched (404s): their paths would make a series per scanner probe. */
  unmatchedRoute?: string;
}

/** The route pattern that answered; only wildcard middleware matched when none did. */
export function routeLabel(pattern: string, unmatched: string): string {
  return pattern === '' || pattern.endsWith('*') ? unmatched : pattern;
}

/**
 * Counts every answered request by method, route pattern and status (errors are the 4xx/5xx statuses)
 * and times it. Outermost, so rejections by authentication and rate limiting count too.
 */
export function requestMetrics(o: RequestMetricsOptions): MiddlewareHandler {
  const requests = o.metrics.counter('apiRequests');
  const duration = o.metrics.histogram('apiRequestDuration');
  const unmatched = o.unmatchedRoute ?? 'unmatched';
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      // The matched handler's pattern, even when middleware answered before it ran (401, 429).
      const route = routeLabel(routePath(c, -1), unmatched);
      const method = c.req.method;
      requests.inc({ method, route, status: String(c.res.status) });
      // The HTTP instrumentation only knows the method; traces read better as `POST /v1/runs`.
      nameActiveServerSpan(method, route);
      duration.observe({ method, route }, (performance.now() - started) / 1000);
    }
  };
}
