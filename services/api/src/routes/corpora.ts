import { Hono } from 'hono';
import { ProjectName, type CorpusHistoryResponse } from '@fuzzforge/contracts';
import type { ApiDeps } from '../deps';
import { listScope } from '../auth/projectAccess';
import { ApiError } from '../errors';
import { corpusHistory } from '../domain/crashes';

/** /v1/corpora: corpus size and coverage of each fuzzed harness, run after run. */
export function corpusRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const project = c.req.query('project');
    if (project !== undefined && !ProjectName.safeParse(project).success) {
      throw new ApiError('validation-failed', 'project is not a valid project name.', [
        { path: '/project', message: 'lowercase letters, digits, ".", "_" or "-", at most 63' },
      ]);
    }
    const engine = c.req.query('engine');
    const harness = c.req.query('harness');
    const corpora = await corpusHistory(deps, {
      ...listScope(c.var.principal, project),
      ...(engine ? { engine } : {}),
      ...(harness ? { harness } : {}),
    });
    return c.json({ corpora } satisfies CorpusHistoryResponse);
  });
  return app;
}
