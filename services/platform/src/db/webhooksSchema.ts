import type { ColumnType, Generated, Insertable, Kysely, Selectable } from 'kysely';
import type { WebhookAttemptOutcome, WebhookDeliveryStatus } from '@fuzzforge/contracts';
import type { Database } from './schema';

/** Nothing here can be rebuilt from the streams: it lives in its own schema, like ff_admin. */
export const webhooksSchema = 'ff_webhooks';

export type WebhookDisabledReason = 'failing' | 'manual';
export type WebhookTrigger = 'scheduled' | 'manual';

/** A webhook subscription: where to send which events, and how it has been faring. */
export interface WebhookSubscriptionsTable {
  id: string;
  url: string;
  description: string | null;
  event_types: string[];
  projects: string[] | null;
  /** Signs every delivery. */
  secret: string;
  secret_rotated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The secret before the last rotation: it signs too, beside `secret`, until it expires. */
  previous_secret: ColumnType<string | null, string | null | undefined, string | null>;
  previous_secret_expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  enabled: boolean;
  disabled_reason: WebhookDisabledReason | null;
  disabled_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  disabled_event_pending: ColumnType<boolean, boolean | undefined, boolean>;
  consecutive_failures: ColumnType<number, number | undefined, number>;
  failing_since: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_error: string | null;
  last_success_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_failure_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: ColumnType<Date, Date | string, never>;
  updated_at: ColumnType<Date, Date | string, Date | string>;
  created_by: string | null;
}

/** One event to deliver to one subscription, with its state on the retry schedule. */
export interface WebhookDeliveriesTable {
  id: string;
  // bigint columns come back from pg as strings.
  seq: Generated<string>;
  subscription_id: string;
  event_id: string;
  event_type: string;
  project: string | null;
  body: string;
  /** W3C traceparent of the event's processing, so the attempts join its trace. */
  traceparent: ColumnType<string | null, string | null | undefined, string | null>;
  status: WebhookDeliveryStatus;
  attempts: ColumnType<number, number | undefined, number>;
  round_attempts: ColumnType<number, number | undefined, number>;
  trigger: ColumnType<WebhookTrigger, WebhookTrigger | undefined, WebhookTrigger>;
  next_attempt_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  lease_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  lease_token: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: ColumnType<Date, Date | string, never>;
  delivered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  dead_lettered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** One HTTP attempt of a delivery, as the delivery log shows it. */
export interface WebhookAttemptsTable {
  id: Generated<string>;
  delivery_id: string;
  attempt: number;
  trigger: WebhookTrigger;
  started_at: ColumnType<Date, Date | string, never>;
  duration_ms: number;
  outcome: WebhookAttemptOutcome;
  status_code: number | null;
  error: string | null;
  response_body: string | null;
}

/** Schema-qualified names, for `db.withTables<WebhooksDatabase>()` on any kysely instance. */
export type WebhooksDatabase = {
  'ff_webhooks.subscriptions': WebhookSubscriptionsTable;
  'ff_webhooks.deliveries': WebhookDeliveriesTable;
  'ff_webhooks.attempts': WebhookAttemptsTable;
};

export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionsTable>;
export type NewWebhookDelivery = Insertable<WebhookDeliveriesTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptsTable>;

/** The webhook tables over a read-model kysely instance (only the types change: names are qualified). */
export const webhookTables = <DB extends Database>(db: Kysely<DB>): Kysely<WebhooksDatabase> =>
  db.withTables<WebhooksDatabase>() as unknown as Kysely<WebhooksDatabase>;
