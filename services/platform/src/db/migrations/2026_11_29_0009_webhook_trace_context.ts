import type { Kysely } from 'kysely';

// Frozen in time: Kysely<any> and literal names, never today's types or constants.
// The trace a delivery belongs to (its event's), so its attempts, made later and elsewhere, join it.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .withSchema('ff_webhooks')
    .alterTable('deliveries')
    .addColumn('traceparent', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('ff_webhooks').alterTable('deliveries').dropColumn('traceparent').execute();
}
