import {
  FindingTriagedV1,
  findingTriagedSubject,
  findingTriagedType,
  findingTriagedVersion,
  type ProjectFindingResponse,
  type TriageRequest,
} from '@fuzzforge/contracts';
import { newEvent, publishEvent } from '@fuzzforge/platform';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { withDecision } from './findingsLifecycle';
import { refuseNul } from './nulCharacters';
import { projectFindingResponseFromRow } from './findingsView';

/** A project finding with its triage history, or null when no run of any project reported it. */
export async function findProjectFinding(
  deps: Pick<ApiDeps, 'db'>,
  id: string,
): Promise<ProjectFindingResponse | null> {
  const row = await deps.db
    .selectFrom('project_findings')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? projectFindingResponseFromRow(row) : null;
}

/**
 * Records a triage decision as a finding.triaged event (so it survives a rebuild of the read models)
 * and answers with the finding as it is after the decision, without waiting for the projector.
 * `triagedBy` names the caller (an API key id) when the API knows it.
 */
export async function triageFinding(
  deps: Pick<ApiDeps, 'db' | 'js' | 'now' | 'newId'>,
  id: string,
  request: TriageRequest,
  triagedBy?: string,
): Promise<ProjectFindingResponse> {
  const current = await findProjectFinding(deps, id);
  if (!current) throw new ApiError('finding-not-found', `No finding with id ${id}.`);
  refuseNul(request, 'triage request');
  const now = deps.now();
  const data = {
    findingId: id,
    project: current.project,
    fingerprint: current.fingerprint,
    status: request.status,
    ...(request.comment === undefined ? {} : { comment: request.comment }),
    ...(triagedBy === undefined ? {} : { triagedBy }),
    triagedAt: now.toISOString(),
  };
  const event = newEvent({
    id: `${id}.triaged.${deps.newId()}`,
    type: findingTriagedType,
    version: findingTriagedVersion,
    subject: findingTriagedSubject(id),
    source: 'fuzzforge/api',
    data,
    time: now,
  });
  await publishEvent(deps.js, FindingTriagedV1.parse(event));
  return withDecision(current, { ...data, at: data.triagedAt });
}
