import { Hono } from 'hono';
import {
  CancelRunRequest,
  CreateRunRequest,
  RunStatus,
  type CreateRunResponse,
  type RunCrashesResponse,
} from '@fuzzforge/contracts';
import { sarifFromFindings } from '@fuzzforge/platform';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { createParameterValidator } from '../domain/parameters';
import { crashSightings, runCrashes } from '../domain/crashes';
import { findRun, requestCancel, requestRun } from '../domain/runs';
import { findTarget } from '../domain/targets';
import { findingFromRow } from '../domain/views';
import { listRuns } from '../domain/listQueries';
import { decodeCursor, optionalQuery, pageLimit } from '../domain/pageCursor';
import { streamRunEvents } from './runEvents';

const wantsSarif = (format: string | undefined, accept: string | undefined): boolean =>
  format === 'sarif' || (format === undefined && (accept ?? '').includes('application/sarif+json'));

export function runRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  const validateParameters = createParameterValidator(deps.catalog);

  /** Checks a run's workflow, parameters and target, then stores its request; the run is queued. */
  const submitRun = async (request: CreateRunRequest & { retryOf?: string }): Promise<CreateRunResponse> => {
    const workflow = deps.catalog.find((w) => w.name === request.workflow);
    if (!workflow) throw new ApiError('workflow-not-found', `No workflow named ${request.workflow}.`);
    const checked = validateParameters(workflow.name, request.parameters);
    if (!checked.ok)
      throw new ApiError('validation-failed', 'The workflow parameters are invalid.', checked.errors);
    const target = await findTarget(deps, request.target);
    if (!target)
      throw new ApiError('target-not-found', `No target with id ${request.target}; upload it first.`);
    const now = deps.now();
    const runId = deps.newId();
    await requestRun(
      deps,
      {
        runId,
        targetId: target.id,
        targetSha256: target.sha256,
        workflow: workflow.name,
        vertical: workflow.vertical,
        parameters: checked.parameters,
        project: request.project,
        ...(request.retryOf ? { retryOf: request.retryOf } : {}),
        requestedAt: now.toISOString(),
      },
      now,
    );
    return { id: runId, status: 'queued', ...(request.retryOf ? { retryOf: request.retryOf } : {}) };
  };

  app.post('/', async (c) => {
    const json: unknown = await c.req.json().catch((err: unknown) => {
      throw new ApiError('invalid-json', 'The body must be a JSON object.', undefined, { cause: err });
    });
    const parsed = CreateRunRequest.safeParse(json);
    if (!parsed.success) {
      throw new ApiError(
        'validation-failed',
        'The run request is invalid.',
        parsed.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message })),
      );
    }
    const request = parsed.data;
    const created = await submitRun(request);
    c.header('Location', `/v1/runs/${created.id}`);
    return c.json(created, 202);
  });

  app.post('/:id/retry', async (c) => {
    const runId = c.req.param('id');
    const run = await findRun(deps, runId);
    if (!run) throw new ApiError('run-not-found', `No run with id ${runId}.`);
    if (!['completed', 'failed', 'cancelled'].includes(run.status) || !run.target || !run.workflow) {
      throw new ApiError(
        'run-not-finished',
        `Run ${runId} is ${run.status}: retry it once it has ended (or cancel it first).`,
      );
    }
    const created = await submitRun({
      target: run.target,
      workflow: run.workflow,
      parameters: run.parameters,
      project: run.project,
      retryOf: runId,
    });
    c.header('Location', `/v1/runs/${created.id}`);
    return c.json(created, 202);
  });

  app.get('/', async (c) => {
    const status = c.req.query('status');
    if (status !== undefined && !RunStatus.safeParse(status).success) {
      throw new ApiError('validation-failed', 'status is not a run status.', [
        { path: '/status', message: RunStatus.options.join(', ') },
      ]);
    }
    const filter = {
      ...optionalQuery(c.req.query('project'), 'project'),
      ...optionalQuery(c.req.query('workflow'), 'workflow'),
      ...(status ? { status } : {}),
    };
    return c.json(
      await listRuns(deps, filter, pageLimit(c.req.query('limit')), decodeCursor(c.req.query('cursor'))),
    );
  });

  app.post('/:id/cancel', async (c) => {
    const runId = c.req.param('id');
    const run = await findRun(deps, runId);
    if (!run) throw new ApiError('run-not-found', `No run with id ${runId}.`);
    if (['completed', 'failed', 'cancelled'].includes(run.status)) {
      throw new ApiError(
        'run-finished',
        `Run ${runId} already ended (${run.status}); there is nothing to cancel.`,
      );
    }
    const body: unknown = await c.req.json().catch(() => ({}));
    const reason = CancelRunRequest.safeParse(body ?? {});
    if (!reason.success) {
      throw new ApiError('validation-failed', 'The cancel request is invalid.', [
        { path: '/reason', message: 'must be a string of at most 500 characters' },
      ]);
    }
    await requestCancel(deps, runId, reason.data.reason ?? 'cancelled through the API', deps.now());
    return c.json({ id: runId, status: run.status, cancelRequested: true }, 202);
  });

  app.get('/:id', async (c) => {
    const run = await findRun(deps, c.req.param('id'));
    if (!run) throw new ApiError('run-not-found', `No run with id ${c.req.param('id')}.`);
    return c.json(run);
  });

  app.get('/:id/events', streamRunEvents(deps));

  app.get('/:id/crashes', async (c) => {
    const runId = c.req.param('id');
    const run = await findRun(deps, runId);
    if (!run) throw new ApiError('run-not-found', `No run with id ${runId}.`);
    return c.json({ run: runId, crashes: await runCrashes(deps, runId) } satisfies RunCrashesResponse);
  });

  app.get('/:id/findings', async (c) => {
    const runId = c.req.param('id');
    const run = await findRun(deps, runId);
    if (!run) throw new ApiError('run-not-found', `No run with id ${runId}.`);
    const format = c.req.query('format');
    if (format !== undefined && format !== 'sarif' && format !== 'json') {
      throw new ApiError('validation-failed', 'format must be json or sarif.', [
        { path: '/format', message: 'must be json or sarif' },
      ]);
    }
    const rows = await deps.db
      .selectFrom('findings')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('path')
      .orderBy('start_line')
      .orderBy('fingerprint')
      .execute();
    const findings = rows.map(findingFromRow);
    if (wantsSarif(format, c.req.header('accept'))) {
      const tools = deps.catalog.find((w) => w.name === run.workflow)?.tools ?? [];
      const sarif = sarifFromFindings(
        findings.map(({ id: _id, ...f }) => f),
        tools,
        `fuzzforge/${run.workflow}/${runId}`,
      );
      return c.body(JSON.stringify(sarif), 200, { 'content-type': 'application/sarif+json' });
    }
    // A crash finding says how often its project saw it: one crash found in two runs is seen twice.
    const sightings = await crashSightings(deps, runId);
    const withSightings = findings.map((f) => {
      const seen = f.crash ? sightings.get(f.fingerprint) : undefined;
      return seen ? { ...f, seen } : f;
    });
    return c.json({ run: runId, status: run.status, findings: withSightings });
  });

  return app;
}
