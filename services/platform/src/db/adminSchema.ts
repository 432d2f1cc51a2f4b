import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AdminAction, RateLimit, RequestOutcome, Scope } from '@fuzzforge/contracts';

/**
 * The Postgres schema of operator records. Unlike the read models in `ff`, nothing here can be rebuilt
 * from the streams, so it lives apart and survives a read-model rebuild.
 */
export const adminSchema = 'ff_admin';

/** One operator action on the platform (a dead letter replayed or deleted). */
export interface AdminAuditTable {
  // bigint columns come back from pg as strings.
  id: Generated<string>;
  action: AdminAction;
  dlq_sequence: ColumnType<string, number, never>;
  original_subject: string | null;
  consumer: string | null;
  detail: ColumnType<Record<string, unknown>, string, never>;
  at: ColumnType<Date, Date | string, never>;
  /** Who did it; null until the API authenticates callers. */
  actor: string | null;
}

/** An API key: only its sha256 is kept, looked up by that hash on every request. */
export interface ApiKeysTable {
  id: string;
  name: string;
  prefix: string;
  hash: string;
  scopes: Scope[];
  projects: string[] | null;
  rate_limit: ColumnType<RateLimit | null, string | null, string | null>;
  created_at: ColumnType<Date, Date | string, never>;
  created_by: string | null;
  expires_at: ColumnType<Date | null, Date | string | null, never>;
  revoked_at: ColumnType<Date | null, never, Date | string>;
  last_used_at: ColumnType<Date | null, never, Date | string>;
}

/** One API request: who (key), what (method and route), how it ended, when. */
export interface RequestAuditTable {
  id: Generated<string>;
  at: ColumnType<Date, Date | string, never>;
  key_id: string | null;
  method: string;
  route: string;
  status: number;
  outcome: RequestOutcome;
  duration_ms: number;
}

/**
 * The admin tables, named with their schema so they resolve to `ff_admin` even through a kysely
 * instance bound to the read-model schema: `db.withTables<AdminDatabase>()`.
 */
export type AdminDatabase = {
  'ff_admin.admin_audit': AdminAuditTable;
  'ff_admin.api_keys': ApiKeysTable;
  'ff_admin.request_audit': RequestAuditTable;
};

export type AdminAuditRow = Selectable<AdminAuditTable>;
export type NewAdminAudit = Insertable<AdminAuditTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type RequestAuditRow = Selectable<RequestAuditTable>;
