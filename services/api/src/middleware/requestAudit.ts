import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Kysely } from 'kysely';
import type { Logger } from '@fuzzforge/observability';
import type { Database } from '@fuzzforge/platform';
import type { Principal } from '../auth/principal';
import { recordRequest } from '../domain/requestAudit';

/** The route pattern that answered, or the path when only middleware matched (a 404). */
function routeOf(pattern: string, path: string): string {
  return pattern === '' || pattern.endsWith('*') ? path.slice(0, 200) : pattern;
}

/**
 * Records every request in ff_admin.request_audit once it has been answered — rejections included —
 * with the key that made it, the route, the status and how long it took.
 */
export function requestAudit(deps: {
  db: Kysely<Database>;
  now: () => Date;
  log: Logger;
}): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const at = deps.now();
    await next();
    const principal = c.get('principal') as Principal | undefined;
    try {
      await recordRequest(deps.db, {
        at,
        keyId: principal?.keyId ?? null,
        method: c.req.method,
        route: routeOf(routePath(c, -1), c.req.path),
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
      });
    } catch (err) {
      // The answer is already decided; losing its audit line must be loud, not turn it into a 500.
      deps.log.error('request audit not recorded', { err, path: c.req.path });
    }
  };
}
