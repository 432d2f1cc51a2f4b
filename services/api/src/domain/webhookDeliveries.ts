import type { Kysely } from 'kysely';
import type {
  WebhookAttemptView,
  WebhookDeliveryDetail,
  WebhookDeliveryPage,
  WebhookDeliveryQuery,
  WebhookDeliveryView,
} from '@fuzzforge/contracts';
import {
  webhookTables,
  type Database,
  type WebhookAttemptRow,
  type WebhookDeliveryRow,
} from '@fuzzforge/platform';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

const viewOf = (row: Omit<WebhookDeliveryRow, 'body' | 'traceparent'>): WebhookDeliveryView => ({
  id: row.id,
  webhookId: row.subscription_id,
  eventId: row.event_id,
  eventType: row.event_type,
  project: row.project,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  createdAt: row.created_at.toISOString(),
  deliveredAt: iso(row.delivered_at),
  deadLetteredAt: iso(row.dead_lettered_at),
});

const attemptOf = (row: WebhookAttemptRow): WebhookAttemptView => ({
  attempt: row.attempt,
  trigger: row.trigger,
  startedAt: row.started_at.toISOString(),
  durationMs: row.duration_ms,
  outcome: row.outcome,
  statusCode: row.status_code,
  error: row.error,
  responseBody: row.response_body,
});

const listedColumns = [
  'id',
  'seq',
  'subscription_id',
  'event_id',
  'event_type',
  'project',
  'status',
  'attempts',
  'round_attempts',
  'trigger',
  'next_attempt_at',
  'lease_until',
  'lease_token',
  'last_status_code',
  'last_error',
  'created_at',
  'delivered_at',
  'dead_lettered_at',
] as const;

/** A subscription's deliveries, newest first, a page at a time. */
export async function listDeliveries(
  db: Kysely<Database>,
  webhookId: string,
  q: WebhookDeliveryQuery,
): Promise<WebhookDeliveryPage> {
  let query = webhookTables(db)
    .selectFrom('ff_webhooks.deliveries')
    .select(listedColumns)
    .where('subscription_id', '=', webhookId);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.eventType) query = query.where('event_type', '=', q.eventType);
  if (q.before !== undefined) query = query.where('seq', '<', String(q.before));
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  return {
    deliveries: page.map(viewOf),
    next: rows.length > q.limit ? Number(page.at(-1)!.seq) : null,
  };
}

/** One delivery with its body and every attempt, oldest first. */
export async function findDelivery(
  db: Kysely<Database>,
  webhookId: string,
  deliveryId: string,
): Promise<WebhookDeliveryDetail | undefined> {
  const tables = webhookTables(db);
  const row = await tables
    .selectFrom('ff_webhooks.deliveries')
    .selectAll()
    .where('id', '=', deliveryId)
    .where('subscription_id', '=', webhookId)
    .executeTakeFirst();
  if (!row) return undefined;
  const attempts = await tables
    .selectFrom('ff_webhooks.attempts')
    .selectAll()
    .where('delivery_id', '=', deliveryId)
    .orderBy('id')
    .execute();
  return { ...viewOf(row), payload: JSON.parse(row.body) as unknown, attemptLog: attempts.map(attemptOf) };
}

/**
 * Sends a delivery again now, whatever its state, on a fresh retry schedule; the webhooks service
 * picks it up at its next look. The `webhook-id` stays the same: receivers may deduplicate on it.
 */
export async function redeliver(
  db: Kysely<Database>,
  webhookId: string,
  deliveryId: string,
  now: Date,
): Promise<WebhookDeliveryView | undefined> {
  const row = await webhookTables(db)
    .updateTable('ff_webhooks.deliveries')
    .set({
      status: 'pending',
      next_attempt_at: now,
      round_attempts: 0,
      trigger: 'manual',
      dead_lettered_at: null,
    })
    .where('id', '=', deliveryId)
    .where('subscription_id', '=', webhookId)
    .returning(listedColumns)
    .executeTakeFirst();
  return row ? viewOf(row) : undefined;
}
