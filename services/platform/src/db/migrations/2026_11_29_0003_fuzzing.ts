import { type Kysely } from 'kysely';

// Migrations are frozen in time: they take Kysely<any>, never today's Database type.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('runs').addColumn('project', 'text').execute();
  await db.schema.alterTable('runs').addColumn('fuzzing', 'jsonb').execute();
  await db.schema.createIndex('runs_project_idx').ifNotExists().on('runs').column('project').execute();

  // One row per distinct crash of a project: the same signature in two runs is one crash seen twice.
  await db.schema
    .createTable('crashes')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('engine', 'text', (c) => c.notNull())
    .addColumn('harness', 'text', (c) => c.notNull())
    .addColumn('frames', 'jsonb', (c) => c.notNull())
    .addColumn('input_key', 'text', (c) => c.notNull())
    .addColumn('input_sha256', 'text', (c) => c.notNull())
    .addColumn('input_size', 'integer', (c) => c.notNull())
    .addColumn('reproducible', 'boolean', (c) => c.notNull())
    .addColumn('runs_seen', 'integer', (c) => c.notNull())
    .addColumn('first_run_id', 'text', (c) => c.notNull())
    .addColumn('last_run_id', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('crashes_project_signature_uq', ['project', 'signature'])
    .execute();

  await db.schema
    .createTable('run_crashes')
    .ifNotExists()
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('crash_id', 'text', (c) => c.notNull())
    .addColumn('input_key', 'text', (c) => c.notNull())
    .addColumn('input_sha256', 'text', (c) => c.notNull())
    .addColumn('input_size', 'integer', (c) => c.notNull())
    .addColumn('reproducible', 'boolean', (c) => c.notNull())
    .addColumn('minimized', 'boolean', (c) => c.notNull())
    .addColumn('found_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('run_crashes_pk', ['run_id', 'crash_id'])
    .execute();
  await db.schema
    .createIndex('run_crashes_crash_idx')
    .ifNotExists()
    .on('run_crashes')
    .column('crash_id')
    .execute();

  // Corpus size and coverage of each (project, engine, harness), one row per run: the latest counters.
  await db.schema
    .createTable('corpus_stats')
    .ifNotExists()
    .addColumn('project', 'text', (c) => c.notNull())
    .addColumn('engine', 'text', (c) => c.notNull())
    .addColumn('harness', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('corpus_size', 'integer', (c) => c.notNull())
    .addColumn('coverage', 'integer', (c) => c.notNull())
    .addColumn('coverage_unit', 'text', (c) => c.notNull())
    .addColumn('executions', 'bigint', (c) => c.notNull())
    .addColumn('unique_crashes', 'integer', (c) => c.notNull())
    .addColumn('final', 'boolean', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('corpus_stats_pk', ['project', 'engine', 'harness', 'run_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['corpus_stats', 'run_crashes', 'crashes']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema.alterTable('runs').dropColumn('fuzzing').execute();
  await db.schema.alterTable('runs').dropColumn('project').execute();
}
