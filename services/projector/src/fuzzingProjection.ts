import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { CrashDetails, FuzzStats } from '@fuzzforge/contracts';
import type { Database } from '@fuzzforge/platform';

/** A crash's id: the same for every run of a project that finds it, and derivable without the database. */
export const crashIdOf = (project: string, signature: string): string =>
  `crash_${createHash('sha256').update(`${project}\n${signature}`).digest('hex').slice(0, 24)}`;

/**
 * Records that a run found a crash: the project's crash (created at its first sighting, counted once
 * more for each further run that finds it) and the run's own sighting with its input.
 */
export async function recordCrash(
  tx: Transaction<Database>,
  runId: string,
  crash: CrashDetails,
  foundAt: string,
): Promise<void> {
  const id = crashIdOf(crash.project, crash.signature);
  const sighting = await tx
    .insertInto('run_crashes')
    .values({
      run_id: runId,
      crash_id: id,
      input_key: crash.input.key,
      input_sha256: crash.input.sha256,
      input_size: crash.input.size,
      reproducible: crash.reproducible,
      minimized: crash.minimized,
      found_at: foundAt,
    })
    .onConflict((oc) => oc.columns(['run_id', 'crash_id']).doNothing())
    .returning('run_id')
    .executeTakeFirst();
  if (!sighting) return;
  await tx
    .insertInto('crashes')
    .values({
      id,
      project: crash.project,
      signature: crash.signature,
      type: crash.type,
      summary: crash.summary,
      engine: crash.engine,
      harness: crash.harness,
      frames: JSON.stringify(crash.frames),
      input_key: crash.input.key,
      input_sha256: crash.input.sha256,
      input_size: crash.input.size,
      reproducible: crash.reproducible,
      runs_seen: 1,
      first_run_id: runId,
      last_run_id: runId,
      first_seen_at: foundAt,
      last_seen_at: foundAt,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        runs_seen: sql`crashes.runs_seen + 1`,
        // A later sighting that reproduces makes the crash reproducible; its input becomes the reproducer.
        reproducible: sql`crashes.reproducible or excluded.reproducible`,
        input_key: sql`case when not crashes.reproducible and excluded.reproducible then excluded.input_key else crashes.input_key end`,
        input_sha256: sql`case when not crashes.reproducible and excluded.reproducible then excluded.input_sha256 else crashes.input_sha256 end`,
        input_size: sql`case when not crashes.reproducible and excluded.reproducible then excluded.input_size else crashes.input_size end`,
        last_run_id: sql`case when excluded.last_seen_at >= crashes.last_seen_at then excluded.last_run_id else crashes.last_run_id end`,
        last_seen_at: sql`greatest(crashes.last_seen_at, excluded.last_seen_at)`,
        first_run_id: sql`case when excluded.first_seen_at < crashes.first_seen_at then excluded.first_run_id else crashes.first_run_id end`,
        first_seen_at: sql`least(crashes.first_seen_at, excluded.first_seen_at)`,
      }),
    )
    .execute();
}

/** Keeps the latest counters of a run's campaign; the final ones (after the corpus merge) win. */
export async function recordCorpusStats(
  tx: Transaction<Database>,
  runId: string,
  stats: FuzzStats,
  at: string,
): Promise<void> {
  const final = stats.phase === 'final';
  await tx
    .insertInto('corpus_stats')
    .values({
      project: stats.project,
      engine: stats.engine,
      harness: stats.harness,
      run_id: runId,
      corpus_size: stats.corpusSize,
      coverage: stats.coverage,
      coverage_unit: stats.coverageUnit,
      executions: stats.executions,
      unique_crashes: stats.uniqueCrashes,
      final,
      recorded_at: at,
    })
    .onConflict((oc) =>
      oc
        .columns(['project', 'engine', 'harness', 'run_id'])
        .doUpdateSet((eb) => ({
          corpus_size: eb.ref('excluded.corpus_size'),
          coverage: eb.ref('excluded.coverage'),
          coverage_unit: eb.ref('excluded.coverage_unit'),
          executions: eb.ref('excluded.executions'),
          unique_crashes: eb.ref('excluded.unique_crashes'),
          final: eb.ref('excluded.final'),
          recorded_at: eb.ref('excluded.recorded_at'),
        }))
        .where((eb) =>
          eb.or([
            eb('excluded.final', '=', true),
            eb.and([
              eb('corpus_stats.final', '=', false),
              eb('corpus_stats.recorded_at', '<=', eb.ref('excluded.recorded_at')),
            ]),
          ]),
        ),
    )
    .execute();
}
