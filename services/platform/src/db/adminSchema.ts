import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AdminAction } from '@fuzzforge/contracts';

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

/**
 * The admin tables, named with their schema so they resolve to `ff_admin` even through a kysely
 * instance bound to the read-model schema: `db.withTables<AdminDatabase>()`.
 */
export type AdminDatabase = {
  'ff_admin.admin_audit': AdminAuditTable;
};

export type AdminAuditRow = Selectable<AdminAuditTable>;
export type NewAdminAudit = Insertable<AdminAuditTable>;
