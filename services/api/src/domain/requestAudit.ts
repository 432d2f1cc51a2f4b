import type { Kysely } from 'kysely';
import type {
  RequestAuditPage,
  RequestAuditQuery,
  RequestAuditRecord,
  RequestOutcome,
} from '@fuzzforge/contracts';
import type { AdminDatabase, Database, RequestAuditRow } from '@fuzzforge/platform';

const adminTables = (db: Kysely<Database>) => db.withTables<AdminDatabase>();

export interface AuditedRequest {
  at: Date;
  keyId: string | null;
  method: string;
  route: string;
  status: number;
  durationMs: number;
}

/** How a finished request is filed: by its status, which every rejection sets precisely. */
export function outcomeOf(status: number): RequestOutcome {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'error';
  if (status >= 400) return 'rejected';
  return 'ok';
}

export async function recordRequest(db: Kysely<Database>, r: AuditedRequest): Promise<void> {
  await adminTables(db)
    .insertInto('ff_admin.request_audit')
    .values({
      at: r.at,
      key_id: r.keyId,
      method: r.method,
      route: r.route,
      status: r.status,
      outcome: outcomeOf(r.status),
      duration_ms: r.durationMs,
    })
    .execute();
}

/** Forgets audited requests older than `before`; returns how many went. */
export async function pruneRequestAudit(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await adminTables(db)
    .deleteFrom('ff_admin.request_audit')
    .where('at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

const recordOf = (row: RequestAuditRow): RequestAuditRecord => ({
  id: Number(row.id),
  at: row.at.toISOString(),
  keyId: row.key_id,
  method: row.method,
  route: row.route,
  status: row.status,
  outcome: row.outcome,
  durationMs: row.duration_ms,
});

/** Audited requests, newest first, a page at a time. */
export async function listRequests(db: Kysely<Database>, q: RequestAuditQuery): Promise<RequestAuditPage> {
  let query = adminTables(db).selectFrom('ff_admin.request_audit').selectAll();
  if (q.keyId) query = query.where('key_id', '=', q.keyId);
  if (q.outcome) query = query.where('outcome', '=', q.outcome);
  if (q.before !== undefined) query = query.where('id', '<', String(q.before));
  const rows = await query
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const records = rows.slice(0, q.limit).map(recordOf);
  return { records, next: rows.length > q.limit ? (records.at(-1)?.id ?? null) : null };
}
