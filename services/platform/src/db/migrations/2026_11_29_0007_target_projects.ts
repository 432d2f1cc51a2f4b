import { sql, type Kysely } from 'kysely';

// Frozen in time: Kysely<any> and literal names, never today's types or constants.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('target_projects')
    .ifNotExists()
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('project', 'text', (c) => c.notNull())
    .addColumn('added_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('target_projects_pkey', ['target_id', 'project'])
    .execute();
  await db.schema
    .createIndex('target_projects_project_idx')
    .ifNotExists()
    .on('target_projects')
    .columns(['project', 'target_id'])
    .execute();
  // Targets stored before projects belong to `default`, and to every project a run used them in. Built
  // with the query builder so the tables resolve in the schema being migrated (live or rebuilt).
  await db
    .insertInto('target_projects')
    .columns(['target_id', 'project', 'added_at'])
    .expression(db.selectFrom('targets').select(['id', sql.lit('default').as('project'), 'uploaded_at']))
    .onConflict((oc) => oc.doNothing())
    .execute();
  const project = sql`coalesce(project, 'default')`;
  await db
    .insertInto('target_projects')
    .columns(['target_id', 'project', 'added_at'])
    .expression(
      db
        .selectFrom('runs')
        .select(['target_id', project.as('project'), sql`min(requested_at)`.as('added_at')])
        .where('target_id', 'is not', null)
        .where('requested_at', 'is not', null)
        .groupBy(['target_id', project]),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('target_projects').execute();
}
