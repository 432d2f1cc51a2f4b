import type { Kysely } from 'kysely';
import {
  WebhookDisabledV1,
  webhookDisabledSubject,
  webhookDisabledType,
  webhookDisabledVersion,
} from '@fuzzforge/contracts';
import { newEvent, type WebhooksDatabase } from '@fuzzforge/platform';

/**
 * Publishes an `ff.webhook.disabled` event for every subscription disabled since the last call, then
 * clears its outbox flag. The event id comes from the subscription and the disabling instant, so a
 * crash between publishing and clearing publishes it again, and JetStream stores it once.
 */
export async function publishDisabledEvents(
  db: Kysely<WebhooksDatabase>,
  publish: (event: WebhookDisabledV1) => Promise<void>,
): Promise<number> {
  const rows = await db
    .selectFrom('ff_webhooks.subscriptions')
    .select(['id', 'disabled_reason', 'disabled_at', 'consecutive_failures', 'failing_since', 'last_error'])
    .where('disabled_event_pending', '=', true)
    .execute();
  for (const row of rows) {
    if (!row.disabled_at) continue;
    const event = WebhookDisabledV1.parse(
      newEvent({
        id: `webhook-disabled-${row.id}-${row.disabled_at.getTime()}`,
        type: webhookDisabledType,
        version: webhookDisabledVersion,
        subject: webhookDisabledSubject(row.id),
        source: 'fuzzforge/webhooks',
        time: row.disabled_at,
        data: {
          webhookId: row.id,
          reason: row.disabled_reason ?? 'failing',
          consecutiveFailures: row.consecutive_failures,
          ...(row.failing_since ? { failingSince: row.failing_since.toISOString() } : {}),
          ...(row.last_error ? { lastError: row.last_error.slice(0, 500) } : {}),
          disabledAt: row.disabled_at.toISOString(),
        },
      }),
    );
    await publish(event);
    await db
      .updateTable('ff_webhooks.subscriptions')
      .set({ disabled_event_pending: false })
      .where('id', '=', row.id)
      .where('disabled_at', '=', row.disabled_at)
      .execute();
  }
  return rows.length;
}
