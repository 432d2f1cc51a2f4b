import type { Kysely, Transaction } from 'kysely';
import type { WebhooksDatabase } from '@fuzzforge/platform';
import type { AttemptOutcome } from '../attemptOutcome';
import { shouldDisable, type DisablePolicy } from '../autoDisable';
import type { ClaimedDelivery } from './deliveryClaims';
import { retryDelayMs, type RetrySchedule } from '../retrySchedule';

export interface AttemptPolicies {
  schedule: RetrySchedule;
  disable: DisablePolicy;
  random: () => number;
}

/** What recording an attempt changed. */
export type AttemptRecorded =
  | { recorded: false }
  | {
      recorded: true;
      status: 'pending' | 'succeeded' | 'dead-lettered';
      nextAttemptAt: Date | null;
      /** The subscription was disabled by this failure. */
      disabledSubscription: boolean;
    };

/** How stale `last_success_at` may get while a webhook keeps succeeding. */
const successRecordMs = 1_000;

async function recordHealth(
  tx: Transaction<WebhooksDatabase>,
  subscriptionId: string,
  result: AttemptOutcome,
  now: Date,
  policy: DisablePolicy,
): Promise<boolean> {
  const subscriptions = 'ff_webhooks.subscriptions' as const;
  if (result.outcome === 'succeeded') {
    // Only when there is news: a busy webhook's successes would otherwise all queue on its row lock.
    await tx
      .updateTable(subscriptions)
      .set({ consecutive_failures: 0, failing_since: null, last_error: null, last_success_at: now })
      .where('id', '=', subscriptionId)
      .where((eb) =>
        eb.or([
          eb('consecutive_failures', '>', 0),
          eb('last_success_at', 'is', null),
          eb('last_success_at', '<', new Date(now.getTime() - successRecordMs)),
        ]),
      )
      .execute();
    return false;
  }
  // The row lock taken here orders concurrent attempts of one subscription: counts never get lost.
  const health = await tx
    .updateTable(subscriptions)
    .set((eb) => ({
      consecutive_failures: eb('consecutive_failures', '+', 1),
      failing_since: eb.fn.coalesce('failing_since', eb.val(now)),
      last_failure_at: now,
      last_error: result.error,
    }))
    .where('id', '=', subscriptionId)
    .returning(['consecutive_failures', 'failing_since', 'enabled'])
    .executeTakeFirst();
  if (!health?.enabled) return false;
  const failingSince = health.failing_since ? new Date(health.failing_since) : null;
  if (!shouldDisable({ consecutiveFailures: health.consecutive_failures, failingSince }, now, policy)) {
    return false;
  }
  await tx
    .updateTable(subscriptions)
    .set({
      enabled: false,
      disabled_reason: 'failing',
      disabled_at: now,
      disabled_event_pending: true,
      updated_at: now,
    })
    .where('id', '=', subscriptionId)
    .execute();
  return true;
}

/**
 * Records one attempt: the log entry, the delivery's next state on the retry schedule (or dead-letter)
 * and the subscription's health, disabling it when it keeps failing. Fenced by the lease: when the
 * lease ran out and another process took the delivery over, nothing is written.
 */
export async function recordAttempt(
  db: Kysely<WebhooksDatabase>,
  claimed: ClaimedDelivery,
  result: AttemptOutcome,
  timing: { startedAt: Date; durationMs: number; now: Date },
  policies: AttemptPolicies,
): Promise<AttemptRecorded> {
  const { now } = timing;
  const succeeded = result.outcome === 'succeeded';
  const delay = succeeded ? null : retryDelayMs(claimed.roundAttempt, policies.schedule, policies.random);
  const status = succeeded ? 'succeeded' : delay === null ? 'dead-lettered' : 'pending';
  const nextAttemptAt = delay === null ? null : new Date(now.getTime() + delay);
  return db.transaction().execute(async (tx): Promise<AttemptRecorded> => {
    const updated = await tx
      .updateTable('ff_webhooks.deliveries')
      .set({
        status,
        next_attempt_at: nextAttemptAt,
        lease_until: null,
        lease_token: null,
        trigger: 'scheduled',
        last_status_code: result.statusCode,
        last_error: result.error,
        ...(succeeded ? { delivered_at: now } : {}),
        ...(status === 'dead-lettered' ? { dead_lettered_at: now } : {}),
      })
      .where('id', '=', claimed.id)
      .where('lease_token', '=', claimed.leaseToken)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return { recorded: false };
    await tx
      .insertInto('ff_webhooks.attempts')
      .values({
        delivery_id: claimed.id,
        attempt: claimed.attempt,
        trigger: claimed.trigger,
        started_at: timing.startedAt,
        duration_ms: timing.durationMs,
        outcome: result.outcome,
        status_code: result.statusCode,
        error: result.error,
        response_body: result.responseBody,
      })
      .execute();
    const disabledSubscription = await recordHealth(
      tx,
      claimed.subscriptionId,
      result,
      now,
      policies.disable,
    );
    return { recorded: true, status, nextAttemptAt, disabledSubscription };
  });
}
