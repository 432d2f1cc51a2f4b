import type { Kysely } from 'kysely';
import type { AdminAction, AdminAuditPage, AdminAuditQuery, AdminAuditRecord } from '@fuzzforge/contracts';
import type { AdminAuditRow, AdminDatabase, Database } from '@fuzzforge/platform';

export interface AdminActionRecord {
  action: AdminAction;
  dlqSequence: number;
  originalSubject: string | null;
  consumer: string | null;
  detail: Record<string, unknown>;
  at: Date;
  actor: string | null;
}

// The API's kysely instance resolves bare names in the read-model schema; the admin tables carry theirs.
const adminTables = (db: Kysely<Database>) => db.withTables<AdminDatabase>();

/** Appends an operator action to ff_admin.admin_audit; returns its id. */
export async function recordAdminAction(db: Kysely<Database>, r: AdminActionRecord): Promise<number> {
  const row = await adminTables(db)
    .insertInto('ff_admin.admin_audit')
    .values({
      action: r.action,
      dlq_sequence: r.dlqSequence,
      original_subject: r.originalSubject,
      consumer: r.consumer,
      detail: JSON.stringify(r.detail),
      at: r.at,
      actor: r.actor,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

const recordOf = (row: AdminAuditRow): AdminAuditRecord => ({
  id: Number(row.id),
  action: row.action,
  dlqSequence: Number(row.dlq_sequence),
  originalSubject: row.original_subject,
  consumer: row.consumer,
  detail: row.detail,
  at: row.at.toISOString(),
  actor: row.actor,
});

/** Audit records, newest first, a page at a time. */
export async function listAdminAudit(db: Kysely<Database>, q: AdminAuditQuery): Promise<AdminAuditPage> {
  let query = adminTables(db).selectFrom('ff_admin.admin_audit').selectAll();
  if (q.action) query = query.where('action', '=', q.action);
  if (q.dlqSequence !== undefined) query = query.where('dlq_sequence', '=', String(q.dlqSequence));
  if (q.before !== undefined) query = query.where('id', '<', String(q.before));
  const rows = await query
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const records = rows.slice(0, q.limit).map(recordOf);
  return { records, next: rows.length > q.limit ? (records.at(-1)?.id ?? null) : null };
}
