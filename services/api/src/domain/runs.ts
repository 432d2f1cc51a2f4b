import { annotateActiveSpan, ATTR_RUN_ID, ATTR_TARGET_ID } from '@fuzzforge/observability';
import {
  RunCancelRequestedV1,
  runCancelRequestedSubject,
  runCancelRequestedType,
  runCancelRequestedVersion,
  RunRequestedV1,
  runRequestedSubject,
  runRequestedType,
  runRequestedVersion,
  streams,
  type RunRequestedData,
  type RunResponse,
} from '@fuzzforge/contracts';
import { newEvent, publishEvent } from '@fuzzforge/platform';
import type { ApiDeps } from '../deps';
import { gatingCountsOf } from './findingsOfRun';
import { lastEventOn } from './lastEvent';
import { refuseNul } from './nulCharacters';
import { runFromRequest, runFromRow } from './views';

/** A run by id: the read model, or its stored request while the projector catches up. */
export async function findRun(deps: Pick<ApiDeps, 'db' | 'jsm'>, id: string): Promise<RunResponse | null> {
  const row = await deps.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
  const gating = async (runId: string) => (await gatingCountsOf(deps, [runId])).get(runId)!;
  if (row?.requested_at) return runFromRow(row, await gating(row.id));
  const raw = await lastEventOn(deps.jsm, streams.runs.name, runRequestedSubject(id));
  const event = RunRequestedV1.safeParse(raw);
  const requested = event.success ? runFromRequest(event.data.data) : null;
  if (!row) return requested;
  // Worker facts were projected before the request itself: keep their status, add the request's details.
  const projected = runFromRow(row, await gating(row.id));
  return requested
    ? {
        ...projected,
        target: requested.target,
        workflow: requested.workflow,
        parameters: requested.parameters,
        requestedAt: requested.requestedAt,
        project: requested.project,
        retryOf: requested.retryOf,
      }
    : projected;
}

/** Stores the run request in JetStream; resolves only once the server acknowledged it. */
export async function requestRun(
  deps: Pick<ApiDeps, 'js'>,
  data: RunRequestedData,
  now: Date,
): Promise<void> {
  refuseNul(data, 'run request');
  // The run drill-down finds a run's trace by this attribute, starting from the request that made it.
  annotateActiveSpan({ [ATTR_RUN_ID]: data.runId, [ATTR_TARGET_ID]: data.targetId });
  const event = newEvent({
    id: `${data.runId}.requested`,
    type: runRequestedType,
    version: runRequestedVersion,
    subject: runRequestedSubject(data.runId),
    source: 'fuzzforge/api',
    data,
    time: now,
  });
  await publishEvent(deps.js, RunRequestedV1.parse(event));
}

/** Stores a cancel request for the run; the dispatcher cancels its workflow (or its start). */
export async function requestCancel(
  deps: Pick<ApiDeps, 'js'>,
  runId: string,
  reason: string,
  now: Date,
): Promise<void> {
  refuseNul(reason, 'cancel reason');
  const event = newEvent({
    id: `${runId}.cancel-requested`,
    type: runCancelRequestedType,
    version: runCancelRequestedVersion,
    subject: runCancelRequestedSubject(runId),
    source: 'fuzzforge/api',
    data: { runId, reason, requestedAt: now.toISOString() },
    time: now,
  });
  await publishEvent(deps.js, RunCancelRequestedV1.parse(event));
}
