import { sql, type Kysely } from 'kysely';
import type { WebhooksDatabase, WebhookTrigger } from '@fuzzforge/platform';

/** A delivery this process holds until `leaseUntil`, with what it takes to send it. */
export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  eventType: string;
  body: string;
  /** This attempt's number over the delivery's life, and within the current schedule round. */
  attempt: number;
  roundAttempt: number;
  trigger: WebhookTrigger;
  url: string;
  /**
   * What signs this attempt, sealed as stored: the subscription's secret, then the one before it
   * while in its grace.
   */
  sealedSecrets: string[];
  leaseToken: string;
  traceparent: string | null;
}

interface ClaimRow {
  id: string;
  subscription_id: string;
  event_type: string;
  body: string;
  attempts: number;
  round_attempts: number;
  trigger: WebhookTrigger;
  url: string;
  secret: string;
  previous_secret: string | null;
  traceparent: string | null;
}

/**
 * Takes up to `limit` due deliveries of enabled subscriptions, oldest due first. Rows other processes
 * hold are skipped; a holder that died lets go when its lease runs out, and the delivery is sent again.
 */
export async function claimDueDeliveries(
  db: Kysely<WebhooksDatabase>,
  limit: number,
  now: Date,
  leaseMs: number,
  leaseToken: string,
): Promise<ClaimedDelivery[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const { rows } = await sql<ClaimRow>`
    with due as (
      select d.id from ff_webhooks.deliveries d
      join ff_webhooks.subscriptions s on s.id = d.subscription_id
      where d.status = 'pending' and s.enabled and d.next_attempt_at <= ${now}
        and (d.lease_until is null or d.lease_until < ${now})
      order by d.next_attempt_at
      limit ${limit}
      for update of d skip locked
    )
    update ff_webhooks.deliveries d
    set lease_until = ${leaseUntil}, lease_token = ${leaseToken},
        attempts = d.attempts + 1, round_attempts = d.round_attempts + 1
    from due, ff_webhooks.subscriptions s
    where d.id = due.id and s.id = d.subscription_id
    returning d.id, d.subscription_id, d.event_type, d.body, d.attempts, d.round_attempts, d.trigger,
      d.traceparent, s.url, s.secret,
      case when s.previous_secret_expires_at > ${now} then s.previous_secret end as previous_secret`.execute(
    db,
  );
  return rows.map((r) => ({
    id: r.id,
    subscriptionId: r.subscription_id,
    eventType: r.event_type,
    body: r.body,
    attempt: r.attempts,
    roundAttempt: r.round_attempts,
    trigger: r.trigger,
    url: r.url,
    sealedSecrets: r.previous_secret ? [r.secret, r.previous_secret] : [r.secret],
    leaseToken,
    traceparent: r.traceparent,
  }));
}

/** When the next pending delivery of an enabled subscription falls due (or its lease ends), if any. */
export async function nextDueAt(db: Kysely<WebhooksDatabase>): Promise<Date | null> {
  const { rows } = await sql<{ due: Date | string | null }>`
    select min(greatest(d.next_attempt_at, coalesce(d.lease_until, d.next_attempt_at))) as due
    from ff_webhooks.deliveries d
    join ff_webhooks.subscriptions s on s.id = d.subscription_id
    where d.status = 'pending' and s.enabled`.execute(db);
  const due = rows[0]?.due;
  return due ? new Date(due) : null;
}
