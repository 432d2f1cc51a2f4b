import { Hono, type Context } from 'hono';
import {
  CancelRunRequest,
  CreateRunRequest,
  RunStatus,
  type CreateRunResponse,
  type FindingsResponse,
  type RunCrashesResponse,
} from '@fuzzforge/contracts';
import type { ApiDeps } from '../deps';
import type { Principal } from '../auth/principal';
import { listScope, projectForWrite, visibleTo } from '../auth/projectAccess';
import { ApiError } from '../errors';
import { parseJsonBody } from './requestParsing';
import { idempotencyKeyOf, idempotentRunId, isSameSubmission } from '../domain/idempotency';
import { createParameterValidator } from '../domain/parameters';
import { runCrashes } from '../domain/crashes';
import { plainFinding, runFindings } from '../domain/findingsOfRun';
import { sarifWithLifecycle } from '../domain/findingsSarif';
import { findRun, requestCancel, requestRun } from '../domain/runs';
import { findVisibleTarget } from '../domain/targets';
import { listRuns } from '../domain/listQueries';
import { decodeCursor, optionalProject, optionalQuery, pageLimit } from '../domain/pageCursor';
import { streamRunEvents } from './runEvents';

const wantsSarif = (format: string | undefined, accept: string | undefined): boolean =>
  format === 'sarif' || (format === undefined && (accept ?? '').includes('application/sarif+json'));

export function runRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  const validateParameters = createParameterValidator(deps.catalog);
  /** The run, if it exists and the caller may see its project; 404 otherwise. */
  const visibleRun = async (c: Context, runId: string) =>
    visibleTo(c, await findRun(deps, runId), () => new ApiError('run-not-found', `No run with id ${runId}.`));

  /** Checks a run's workflow, parameters and target, then stores its request; the run is queued. */
  const submitRun = async (
    principal: Principal,
    request: CreateRunRequest & { project: string; retryOf?: string },
    idempotencyKey?: string,
  ): Promise<{ created: CreateRunResponse; replayed: boolean }> => {
    const workflow = deps.catalog.find((w) => w.name === request.workflow);
    if (!workflow) throw new ApiError('workflow-not-found', `No workflow named ${request.workflow}.`);
    const checked = validateParameters(workflow.name, request.parameters);
    if (!checked.ok)
      throw new ApiError('validation-failed', 'The workflow parameters are invalid.', checked.errors);
    const target = await findVisibleTarget(deps, request.target, principal.projects);
    if (!target)
      throw new ApiError('target-not-found', `No target with id ${request.target}; upload it first.`);
    const now = deps.now();
    const runId = idempotencyKey ? idempotentRunId(principal.keyId, idempotencyKey) : deps.newId();
    if (idempotencyKey) {
      // A retried submission: the run it created answers again, whatever happened to it since.
      const existing = await findRun(deps, runId);
      if (existing) {
        const again = { ...request, target: target.id, parameters: checked.parameters };
        if (!isSameSubmission(existing, again)) {
          throw new ApiError(
            'idempotency-key-reused',
            `Idempotency-Key ${idempotencyKey} was used for a different run request (run ${runId}); use a new key for a new run.`,
          );
        }
        return {
          created: {
            id: runId,
            status: existing.status,
            ...(existing.retryOf ? { retryOf: existing.retryOf } : {}),
          },
          replayed: true,
        };
      }
    }
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
    return {
      created: { id: runId, status: 'queued', ...(request.retryOf ? { retryOf: request.retryOf } : {}) },
      replayed: false,
    };
  };

  app.post('/', async (c) => {
    const idempotencyKey = idempotencyKeyOf(c.req.header('idempotency-key'));
    const parsed = await parseJsonBody(c, CreateRunRequest, 'run request');
    const project = projectForWrite(c.var.principal, parsed.project);
    const { created, replayed } = await submitRun(c.var.principal, { ...parsed, project }, idempotencyKey);
    c.header('Location', `/v1/runs/${created.id}`);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(created, 202);
  });

  app.post('/:id/retry', async (c) => {
    const runId = c.req.param('id');
    const run = await visibleRun(c, runId);
    if (!['completed', 'failed', 'cancelled'].includes(run.status) || !run.target || !run.workflow) {
      throw new ApiError(
        'run-not-finished',
        `Run ${runId} is ${run.status}: retry it once it has ended (or cancel it first).`,
      );
    }
    const { created } = await submitRun(c.var.principal, {
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
      ...listScope(c.var.principal, optionalProject(c.req.query('project'))),
      ...optionalQuery(c.req.query('workflow'), 'workflow'),
      ...(status ? { status } : {}),
    };
    return c.json(
      await listRuns(deps, filter, pageLimit(c.req.query('limit')), decodeCursor(c.req.query('cursor'))),
    );
  });

  app.post('/:id/cancel', async (c) => {
    const runId = c.req.param('id');
    const run = await visibleRun(c, runId);
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

  app.get('/:id', async (c) => c.json(await visibleRun(c, c.req.param('id'))));

  app.get('/:id/events', streamRunEvents(deps));

  app.get('/:id/crashes', async (c) => {
    const runId = c.req.param('id');
    await visibleRun(c, runId);
    return c.json({ run: runId, crashes: await runCrashes(deps, runId) } satisfies RunCrashesResponse);
  });

  app.get('/:id/findings', async (c) => {
    const runId = c.req.param('id');
    const run = await visibleRun(c, runId);
    const format = c.req.query('format');
    if (format !== undefined && format !== 'sarif' && format !== 'json') {
      throw new ApiError('validation-failed', 'format must be json or sarif.', [
        { path: '/format', message: 'must be json or sarif' },
      ]);
    }
    const view = await runFindings(deps, run);
    if (wantsSarif(format, c.req.header('accept'))) {
      const tools = deps.catalog.find((w) => w.name === run.workflow)?.tools ?? [];
      const sarif = sarifWithLifecycle(
        view.findings,
        view.fixed,
        plainFinding,
        tools,
        `fuzzforge/${run.workflow}/${runId}`,
      );
      return c.body(JSON.stringify(sarif), 200, { 'content-type': 'application/sarif+json' });
    }
    return c.json({ run: runId, status: run.status, ...view } satisfies FindingsResponse);
  });

  return app;
}
