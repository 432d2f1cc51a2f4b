import { TargetUploadedV1, streams, targetUploadedSubject, type TargetResponse } from '@fuzzforge/contracts';
import type { ApiDeps } from '../deps';
import { lastEventOn } from './lastEvent';
import { targetFromEvent, targetFromRow } from './views';

/** A target by id: from the read model, or straight from its upload event if not projected yet. */
export async function findTarget(
  deps: Pick<ApiDeps, 'db' | 'jsm'>,
  id: string,
): Promise<TargetResponse | null> {
  const row = await deps.db.selectFrom('targets').selectAll().where('id', '=', id).executeTakeFirst();
  if (row) return targetFromRow(row);
  const raw = await lastEventOn(deps.jsm, streams.targets.name, targetUploadedSubject(id));
  const event = TargetUploadedV1.safeParse(raw);
  return event.success ? targetFromEvent(event.data.data) : null;
}
