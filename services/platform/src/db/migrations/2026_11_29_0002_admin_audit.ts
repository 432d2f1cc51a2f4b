import { sql, type Kysely } from 'kysely';

// Frozen in time: Kysely<any> and literal names, never today's types or constants.
// The audit trail lives in schema ff_admin, not in the rebuildable read-model schema the migrator is
// bound to; `if not exists` keeps this a no-op when a rebuilt read-model schema runs its migrations.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createSchema('ff_admin').ifNotExists().execute();
  const admin = db.schema.withSchema('ff_admin');
  await admin
    .createTable('admin_audit')
    .ifNotExists()
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('dlq_sequence', 'bigint', (c) => c.notNull())
    .addColumn('original_subject', 'text')
    .addColumn('consumer', 'text')
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text')
    .execute();
  await admin
    .createIndex('admin_audit_dlq_sequence_idx')
    .ifNotExists()
    .on('admin_audit')
    .column('dlq_sequence')
    .execute();
}

// Kept on the way down: this migration runs for every read-model schema, but the audit trail is not
// theirs to drop (and `up` is idempotent, so migrating up again is harmless).
export async function down(_db: Kysely<any>): Promise<void> {}
