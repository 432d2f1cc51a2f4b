import { sql, type Kysely } from 'kysely';

// Frozen in time: Kysely<any> and literal names, never today's types or constants.
// The trace a delivery belongs to (its event's), so its attempts, made later and elsewhere, join it.
// ff_webhooks is shared by every read-model schema's migrations (a rebuild runs them again): the column
// is added once, and only after looking, since ALTER TABLE locks the table against live deliveries.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ present: boolean }>`
    select exists (
      select 1 from information_schema.columns
      where table_schema = 'ff_webhooks' and table_name = 'deliveries' and column_name = 'traceparent'
    ) as present`.execute(db);
  if (rows[0]?.present) return;
  await sql`alter table ff_webhooks.deliveries add column if not exists traceparent text`.execute(db);
}

// Kept on the way down: the delivery log is not a read model's to change.
export async function down(_db: Kysely<any>): Promise<void> {}
