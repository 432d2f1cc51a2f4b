import { Hono } from 'hono';
import type { ApiDeps } from './deps';
import { authenticate } from './middleware/authenticate';
import { defaultMaxJsonBytes, jsonBodyLimit } from './middleware/jsonBodyLimit';
import { defaultRateLimit, rateLimit } from './middleware/rateLimit';
import { requestAudit } from './middleware/requestAudit';
import { requestMetrics } from './middleware/requestMetrics';
import { notFound, onError } from './problem';
import { adminRoutes } from './routes/admin';
import { corpusRoutes } from './routes/corpora';
import { crashRoutes } from './routes/crashes';
import { docsRoutes } from './routes/docs';
import { findingRoutes } from './routes/findings';
import { healthRoutes } from './routes/health';
import { runRoutes } from './routes/runs';
import { targetRoutes } from './routes/targets';
import { webhookRoutes } from './routes/webhooks';
import { workflowRoutes } from './routes/workflows';

/** The HTTP API as a Hono app, independent of any server so tests can call `app.request()`. */
export function createApp(deps: ApiDeps): Hono {
  const app = new Hono();
  app.onError(onError(deps.log));
  app.notFound(notFound);
  // Metrics and audit outermost, so they see every answer, rejections included; then who is calling,
  // then how often.
  if (deps.metrics) app.use('*', requestMetrics({ metrics: deps.metrics }));
  app.use('*', requestAudit(deps));
  app.use('*', authenticate(deps));
  app.use('*', rateLimit(deps.rateLimit ?? defaultRateLimit));
  const limit = jsonBodyLimit(deps.maxJsonBytes ?? defaultMaxJsonBytes);
  for (const path of ['/v1/runs', '/v1/runs/*', '/v1/admin/*', '/v1/webhooks', '/v1/webhooks/*']) {
    app.use(path, limit);
  }
  app.route('/', healthRoutes(deps));
  app.route('/', docsRoutes());
  app.route('/v1/targets', targetRoutes(deps));
  app.route('/v1/workflows', workflowRoutes(deps));
  app.route('/v1/runs', runRoutes(deps));
  app.route('/v1/findings', findingRoutes(deps));
  app.route('/v1/crashes', crashRoutes(deps));
  app.route('/v1/corpora', corpusRoutes(deps));
  app.route('/v1/admin', adminRoutes(deps));
  app.route('/v1/webhooks', webhookRoutes(deps));
  return app;
}
