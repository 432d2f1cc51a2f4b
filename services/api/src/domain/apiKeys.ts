import { sql, type Kysely } from 'kysely';
import type { ApiKeyView, CreateApiKeyRequest, CreatedApiKey } from '@fuzzforge/contracts';
import type { AdminDatabase, ApiKeyRow, Database } from '@fuzzforge/platform';
import { hashKey, issueKey } from '../auth/apiKeyToken';
import type { Principal } from '../auth/principal';

const adminTables = (db: Kysely<Database>) => db.withTables<AdminDatabase>();

export const bootstrapKeyId = 'bootstrap';

const viewOf = (row: ApiKeyRow): ApiKeyView => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes,
  projects: row.projects,
  rateLimit: row.rate_limit,
  createdAt: row.created_at.toISOString(),
  createdBy: row.created_by,
  expiresAt: row.expires_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
});

/** The caller a presented key stands for, or undefined when it is unknown, revoked or expired. */
export async function principalForKey(
  db: Kysely<Database>,
  key: string,
  now: Date,
): Promise<Principal | undefined> {
  const row = await adminTables(db)
    .selectFrom('ff_admin.api_keys')
    .select(['id', 'scopes', 'projects', 'rate_limit', 'revoked_at', 'expires_at'])
    .where('hash', '=', hashKey(key))
    .executeTakeFirst();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now)) return undefined;
  return { keyId: row.id, scopes: row.scopes, projects: row.projects, rateLimit: row.rate_limit };
}

/** Creates a key; the answer carries the secret, which is never stored and never shown again. */
export async function createApiKey(
  db: Kysely<Database>,
  request: CreateApiKeyRequest,
  ids: { id: string; createdBy: string | null; now: Date },
): Promise<CreatedApiKey> {
  const issued = issueKey();
  const row = await adminTables(db)
    .insertInto('ff_admin.api_keys')
    .values({
      id: ids.id,
      name: request.name,
      prefix: issued.prefix,
      hash: issued.hash,
      scopes: [...new Set(request.scopes)],
      projects: request.projects ? [...new Set(request.projects)] : null,
      rate_limit: request.rateLimit ? JSON.stringify(request.rateLimit) : null,
      created_at: ids.now,
      created_by: ids.createdBy,
      expires_at: request.expiresAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...viewOf(row), key: issued.key };
}

export async function listApiKeys(db: Kysely<Database>, includeRevoked: boolean): Promise<ApiKeyView[]> {
  let query = adminTables(db).selectFrom('ff_admin.api_keys').selectAll();
  if (!includeRevoked) query = query.where('revoked_at', 'is', null);
  return (await query.orderBy('created_at').orderBy('id').execute()).map(viewOf);
}

export async function findApiKey(db: Kysely<Database>, id: string): Promise<ApiKeyView | undefined> {
  const row = await adminTables(db)
    .selectFrom('ff_admin.api_keys')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? viewOf(row) : undefined;
}

export type RevokeOutcome = { revoked: ApiKeyView } | { refused: 'not-found' } | { refused: 'last-admin' };

/**
 * Revokes a key from `now` on (idempotent: a revoked key keeps its first revocation time) — unless it is
 * the last active admin key that does not expire: then nobody could manage keys any more, and since
 * FF_BOOTSTRAP_ADMIN_KEY only applies to an empty table, recovering would take SQL. One transaction
 * with the table locked, so two admins revoking each other at once cannot both succeed.
 */
export async function revokeApiKey(db: Kysely<Database>, id: string, now: Date): Promise<RevokeOutcome> {
  return db.transaction().execute(async (trx) => {
    await sql`lock table ff_admin.api_keys in share row exclusive mode`.execute(trx);
    const admin = adminTables(trx);
    const key = await admin
      .selectFrom('ff_admin.api_keys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!key) return { refused: 'not-found' };
    if (!key.revoked_at) {
      if (key.scopes.includes('admin')) {
        const other = await admin
          .selectFrom('ff_admin.api_keys')
          .select('id')
          .where('id', '!=', id)
          .where('revoked_at', 'is', null)
          .where('expires_at', 'is', null)
          .where((eb) => eb(eb.val('admin'), '=', eb.fn.any('scopes')))
          .limit(1)
          .executeTakeFirst();
        if (!other) return { refused: 'last-admin' };
      }
      await admin.updateTable('ff_admin.api_keys').set({ revoked_at: now }).where('id', '=', id).execute();
    }
    const row = await admin
      .selectFrom('ff_admin.api_keys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { revoked: viewOf(row) };
  });
}

export async function touchApiKey(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await adminTables(db)
    .updateTable('ff_admin.api_keys')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .execute();
}

export type BootstrapOutcome = 'created' | 'present' | 'ignored';

/**
 * Installs the operator's first admin key (FF_BOOTSTRAP_ADMIN_KEY) while no key exists at all. Once any
 * key exists the variable changes nothing: keys are managed through the API from then on.
 */
export async function bootstrapAdminKey(
  db: Kysely<Database>,
  key: string,
  now: Date,
): Promise<BootstrapOutcome> {
  const hash = hashKey(key);
  return db.transaction().execute(async (trx) => {
    const admin = adminTables(trx);
    // Two APIs starting together must not both decide the table is empty.
    await sql`lock table ff_admin.api_keys in share row exclusive mode`.execute(trx);
    const existing = await admin.selectFrom('ff_admin.api_keys').select(['id', 'hash']).execute();
    if (existing.some((k) => k.hash === hash)) return 'present';
    if (existing.length > 0) return 'ignored';
    const issued = issueKey(key);
    await admin
      .insertInto('ff_admin.api_keys')
      .values({
        id: bootstrapKeyId,
        name: 'bootstrap admin (FF_BOOTSTRAP_ADMIN_KEY)',
        prefix: issued.prefix,
        hash: issued.hash,
        scopes: ['admin', 'submit', 'read'],
        projects: null,
        rate_limit: null,
        created_at: now,
        created_by: null,
        expires_at: null,
      })
      .execute();
    return 'created';
  });
}
