import { sql, type Kysely } from 'kysely';

// Migrations are frozen in time: they take Kysely<any>, never today's Database type.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // The project's sightings of a fingerprint are found through the per-run findings.
  await db.schema
    .createIndex('findings_fingerprint_idx')
    .ifNotExists()
    .on('findings')
    .column('fingerprint')
    .execute();

  // One row per (project, fingerprint): derived from the project's runs' findings and its triage rows.
  await db.schema
    .createTable('project_findings')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('tool', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('finding', 'jsonb', (c) => c.notNull())
    .addColumn('first_run_id', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('first_requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_run_id', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('occurrences', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('history', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addUniqueConstraint('project_findings_project_fingerprint_uq', ['project', 'fingerprint'])
    .execute();
  await db.schema
    .createIndex('project_findings_list_idx')
    .ifNotExists()
    .on('project_findings')
    .columns(['project', 'first_seen_at', 'id'])
    .execute();

  // Every triage decision, one row per event: the facts a project finding's status is derived from.
  await db.schema
    .createTable('finding_triage')
    .ifNotExists()
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('finding_id', 'text', (c) => c.notNull())
    .addColumn('project', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('triaged_by', 'text')
    .addColumn('triaged_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('finding_triage_finding_idx')
    .ifNotExists()
    .on('finding_triage')
    .columns(['finding_id', 'triaged_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('finding_triage').ifExists().execute();
  await db.schema.dropTable('project_findings').ifExists().execute();
  await db.schema.dropIndex('findings_fingerprint_idx').ifExists().execute();
}
