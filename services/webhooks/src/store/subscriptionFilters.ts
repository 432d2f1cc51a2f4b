import type { Kysely } from 'kysely';
import type { WebhooksDatabase } from '@fuzzforge/platform';
import type { SubscriptionFilter } from '../fanOut/deliveryPlan';

/** The enabled subscriptions, as fan-out matches events against them. */
export async function enabledSubscriptionFilters(
  db: Kysely<WebhooksDatabase>,
): Promise<SubscriptionFilter[]> {
  const rows = await db
    .selectFrom('ff_webhooks.subscriptions')
    .select(['id', 'event_types', 'projects', 'created_at'])
    .where('enabled', '=', true)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    eventTypes: r.event_types,
    projects: r.projects,
    createdAt: r.created_at,
  }));
}
