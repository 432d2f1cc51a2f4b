import type { Kysely, Transaction } from 'kysely';
import type { FuzzForgeEvent } from '@fuzzforge/contracts';
import type { Database } from '@fuzzforge/platform';
import { countFindings, lockRun, saveRun } from './runRepository';
import { evolveRun } from './runState';

/**
 * Applies one event to the read models. The processed-event marker and the effect commit in one
 * transaction, so a redelivered event (crash before ack) is recognised and skipped.
 */
export async function project(
  db: Kysely<Database>,
  consumer: string,
  event: FuzzForgeEvent,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const fresh = await tx
      .insertInto('processed_events')
      .values({ event_id: event.id, consumer, processed_at: now })
      .onConflict((oc) => oc.columns(['consumer', 'event_id']).doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (!fresh) return false;
    await apply(tx, event, now);
    return true;
  });
}

async function apply(tx: Transaction<Database>, event: FuzzForgeEvent, now: Date): Promise<void> {
  if (event.type === 'ff.target.uploaded') {
    const d = event.data;
    await tx
      .insertInto('targets')
      .values({
        id: d.targetId,
        sha256: d.sha256,
        size: d.size,
        filename: d.filename ?? null,
        content_type: d.contentType,
        storage_key: d.storageKey,
        uploaded_at: d.uploadedAt,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    return;
  }

  const runId = event.data.runId;
  if (event.type !== 'ff.run.requested') {
    await tx
      .insertInto('run_events')
      .values({
        event_id: event.id,
        run_id: runId,
        type: event.type,
        time: event.time,
        data: JSON.stringify(event.data),
      })
      .onConflict((oc) => oc.column('event_id').doNothing())
      .execute();
  }
  let state = evolveRun(await lockRun(tx, runId, now), event);
  if (event.type === 'ff.run.finding') {
    const f = event.data.finding;
    await tx
      .insertInto('findings')
      .values({
        run_id: runId,
        fingerprint: f.fingerprint,
        tool: f.tool.name,
        rule_id: f.ruleId,
        severity: f.severity,
        path: f.location.path,
        start_line: f.location.startLine ?? null,
        finding: JSON.stringify(f),
        found_at: event.data.foundAt,
      })
      .onConflict((oc) => oc.columns(['run_id', 'fingerprint']).doNothing())
      .execute();
    state = { ...state, findingCounts: await countFindings(tx, runId) };
  }
  await saveRun(tx, state, now);
}
