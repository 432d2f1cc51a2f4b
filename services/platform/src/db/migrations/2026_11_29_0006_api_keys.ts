import { sql, type Kysely } from 'kysely';

// Frozen in time: Kysely<any> and literal names, never today's types or constants.
// API keys and the request audit trail are operator records, not projections: they live in ff_admin,
// which a read-model rebuild never touches; `if not exists` makes this a no-op in a rebuilt schema.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createSchema('ff_admin').ifNotExists().execute();
  const admin = db.schema.withSchema('ff_admin');
  await admin
    .createTable('api_keys')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    // sha256 of the whole key, hex: the key itself is never stored.
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', sql`text[]`, (c) => c.notNull())
    .addColumn('projects', sql`text[]`)
    .addColumn('rate_limit', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'text')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    .execute();
  await admin
    .createTable('request_audit')
    .ifNotExists()
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('key_id', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'real', (c) => c.notNull())
    .execute();
  await admin
    .createIndex('request_audit_key_idx')
    .ifNotExists()
    .on('request_audit')
    .columns(['key_id', 'id'])
    .execute();
  await admin
    .createIndex('request_audit_outcome_idx')
    .ifNotExists()
    .on('request_audit')
    .columns(['outcome', 'id'])
    .execute();
  // Retention deletes by time.
  await admin.createIndex('request_audit_at_idx').ifNotExists().on('request_audit').column('at').execute();
}

// Kept on the way down, like the admin audit: operator records are not a read model's to drop.
export async function down(_db: Kysely<any>): Promise<void> {}
