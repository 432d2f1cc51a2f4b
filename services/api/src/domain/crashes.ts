import type {
  CorpusHistoryResponse,
  CrashResponse,
  CrashSighting,
  RunCrashesResponse,
} from '@fuzzforge/contracts';
import type { CrashRow } from '@fuzzforge/platform';
import type { ApiDeps } from '../deps';

export const crashFromRow = (row: CrashRow): CrashResponse => ({
  id: row.id,
  project: row.project,
  signature: row.signature,
  type: row.type,
  summary: row.summary,
  engine: row.engine,
  harness: row.harness,
  frames: row.frames,
  reproducible: row.reproducible,
  runsSeen: row.runs_seen,
  firstSeenRun: row.first_run_id,
  lastSeenRun: row.last_run_id,
  firstSeenAt: row.first_seen_at.toISOString(),
  lastSeenAt: row.last_seen_at.toISOString(),
  inputUrl: `/v1/crashes/${row.id}/input`,
  inputSize: row.input_size,
  inputSha256: row.input_sha256,
});

export async function findCrash(deps: Pick<ApiDeps, 'db'>, id: string): Promise<CrashRow | undefined> {
  return deps.db.selectFrom('crashes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The crashes a run found, in the order it found them. */
export async function runCrashes(
  deps: Pick<ApiDeps, 'db'>,
  runId: string,
): Promise<RunCrashesResponse['crashes']> {
  const rows = await deps.db
    .selectFrom('run_crashes')
    .innerJoin('crashes', 'crashes.id', 'run_crashes.crash_id')
    .selectAll('crashes')
    .select([
      'run_crashes.input_sha256 as run_input_sha256',
      'run_crashes.input_size as run_input_size',
      'run_crashes.reproducible as run_reproducible',
      'run_crashes.minimized as run_minimized',
      'run_crashes.found_at as run_found_at',
    ])
    .where('run_crashes.run_id', '=', runId)
    .orderBy('run_crashes.found_at')
    .orderBy('crashes.id')
    .execute();
  return rows.map((row) => ({
    ...crashFromRow(row as CrashRow),
    run: {
      inputSha256: row.run_input_sha256,
      inputSize: row.run_input_size,
      reproducible: row.run_reproducible,
      minimized: row.run_minimized,
      foundAt: row.run_found_at.toISOString(),
    },
  }));
}

/** Corpus size and coverage per run of each harness, oldest run first. */
export async function corpusHistory(
  deps: Pick<ApiDeps, 'db'>,
  filter: { project?: string; projects?: readonly string[]; engine?: string; harness?: string },
): Promise<CorpusHistoryResponse['corpora']> {
  let query = deps.db.selectFrom('corpus_stats').selectAll();
  if (filter.project) query = query.where('project', '=', filter.project);
  if (filter.projects) query = query.where('project', 'in', filter.projects);
  if (filter.engine) query = query.where('engine', '=', filter.engine);
  if (filter.harness) query = query.where('harness', '=', filter.harness);
  const rows = await query
    .orderBy('project')
    .orderBy('engine')
    .orderBy('harness')
    .orderBy('recorded_at')
    .orderBy('run_id')
    .limit(10_000)
    .execute();
  const corpora = new Map<string, CorpusHistoryResponse['corpora'][number]>();
  for (const row of rows) {
    const key = `${row.project}\n${row.engine}\n${row.harness}`;
    let corpus = corpora.get(key);
    if (!corpus) {
      corpus = { project: row.project, engine: row.engine, harness: row.harness, runs: [] };
      corpora.set(key, corpus);
    }
    corpus.runs.push({
      run: row.run_id,
      corpusSize: row.corpus_size,
      coverage: row.coverage,
      coverageUnit: row.coverage_unit,
      executions: Number(row.executions),
      uniqueCrashes: row.unique_crashes,
      final: row.final,
      recordedAt: row.recorded_at.toISOString(),
    });
  }
  return [...corpora.values()];
}

/** How often the project saw each crash this run found, by the crash finding's fingerprint. */
export async function crashSightings(
  deps: Pick<ApiDeps, 'db'>,
  runId: string,
): Promise<Map<string, CrashSighting>> {
  const rows = await deps.db
    .selectFrom('run_crashes')
    .innerJoin('crashes', 'crashes.id', 'run_crashes.crash_id')
    .select([
      'crashes.id',
      'crashes.signature',
      'crashes.runs_seen',
      'crashes.first_run_id',
      'crashes.last_run_id',
    ])
    .where('run_crashes.run_id', '=', runId)
    .execute();
  return new Map(
    rows.map((r) => [
      `crash-${r.signature}`,
      { crashId: r.id, runsSeen: r.runs_seen, firstSeenRun: r.first_run_id, lastSeenRun: r.last_run_id },
    ]),
  );
}
