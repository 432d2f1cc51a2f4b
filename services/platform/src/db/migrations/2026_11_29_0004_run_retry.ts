import type { Kysely } from 'kysely';

// Migrations are frozen in time: they take Kysely<any>, never today's Database type.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('runs').addColumn('retry_of', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('runs').dropColumn('retry_of').execute();
}
