import type { Kysely, Transaction } from 'kysely';
import {
  defaultProject,
  type FuzzForgeEvent,
  type RunCancelRequestedV1,
  type RunEvent,
  type RunRequestedV1,
} from '@fuzzforge/contracts';
import type { Database } from '@fuzzforge/platform';
import { recordCorpusStats, recordCrash } from './fuzzingProjection';
import {
  fingerprintsOfRun,
  recordTriage,
  refreshProjectFindings,
  type FindingKey,
} from './projectFindingProjection';
import { countFindings, lockRun, saveRun } from './runRepository';
import { finishedRun, type FinishedRun } from './runDuration';
import { evolveRun, type RunState } from './runState';

type RunFact = RunRequestedV1 | RunCancelRequestedV1 | RunEvent;

const notRunFacts: readonly string[] = [
  'ff.target.uploaded',
  'ff.finding.triaged',
  'ff.webhook.disabled',
  'ff.webhook.ping',
];
const isRunFact = (e: FuzzForgeEvent): e is RunFact => !notRunFacts.includes(e.type);

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
  await linkTargetToProject(tx, d.targetId, d.project ?? defaultProject, d.uploadedAt);
}

/** A target belongs to every project it was uploaded to or run in (idempotent). */
async function linkTargetToProject(tx: Transaction<Database>, targetId: string, project: string, at: string) {
  await tx
    .insertInto('target_projects')
    .values({ target_id: targetId, project, added_at: at })
    .onConflict((oc) => oc.columns(['target_id', 'project']).doNothing())
    .execute();
}

/** Records a worker fact in run_events and, for a finding, in findings; the fingerprint when one was added. */
async function recordRunFact(tx: Transaction<Database>, event: RunFact): Promise<string | null> {
  if (event.type === 'ff.run.requested') {
    const d = event.data;
    await linkTargetToProject(tx, d.targetId, d.project ?? defaultProject, d.requestedAt);
    return null;
  }
  if (event.type === 'ff.run.cancel-requested') return null;
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
  if (event.type !== 'ff.run.finding') return null;
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
  return inserted ? f.fingerprint : null;
}

/** Told what a committed batch did, for the metrics; never called for a batch that rolled back. */
export interface ProjectionObserver {
  runsFinished(runs: FinishedRun[]): void;
}

/**
 * Applies a batch of events to the read models in ONE transaction, together with their processed-event
 * markers: a redelivered event (crash before ack) is recognised and skipped, and either the whole batch
 * lands or none of it. Run rows are locked in id order, then the project findings the batch touches in
 * id order, so concurrent batches (of any consumer) cannot deadlock. Returns how many events were new.
 */
export async function projectBatch(
  db: Kysely<Database>,
  consumer: string,
  events: FuzzForgeEvent[],
  now: Date,
  observer?: ProjectionObserver,
): Promise<number> {
  if (events.length === 0) return 0;
  const finished: FinishedRun[] = [];
  const applied = await db.transaction().execute(async (tx) => {
    const fresh = await claim(tx, consumer, [...new Set(events.map((e) => e.id))], now);
    const seen = new Set<string>();
    const todo = events.filter((e) => fresh.has(e.id) && !seen.has(e.id) && seen.add(e.id));

    const runIds = [...new Set(todo.filter(isRunFact).map((e) => e.data.runId))].sort();
    const runs = new Map<string, RunState>();
    for (const id of runIds) runs.set(id, await lockRun(tx, id, now));
    const before = new Map(runs);
    const projectBefore = new Map([...runs].map(([id, state]) => [id, state.project]));
    const findingsAdded = new Map<string, string[]>();
    const triaged: FindingKey[] = [];

    for (const event of todo) {
      if (event.type === 'ff.target.uploaded') {
        await applyTarget(tx, event);
        continue;
      }
      if (event.type === 'ff.finding.triaged') {
        triaged.push(await recordTriage(tx, event));
        continue;
      }
      // Webhook state is the webhooks service's own (FF_WEBHOOKS is not projected).
      if (!isRunFact(event)) continue;
      const runId = event.data.runId;
      const fingerprint = await recordRunFact(tx, event);
      if (fingerprint) findingsAdded.set(runId, [...(findingsAdded.get(runId) ?? []), fingerprint]);
      runs.set(runId, evolveRun(runs.get(runId)!, event));
    }
    const touched: FindingKey[] = [...triaged];
    for (const [runId, state] of runs) {
      const counts = findingsAdded.has(runId) ? await countFindings(tx, runId) : state.findingCounts;
      await saveRun(tx, { ...state, findingCounts: counts }, now);
      const ended = finishedRun(before.get(runId)!, state);
      if (ended) finished.push(ended);
      if (!state.project) continue;
      // A run's findings join its project once its request is known, whichever came first.
      const fingerprints =
        projectBefore.get(runId) === null
          ? await fingerprintsOfRun(tx, runId)
          : (findingsAdded.get(runId) ?? []);
      for (const fingerprint of fingerprints) touched.push({ project: state.project, fingerprint });
    }
    // After the runs are saved: a project finding is derived from them (their project and request time).
    await refreshProjectFindings(tx, touched);
    return todo.length;
  });
  if (finished.length > 0) observer?.runsFinished(finished);
  return applied;
}

/** Applies one event; true when it was new. */
export async function project(
  db: Kysely<Database>,
  consumer: string,
  event: FuzzForgeEvent,
  now: Date,
  observer?: ProjectionObserver,
): Promise<boolean> {
  return (await projectBatch(db, consumer, [event], now, observer)) === 1;
}
