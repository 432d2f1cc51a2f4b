import { Hono } from 'hono';
import { Severity, TriageRequest, TriageStatus } from '@fuzzforge/contracts';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { parseJsonBody } from './requestParsing';
import { findProjectFinding, triageFinding } from '../domain/findingsTriage';
import { listFindings, newSinceOf, type FindingFilter } from '../domain/listQueries';
import { decodeCursor, optionalProject, optionalQuery, pageLimit } from '../domain/pageCursor';
import { canUseProject } from '../auth/principal';
import { listScope, visibleTo } from '../auth/projectAccess';
import { defaultMaxJsonBytes, jsonBodyLimit } from '../middleware/jsonBodyLimit';

/** An enumerated query value: absent is no filter, anything else must be one of `values`. */
function oneOf(value: string | undefined, name: string, values: readonly string[]): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!values.includes(value)) {
    throw new ApiError('validation-failed', `${name} is not one of ${values.join(', ')}.`, [
      { path: `/${name}`, message: values.join(', ') },
    ]);
  }
  return value;
}

const findingNotFound = (id: string) => new ApiError('finding-not-found', `No finding with id ${id}.`);

/** /v1/findings: the findings of each project, deduplicated by fingerprint, and their triage. */
export function findingRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.get('/', async (c) => {
    const severity = oneOf(c.req.query('severity'), 'severity', Severity.options);
    const status = oneOf(c.req.query('status'), 'status', TriageStatus.options);
    const since = optionalQuery(c.req.query('new-since-run'), 'new-since-run')['new-since-run'];
    const filter: FindingFilter = {
      ...listScope(c.var.principal, optionalProject(c.req.query('project'))),
      ...optionalQuery(c.req.query('run'), 'run'),
      ...optionalQuery(c.req.query('workflow'), 'workflow'),
      ...optionalQuery(c.req.query('tool'), 'tool'),
      ...optionalQuery(c.req.query('rule'), 'rule'),
      ...(severity ? { severity } : {}),
      ...(status ? { status } : {}),
    };
    const limit = pageLimit(c.req.query('limit'));
    const cursor = decodeCursor(c.req.query('cursor'));
    const newSince = await newSinceOf(deps, since);
    if (newSince && !canUseProject(c.var.principal, newSince.project)) {
      // Another project's run: as unknown to this key as a run that does not exist.
      throw new ApiError('validation-failed', `new-since-run names no known run (${since}).`, [
        { path: '/new-since-run', message: 'the id of a run' },
      ]);
    }
    return c.json(await listFindings(deps, { ...filter, ...(newSince ? { newSince } : {}) }, limit, cursor));
  });

  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    return c.json(visibleTo(c, await findProjectFinding(deps, id), () => findingNotFound(id)));
  });

  app.patch('/:id', jsonBodyLimit(deps.maxJsonBytes ?? defaultMaxJsonBytes), async (c) => {
    const request = await parseJsonBody(c, TriageRequest, 'triage request');
    const id = c.req.param('id');
    visibleTo(c, await findProjectFinding(deps, id), () => findingNotFound(id));
    return c.json(await triageFinding(deps, id, request, c.var.principal.keyId));
  });

  return app;
}
