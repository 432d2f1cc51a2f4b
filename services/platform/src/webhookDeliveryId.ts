import { createHash } from 'node:crypto';

/**
 * The delivery id (also the `webhook-id` header): the same for one event and one subscription, always.
 * The webhooks service plans deliveries under it; the API answers a ping with it.
 */
export function deliveryIdOf(subscriptionId: string, eventId: string): string {
  const digest = createHash('sha256').update(`${subscriptionId}\n${eventId}`).digest('hex');
  return `msg_${digest.slice(0, 32)}`;
}
