import { sql, type Kysely } from 'kysely';

// Frozen in time: Kysely<any> and literal names, never today's types or constants.
// Webhook subscriptions (with their signing secrets) and the delivery log cannot be rebuilt from the
// streams: they live in ff_webhooks, which a read-model rebuild never touches; `if not exists` makes
// this a no-op in a rebuilt schema.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createSchema('ff_webhooks').ifNotExists().execute();
  const hooks = db.schema.withSchema('ff_webhooks');
  await hooks
    .createTable('subscriptions')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('event_types', sql`text[]`, (c) => c.notNull())
    .addColumn('projects', sql`text[]`)
    // The signing key itself: every delivery is signed with it, so it cannot be a hash.
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull())
    .addColumn('disabled_reason', 'text')
    .addColumn('disabled_at', 'timestamptz')
    // Outbox flag: the ff.webhook.disabled event is still to be published.
    .addColumn('disabled_event_pending', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failing_since', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('last_success_at', 'timestamptz')
    .addColumn('last_failure_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await hooks
    .createTable('deliveries')
    .ifNotExists()
    // Derived from (subscription, event): fanning one event out twice inserts it once.
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Newest-first paging of a subscription's log.
    .addColumn('seq', 'bigserial', (c) => c.notNull().unique())
    .addColumn('subscription_id', 'text', (c) =>
      c.notNull().references('ff_webhooks.subscriptions.id').onDelete('cascade'),
    )
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('project', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // Attempts since the delivery was (re)scheduled: the retry schedule counts these.
    .addColumn('round_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('trigger', 'text', (c) => c.notNull().defaultTo('scheduled'))
    .addColumn('next_attempt_at', 'timestamptz')
    // A claimed delivery is someone's until lease_until; lease_token fences a late writer out.
    .addColumn('lease_until', 'timestamptz')
    .addColumn('lease_token', 'text')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('dead_lettered_at', 'timestamptz')
    .execute();
  await sql`create index if not exists deliveries_due_idx on ff_webhooks.deliveries (next_attempt_at)
    where status = 'pending'`.execute(db);
  await hooks
    .createIndex('deliveries_subscription_idx')
    .ifNotExists()
    .on('deliveries')
    .columns(['subscription_id', 'seq'])
    .execute();
  await hooks
    .createTable('attempts')
    .ifNotExists()
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('delivery_id', 'text', (c) =>
      c.notNull().references('ff_webhooks.deliveries.id').onDelete('cascade'),
    )
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_ms', 'real', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('error', 'text')
    .addColumn('response_body', 'text')
    .execute();
  await hooks
    .createIndex('attempts_delivery_idx')
    .ifNotExists()
    .on('attempts')
    .columns(['delivery_id', 'id'])
    .execute();
}

// Kept on the way down: subscriptions and their log are not a read model's to drop.
export async function down(_db: Kysely<any>): Promise<void> {}
