import { Hono } from 'hono';
import { Severity } from '@fuzzforge/contracts';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { listFindings } from '../domain/listQueries';
import { decodeCursor, optionalQuery, pageLimit } from '../domain/pageCursor';

/** /v1/findings: findings across runs, filtered and paged. */
export function findingRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const severity = c.req.query('severity');
    if (severity !== undefined && !Severity.safeParse(severity).success) {
      throw new ApiError('validation-failed', 'severity is not a severity.', [
        { path: '/severity', message: Severity.options.join(', ') },
      ]);
    }
    const filter = {
      ...optionalQuery(c.req.query('project'), 'project'),
      ...optionalQuery(c.req.query('run'), 'run'),
      ...optionalQuery(c.req.query('workflow'), 'workflow'),
      ...optionalQuery(c.req.query('tool'), 'tool'),
      ...optionalQuery(c.req.query('rule'), 'rule'),
      ...(severity ? { severity } : {}),
    };
    return c.json(
      await listFindings(deps, filter, pageLimit(c.req.query('limit')), decodeCursor(c.req.query('cursor'))),
    );
  });
  return app;
}
