import type { Kysely } from 'kysely';
import { TargetUploadedV1, streams, targetUploadedSubject, type TargetResponse } from '@fuzzforge/contracts';
import type { Database } from '@fuzzforge/platform';
import type { ApiDeps } from '../deps';
import { lastEventOn } from './lastEvent';
import { targetFromEvent, targetFromRow } from './views';

/** The projects of each target, for a page of targets at once. */
export async function projectsOfTargets(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  const byTarget = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byTarget;
  const rows = await db
    .selectFrom('target_projects')
    .select(['target_id', 'project'])
    .where('target_id', 'in', ids)
    .execute();
  for (const r of rows) byTarget.get(r.target_id)?.push(r.project);
  return byTarget;
}

const latestUpload = async (deps: Pick<ApiDeps, 'jsm'>, id: string): Promise<TargetResponse | null> => {
  const raw = await lastEventOn(deps.jsm, streams.targets.name, targetUploadedSubject(id));
  const event = TargetUploadedV1.safeParse(raw);
  return event.success ? targetFromEvent(event.data.data) : null;
};

/** A target by id: from the read model, or straight from its upload event if not projected yet. */
export async function findTarget(
  deps: Pick<ApiDeps, 'db' | 'jsm'>,
  id: string,
): Promise<TargetResponse | null> {
  const row = await deps.db.selectFrom('targets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return latestUpload(deps, id);
  return targetFromRow(row, (await projectsOfTargets(deps.db, [id])).get(id) ?? []);
}

/**
 * A target, if a caller limited to `projects` may use it (null: every project): it must belong to one of
 * them. An upload to one of them a moment ago counts before the projector has recorded it.
 */
export async function findVisibleTarget(
  deps: Pick<ApiDeps, 'db' | 'jsm'>,
  id: string,
  projects: readonly string[] | null,
): Promise<TargetResponse | null> {
  const target = await findTarget(deps, id);
  if (!target || projects === null || target.projects.some((p) => projects.includes(p))) return target;
  const latest = await latestUpload(deps, id);
  if (!latest || !latest.projects.some((p) => projects.includes(p))) return null;
  return { ...target, projects: [...new Set([...target.projects, ...latest.projects])].sort() };
}
