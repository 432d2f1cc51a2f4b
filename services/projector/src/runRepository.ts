import type { Kysely, Transaction } from 'kysely';
import type { SeverityCounts } from '@fuzzforge/contracts';
import { zeroCounts } from '@fuzzforge/contracts';
import type { Database, RunRow } from '@fuzzforge/platform';
import { emptyRun, type RunState } from './runState';

type Db = Kysely<Database> | Transaction<Database>;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

const stateFromRow = (row: RunRow): RunState => ({
  id: row.id,
  targetId: row.target_id,
  workflow: row.workflow,
  vertical: row.vertical,
  parameters: row.parameters,
  status: row.status as RunState['status'],
  requestedAt: iso(row.requested_at),
  startedAt: iso(row.started_at),
  finishedAt: iso(row.finished_at),
  timeline: row.timeline,
  findingCounts: row.finding_counts,
  progress: row.progress,
  error: row.error,
  reportKey: row.report_key,
  project: row.project,
  retryOf: row.retry_of,
  fuzzing: row.fuzzing,
});

const json = (value: unknown): string => JSON.stringify(value);

/** Loads a run for update inside `tx`, creating its row first so concurrent consumers serialise on it. */
export async function lockRun(tx: Transaction<Database>, id: string, now: Date): Promise<RunState> {
  const blank = emptyRun(id);
  await tx
    .insertInto('runs')
    .values({
      id,
      status: blank.status,
      parameters: json({}),
      timeline: json([]),
      finding_counts: json(zeroCounts()),
      progress: json(null),
      error: json(null),
      fuzzing: json(null),
      updated_at: now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = await tx
    .selectFrom('runs')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return stateFromRow(row);
}

export async function saveRun(db: Db, state: RunState, now: Date): Promise<void> {
  await db
    .updateTable('runs')
    .set({
      target_id: state.targetId,
      workflow: state.workflow,
      vertical: state.vertical,
      parameters: json(state.parameters),
      status: state.status,
      requested_at: state.requestedAt,
      started_at: state.startedAt,
      finished_at: state.finishedAt,
      timeline: json(state.timeline),
      finding_counts: json(state.findingCounts),
      progress: json(state.progress),
      error: json(state.error),
      report_key: state.reportKey,
      project: state.project,
      retry_of: state.retryOf,
      fuzzing: json(state.fuzzing),
      updated_at: now,
    })
    .where('id', '=', state.id)
    .execute();
}

/** Counts a run's findings by severity from the findings table: the truth, whatever was redelivered. */
export async function countFindings(db: Db, runId: string): Promise<SeverityCounts> {
  const rows = await db
    .selectFrom('findings')
    .select(['severity', (eb) => eb.fn.countAll<string>().as('n')])
    .where('run_id', '=', runId)
    .groupBy('severity')
    .execute();
  const counts = zeroCounts();
  for (const r of rows) if (r.severity in counts) counts[r.severity as keyof SeverityCounts] = Number(r.n);
  return counts;
}
