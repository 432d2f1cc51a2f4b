import { sql, type Kysely } from 'kysely';

// Frozen in time: Kysely<any> and literal names, never today's types or constants.
// Secret rotation: after a rotation the previous secret keeps signing (beside the new one) until
// previous_secret_expires_at, so receivers can switch over without refusing a delivery. Like 0009, the
// columns are added once, and only after looking: a rebuild runs this again in a new read-model schema,
// and ALTER TABLE would lock the subscriptions against live deliveries.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ present: boolean }>`
    select exists (
      select 1 from information_schema.columns
      where table_schema = 'ff_webhooks' and table_name = 'subscriptions'
        and column_name = 'previous_secret_expires_at'
    ) as present`.execute(db);
  if (rows[0]?.present) return;
  await sql`alter table ff_webhooks.subscriptions
    add column if not exists secret_rotated_at timestamptz,
    add column if not exists previous_secret text,
    add column if not exists previous_secret_expires_at timestamptz`.execute(db);
}

// Kept on the way down: subscriptions are not a read model's to change.
export async function down(_db: Kysely<any>): Promise<void> {}
