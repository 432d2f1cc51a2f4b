import type { Kysely } from 'kysely';
import type { WebhooksDatabase } from '@fuzzforge/platform';
import { enabledSubscriptionFilters } from '../store/subscriptionFilters';
import { planDeliveries, type FannedEvent, type PlannedDelivery } from './deliveryPlan';
import { projectSourceOf } from './eventProject';
import type { RunProjectLookup } from './runProjects';

const insertChunk = 500;

/**
 * Records the deliveries a batch of events makes, due now, in one transaction. Run before the events
 * are acked: a crash in between redelivers them, and their deliveries (same ids) are inserted once.
 */
export async function fanOut(
  db: Kysely<WebhooksDatabase>,
  events: readonly FannedEvent[],
  runProject: RunProjectLookup,
  now: Date,
): Promise<number> {
  const subscriptions = await enabledSubscriptionFilters(db);
  if (subscriptions.length === 0) return 0;
  const planned: PlannedDelivery[] = [];
  for (const fanned of events) {
    const source = projectSourceOf(fanned.event);
    const project = 'runId' in source ? await runProject(source.runId) : source.project;
    planned.push(...planDeliveries(fanned, project, subscriptions));
  }
  if (planned.length === 0) return 0;
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < planned.length; i += insertChunk) {
      await tx
        .insertInto('ff_webhooks.deliveries')
        .values(
          planned.slice(i, i + insertChunk).map((p) => ({
            id: p.id,
            subscription_id: p.subscriptionId,
            event_id: p.eventId,
            event_type: p.eventType,
            project: p.project,
            body: p.body,
            traceparent: p.traceparent,
            status: 'pending' as const,
            next_attempt_at: now,
            created_at: now,
          })),
        )
        // Already planned: a redelivered event. (A subscription deleted meanwhile fails the batch,
        // which is retried without it.)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
  });
  return planned.length;
}
