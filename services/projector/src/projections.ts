import type { Kysely, Transaction } from 'kysely';
import type { FuzzForgeEvent, RunCancelRequestedV1, RunEvent, RunRequestedV1 } from '@fuzzforge/contracts';
import type { Database } from '@fuzzforge/platform';
import { recordCorpusStats, recordCrash } from './fuzzingProjection';
import { countFindings, lockRun, saveRun } from './runRepository';
import { evolveRun, type RunState } from './runState';

type RunFact = RunRequestedV1 | RunCancelRequestedV1 | RunEvent;

const isRunFact = (e: FuzzForgeEvent): e is RunFact => e.type !== 'ff.target.uploaded';

/** Marks the events as processed by `consumer`; returns the ids that were not processed before. */
async function claim(
  tx: Transaction<Database>,
  consumer: string,
  ids: string[],
  now: Date,
): Promise<Set<string>> {
  const rows = await tx
    .insertInto('processed_events')
    .values(ids.map((event_id) => ({ event_id, consumer, processed_at: now })))
    .onConflict((oc) => oc.columns(['consumer', 'event_id']).doNothing())
    .returning('event_id')
    .execute();
  return new Set(rows.map((r) => r.event_id));
}

async function applyTarget(
  tx: Transaction<Database>,
  event: Extract<FuzzForgeEvent, { type: 'ff.target.uploaded' }>,
) {
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
}

/** Records a worker fact in run_events and, for a finding, in findings; true when a finding was added. */
async function recordRunFact(tx: Transaction<Database>, event: RunFact): Promise<boolean> {
  if (event.type === 'ff.run.requested' || event.type === 'ff.run.cancel-requested') return false;
  const runId = event.data.runId;
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
  if (event.type === 'ff.run.progress' && event.data.fuzzing) {
    await recordCorpusStats(tx, runId, event.data.fuzzing, event.data.at);
  }
  if (event.type !== 'ff.run.finding') return false;
  const f = event.data.finding;
  const inserted = await tx
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
    .returning('run_id')
    .executeTakeFirst();
  if (f.crash) await recordCrash(tx, runId, f.crash, event.data.foundAt);
  return inserted !== undefined;
}

/**
 * Applies a batch of events to the read models in ONE transaction, together with their processed-event
 * markers: a redelivered event (crash before ack) is recognised and skipped, and either the whole batch
 * lands or none of it. Run rows are locked in id order so concurrent batches cannot deadlock. Returns how
 * many events were new.
 */
export async function projectBatch(
  db: Kysely<Database>,
  consumer: string,
  events: FuzzForgeEvent[],
  now: Date,
): Promise<number> {
  if (events.length === 0) return 0;
  return db.transaction().execute(async (tx) => {
    const fresh = await claim(tx, consumer, [...new Set(events.map((e) => e.id))], now);
    const seen = new Set<string>();
    const todo = events.filter((e) => fresh.has(e.id) && !seen.has(e.id) && seen.add(e.id));

    const runIds = [...new Set(todo.filter(isRunFact).map((e) => e.data.runId))].sort();
    const runs = new Map<string, RunState>();
    for (const id of runIds) runs.set(id, await lockRun(tx, id, now));
    const findingsAdded = new Set<string>();

    for (const event of todo) {
      if (!isRunFact(event)) {
        await applyTarget(tx, event);
        continue;
      }
      const runId = event.data.runId;
      if (await recordRunFact(tx, event)) findingsAdded.add(runId);
      runs.set(runId, evolveRun(runs.get(runId)!, event));
    }
    for (const [runId, state] of runs) {
      const counts = findingsAdded.has(runId) ? await countFindings(tx, runId) : state.findingCounts;
      await saveRun(tx, { ...state, findingCounts: counts }, now);
    }
    return todo.length;
  });
}

/** Applies one event; true when it was new. */
export async function project(
  db: Kysely<Database>,
  consumer: string,
  event: FuzzForgeEvent,
  now: Date,
): Promise<boolean> {
  return (await projectBatch(db, consumer, [event], now)) === 1;
}
