import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  CreatedWebhook,
  CreateWebhookRequest,
  RotateWebhookSecretRequest,
  UpdateWebhookRequest,
  WebhookView,
} from '@fuzzforge/contracts';
import {
  webhookTables,
  type Database,
  type SecretBox,
  type WebhookSubscriptionRow,
} from '@fuzzforge/platform';

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

const viewOf = (row: WebhookSubscriptionRow): WebhookView => ({
  id: row.id,
  url: row.url,
  description: row.description,
  eventTypes: row.event_types,
  projects: row.projects,
  enabled: row.enabled,
  disabledReason: row.disabled_reason,
  disabledAt: iso(row.disabled_at),
  consecutiveFailures: row.consecutive_failures,
  failingSince: iso(row.failing_since),
  lastSuccessAt: iso(row.last_success_at),
  lastFailureAt: iso(row.last_failure_at),
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  createdBy: row.created_by,
  secretRotatedAt: iso(row.secret_rotated_at),
  previousSecretExpiresAt: iso(row.previous_secret_expires_at),
});

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** Creates a subscription; the answer carries its signing secret, shown this once (stored sealed). */
export async function createWebhook(
  db: Kysely<Database>,
  box: SecretBox,
  request: CreateWebhookRequest,
  ids: { id: string; createdBy: string | null; now: Date },
): Promise<CreatedWebhook> {
  const secret = newWebhookSecret();
  const row = await webhookTables(db)
    .insertInto('ff_webhooks.subscriptions')
    .values({
      id: ids.id,
      url: request.url,
      description: request.description || null,
      event_types: unique(request.eventTypes),
      projects: request.projects ? unique(request.projects) : null,
      secret: box.seal(secret, ids.id),
      enabled: request.enabled,
      disabled_reason: request.enabled ? null : 'manual',
      disabled_at: request.enabled ? null : ids.now,
      created_at: ids.now,
      updated_at: ids.now,
      created_by: ids.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...viewOf(row), secret };
}

export async function listWebhooks(db: Kysely<Database>): Promise<WebhookView[]> {
  const rows = await webhookTables(db)
    .selectFrom('ff_webhooks.subscriptions')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(viewOf);
}

export async function findWebhook(db: Kysely<Database>, id: string): Promise<WebhookView | undefined> {
  const row = await webhookTables(db)
    .selectFrom('ff_webhooks.subscriptions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? viewOf(row) : undefined;
}

/**
 * Changes a subscription. Re-enabling starts its failure count afresh (its pending deliveries go out
 * again); disabling it by hand pauses them and publishes `ff.webhook.disabled` (reason `manual`).
 */
export async function updateWebhook(
  db: Kysely<Database>,
  id: string,
  update: UpdateWebhookRequest,
  now: Date,
): Promise<WebhookView | undefined> {
  return webhookTables(db)
    .transaction()
    .execute(async (tx) => {
      const current = await tx
        .selectFrom('ff_webhooks.subscriptions')
        .select(['enabled'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!current) return undefined;
      const enabling = update.enabled === true && !current.enabled;
      const disabling = update.enabled === false && current.enabled;
      const row = await tx
        .updateTable('ff_webhooks.subscriptions')
        .set({
          ...(update.url !== undefined ? { url: update.url } : {}),
          ...(update.description !== undefined ? { description: update.description || null } : {}),
          ...(update.eventTypes ? { event_types: unique(update.eventTypes) } : {}),
          ...(update.projects !== undefined
            ? { projects: update.projects ? unique(update.projects) : null }
            : {}),
          ...(enabling
            ? {
                enabled: true,
                disabled_reason: null,
                disabled_at: null,
                disabled_event_pending: false,
                consecutive_failures: 0,
                failing_since: null,
              }
            : {}),
          ...(disabling
            ? { enabled: false, disabled_reason: 'manual', disabled_at: now, disabled_event_pending: true }
            : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return viewOf(row);
    });
}

/**
 * Gives a subscription a new signing secret, shown in the answer only. The one it replaces keeps
 * signing beside it for `graceSeconds` (a secret from an earlier rotation still in its grace is
 * dropped: only the last one is kept). Attempts already in flight keep the signatures they were made
 * with; every attempt from the commit on carries the new one.
 */
export async function rotateWebhookSecret(
  db: Kysely<Database>,
  box: SecretBox,
  id: string,
  request: RotateWebhookSecretRequest,
  now: Date,
): Promise<CreatedWebhook | undefined> {
  const graceEnds = new Date(now.getTime() + request.graceSeconds * 1000);
  const secret = newWebhookSecret();
  const row = await webhookTables(db)
    .updateTable('ff_webhooks.subscriptions')
    .set((eb) => ({
      previous_secret: request.graceSeconds > 0 ? eb.ref('secret') : null,
      previous_secret_expires_at: request.graceSeconds > 0 ? graceEnds : null,
      secret: box.seal(secret, id),
      secret_rotated_at: now,
      updated_at: now,
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? { ...viewOf(row), secret } : undefined;
}

/** Deletes a subscription and its delivery log; false when there is none. */
export async function deleteWebhook(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await webhookTables(db)
    .deleteFrom('ff_webhooks.subscriptions')
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
