import { setTimeout as sleep } from 'node:timers/promises';
import type { WebhookAttemptView, WebhookDeliveryDetail } from '@fuzzforge/contracts';
import { FuzzForgeApiError, type FuzzForgeClient } from '@fuzzforge/sdk';

/** How a ping went, as `ff webhooks ping` reports it. */
export type PingVerdict =
  | { kind: 'accepted'; attempt: WebhookAttemptView }
  | { kind: 'not-accepted'; attempt: WebhookAttemptView }
  | { kind: 'no-attempt-yet' };

/** The verdict on a ping's delivery from its first attempt. Pure. */
export function pingVerdictOf(delivery: WebhookDeliveryDetail | undefined): PingVerdict {
  const attempt = delivery?.attemptLog[0];
  if (!attempt) return { kind: 'no-attempt-yet' };
  return attempt.outcome === 'succeeded' ? { kind: 'accepted', attempt } : { kind: 'not-accepted', attempt };
}

/**
 * Follows a ping's delivery until its first attempt is logged or `timeoutMs` passes. The delivery may
 * not exist yet (the webhooks service has not fanned the ping out): that is waited for too.
 */
export async function awaitPingAttempt(
  client: FuzzForgeClient,
  webhookId: string,
  deliveryId: string,
  timeoutMs: number,
): Promise<{ verdict: PingVerdict; delivery: WebhookDeliveryDetail | undefined }> {
  const deadline = Date.now() + timeoutMs;
  let delivery: WebhookDeliveryDetail | undefined;
  for (;;) {
    delivery = await client.webhooks.delivery(webhookId, deliveryId).catch((err: unknown) => {
      if (err instanceof FuzzForgeApiError && err.code === 'webhook-delivery-not-found') return undefined;
      throw err;
    });
    const verdict = pingVerdictOf(delivery);
    if (verdict.kind !== 'no-attempt-yet' || Date.now() >= deadline) return { verdict, delivery };
    await sleep(300);
  }
}
